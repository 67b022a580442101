import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { canonicalJson, validateEvent } from '@cargotrace/model';
import type { CustodyEvent } from '@cargotrace/model';
import { defined } from '../support/defined';
import {
  EPCIS_JSON_SCHEMA,
  EpcisSchemaValidator,
  cbvEventHash,
  custodyToEpcisEvent,
  epcisDocumentToCustody,
  epcisEventList,
  epcisEventToCustody,
  epcisIdToEventId,
  preHashString,
  toEpcisDocument,
} from '@cargotrace/model/epcis';

/** GS1's official example documents, vendored with GS1's licence notice (see its README). */
const EXAMPLES = path.resolve(__dirname, '../../../test/fixtures/epcis');
type Obj = Record<string, unknown>;

function sameMember(key: string, a: unknown, b: unknown): boolean {
  if (key === 'eventTime' || key === 'recordTime') return Date.parse(a as string) === Date.parse(b as string);
  return canonicalJson(a) === canonicalJson(b);
}

/** The imported event `ev` has the time of the EPCIS event `e`, in its offset. */
function expectTimeCarried(ev: CustodyEvent, e: Obj): void {
  expect(Date.parse(ev.eventTime)).to.equal(Date.parse(e.eventTime as string));
  expect(
    ev.eventTime.endsWith((e.eventTimeZoneOffset as string).replace('+00:00', 'Z')) ||
      ev.eventTime.endsWith(e.eventTimeZoneOffset as string),
  ).to.equal(true);
}

/** Every EPC of `e` is among the goods of `ev`; an aggregation's parent is its parent. */
function expectGoodsCarried(ev: CustodyEvent, e: Obj): void {
  const ids = ev.goods.map((g) => g.id);
  for (const k of ['epcList', 'childEPCs', 'inputEPCList', 'outputEPCList'])
    for (const epc of (e[k] as string[] | undefined) ?? []) expect(ids).to.include(epc);
  if (e.parentID) expect(ids).to.include(e.parentID);
  if (e.parentID && ['PACKED', 'UNPACKED'].includes(ev.kind)) expect(ev.parent?.id).to.equal(e.parentID);
}

/** Where, why (bizTransactions) and sensors of `e` are in `ev`. */
function expectContextCarried(ev: CustodyEvent, e: Obj): void {
  if (e.bizLocation) expect(ev.site).to.equal((e.bizLocation as Obj).id);
  if (e.readPoint) expect(ev.readPoint).to.equal((e.readPoint as Obj).id);
  if (e.bizTransactionList)
    expect(ev.references?.map((r) => r.id)).to.deep.equal((e.bizTransactionList as Obj[]).map((b) => b.bizTransaction));
  if (e.sensorElementList) expect(ev.evidence?.sensors?.length).to.be.greaterThan(0);
}

/** `ev`'s id (or the id it corrects) comes from `e`'s eventID or hash; its EPCIS type is kept. */
function expectIdentityCarried(ev: CustodyEvent, e: Obj): void {
  if (e.errorDeclaration) expect(ev).to.include({ kind: 'CORRECTION', correctionOf: epcisIdToEventId(e.eventID as string) });
  else if (e.eventID) expect(ev.id).to.equal(epcisIdToEventId(e.eventID as string));
  else expect(ev.id).to.match(/^ni:\/\/\/sha-256:[0-9a-f]{64}$/);
  expect((ev.extensions?.epcis as Obj).type).to.equal(e.type);
}

describe('model GS1 EPCIS 2.0 mapping and event hash ids (@cargotrace/model/epcis)', () => {
  const files = fs.existsSync(EXAMPLES)
    ? fs
        .readdirSync(EXAMPLES)
        .filter((f) => /\.json(ld)?$/.test(f))
        .sort()
    : [];

  it('finds the official schema and the examples in the repository', () => {
    const vendored = EpcisSchemaValidator.load();
    expect(vendored.source).to.equal('@cargotrace/model');
    expect(EPCIS_JSON_SCHEMA.$id).to.equal('https://gs1.github.io/EPCIS/EPCIS-JSON-Schema.json');
    expect(vendored.validate({ type: 'EPCISDocument' }), 'a document without its members is refused').to.not.deep.equal([]);
    expect(files).to.have.length(12);
    expect(fs.existsSync(path.join(EXAMPLES, 'GS1-DISCLAIMER.txt')), 'GS1 licence notice beside the examples').to.equal(true);
  });

  for (const f of files) {
    it(`round-trips ${f}: import → export validates and keeps every field`, () => {
      const validator = EpcisSchemaValidator.load();
      const doc = JSON.parse(fs.readFileSync(path.join(EXAMPLES, f), 'utf8')) as Obj;
      expect(validator.validate(doc), 'source validates').to.deep.equal([]);
      const original = epcisEventList(doc);
      const custody = epcisDocumentToCustody(doc, { district: '2305' });
      expect(custody).to.have.length(original.length);

      custody.forEach((ev, i) => {
        const e = original[i];
        expect(validateEvent(ev), `custody event ${i} valid`).to.deep.equal([]);
        // fields both models have are carried by the custody fields themselves
        expectTimeCarried(ev, e);
        expectGoodsCarried(ev, e);
        expectContextCarried(ev, e);
        expectIdentityCarried(ev, e);
      });

      // through JSON, as the ledger stores it
      const stored = JSON.parse(JSON.stringify(custody)) as CustodyEvent[];
      const exported = toEpcisDocument(stored, { creationDate: '2026-11-23T00:00:00Z' });
      expect(validator.validate(exported), 'export validates').to.deep.equal([]);
      const out = epcisEventList(exported);
      expect(out).to.have.length(original.length);
      original.forEach((e, i) => {
        for (const [k, v] of Object.entries(e)) expect(sameMember(k, v, out[i][k]), `${f} event ${i} member ${k}`).to.equal(true);
        if (!e.eventID) expect(out[i].eventID).to.equal(cbvEventHash(e, doc['@context']));
        for (const k of Object.keys(out[i]))
          expect(k in e || k.startsWith('cargotrace:') || k === 'eventID', `unexpected member ${k}`).to.equal(true);
      });
      // the exported document imports to the same custody events
      const again = epcisDocumentToCustody(exported);
      expect(again.map((x) => x.id)).to.deep.equal(custody.map((x) => x.id));
      expect(again.map((x) => x.district)).to.deep.equal(custody.map((x) => x.district));
    });
  }

  it('computes the CBV 2.0 event hash (reference vector)', () => {
    const event = {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'shipping',
      disposition: 'in_transit',
      epcList: ['urn:epc:id:sgtin:0614141.107346.2017', 'urn:epc:id:sgtin:0614141.107346.2018'],
      eventTime: '2022-02-16T20:33:31.116000-06:00',
      eventTimeZoneOffset: '-06:00',
      readPoint: { id: 'urn:epc:id:sgln:0614141.07346.1234' },
      bizTransactionList: [{ type: 'po', bizTransaction: 'http://transaction.acme.com/po/12345678' }],
    };
    expect(preHashString(event)).to.equal(
      'eventType=ObjectEventeventTime=2022-02-17T02:33:31.116ZeventTimeZoneOffset=-06:00epcListepc=https://id.gs1.org/01/10614141073464/21/2017epc=https://id.gs1.org/01/10614141073464/21/2018action=OBSERVEbizStep=https://ref.gs1.org/cbv/BizStep-shippingdisposition=https://ref.gs1.org/cbv/Disp-in_transitreadPointid=https://id.gs1.org/414/0614141073467/254/1234bizTransactionListtype=https://ref.gs1.org/cbv/BTT-pobizTransaction=http://transaction.acme.com/po/12345678',
    );
    expect(cbvEventHash(event)).to.equal('ni:///sha-256;ffa491b16867e34a7791a8d5389d826afc24e63a121026b6a4004ace38631b4b?ver=CBV2.0');
    // member order and equivalent time notations do not change the hash
    const reordered = Object.fromEntries(Object.entries(event).reverse());
    expect(cbvEventHash({ ...reordered, eventTime: '2022-02-17T02:33:31.116Z' })).to.equal(cbvEventHash(event));
  });

  it('maps unknown bizSteps to a kind and keeps the original; district comes from the option', () => {
    const e = {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'commissioning',
      epcList: ['urn:epc:id:sgtin:0614141.107346.1'],
      eventTime: '2024-01-01T00:00:00Z',
      eventTimeZoneOffset: '+08:00',
    };
    const ev = epcisEventToCustody(e, { district: '2248' });
    expect(ev.district).to.equal('2248');
    expect(ev.eventTime).to.equal('2024-01-01T08:00:00+08:00');
    expect((defined(ev.extensions, 'extensions').epcis as Obj).fields).to.deep.include({ bizStep: 'commissioning' });
    expect(custodyToEpcisEvent(ev).bizStep).to.equal('commissioning');
  });

  it('a bizStep named like an Object member (constructor, toString, __proto__) maps to no kind, not to a built-in', () => {
    for (const bizStep of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const ev = epcisEventToCustody(
        {
          type: 'ObjectEvent',
          action: 'OBSERVE',
          bizStep,
          epcList: ['urn:epc:id:sgtin:0614141.107346.1'],
          eventTime: '2024-01-01T00:00:00Z',
          eventTimeZoneOffset: '+08:00',
        },
        { district: '2248' },
      );
      expect(ev.kind, bizStep).to.equal('MOVED');
      expect(validateEvent(ev), bizStep).to.deep.equal([]);
    }
  });

  it('exports native custody events (containers, seals, custody hand-off) as valid EPCIS and imports them back', () => {
    const validator = EpcisSchemaValidator.load();
    const native: CustodyEvent[] = [
      {
        id: 'demo-a06',
        kind: 'HANDED_OFF',
        goods: [{ type: 'container', id: 'COSU6331218' }],
        eventTime: '2026-11-20T06:00:00+08:00',
        district: '2248',
        site: 'CNYSA-T4',
        actor: { org: 'YangshanTerminalMSP', enterpriseCode: '3122960001' },
        custody: {
          from: { org: 'YangshanTerminalMSP', enterpriseCode: '3122960001' },
          to: { org: 'SinoTransMSP', enterpriseCode: '3101930777' },
        },
        seals: ['SH2026A000123'],
        weight: { value: 18250, unit: 'kg' },
        references: [{ type: 'transit', id: 'Z224820261100123' }],
        transit: { destinationDistrict: '2305', dueBy: '2026-11-21T06:00:00+08:00' },
        disposition: 'released_for_transit',
      },
      {
        id: 'demo-a16',
        kind: 'PROCESSED',
        goods: [
          { type: 'lot', id: 'LOT-IN' },
          { type: 'part', id: 'PN-7788-A', book: 'E23052600001' },
          { type: 'lot', id: 'LOT-OUT' },
        ],
        eventTime: '2026-11-21T06:00:00+08:00',
        district: '2305',
        inputs: [
          { goods: { type: 'lot', id: 'LOT-IN' }, quantity: { value: 1000, unit: 'CT' } },
          { goods: { type: 'part', id: 'PN-7788-A', book: 'E23052600001' }, quantity: { value: 4000, unit: 'PCE' } },
        ],
        outputs: [{ goods: { type: 'lot', id: 'LOT-OUT' }, quantity: { value: 800, unit: 'CT' } }],
      },
      {
        id: 'demo-a18',
        kind: 'PACKED',
        goods: [
          { type: 'container', id: 'TGHU8827013' },
          { type: 'lot', id: 'LOT-OUT' },
        ],
        eventTime: '2026-11-21T12:00:00+08:00',
        district: '2305',
        parent: { type: 'container', id: 'TGHU8827013' },
        children: [{ type: 'lot', id: 'LOT-OUT' }],
        seals: ['SZ2026B000456'],
        evidence: {
          documents: [{ name: 'packing-list.pdf', sha256: 'ab'.repeat(32) }],
          sensors: [{ type: 'Temperature', value: 21.5, unit: 'CEL', time: '2026-11-21T11:59:00+08:00' }],
        },
      },
    ];
    const doc = toEpcisDocument(native, { creationDate: '2026-11-23T00:00:00Z' });
    expect(validator.validate(doc)).to.deep.equal([]);
    const events = epcisEventList(doc);
    expect(events.map((e) => e.type)).to.deep.equal(['ObjectEvent', 'TransformationEvent', 'AggregationEvent']);
    const back = epcisDocumentToCustody(doc);
    back.forEach((b, i) => {
      const { extensions: _x, ...rest } = b;
      expect(canonicalJson(rest)).to.equal(canonicalJson(native[i]));
    });
  });
});
