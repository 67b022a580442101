// fabric-shim logs every failed transaction at error level; these tests fail many on purpose.
process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'CRITICAL';

import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EmbeddedNetwork, bootstrapRegistry, loadNetworkConfig, type ChaincodeEventMessage } from '@cargotrace/network';
import {
  parseChaincodeError,
  type AeoCertificate,
  type AppendResult,
  type CustodyEventsAppendedPayload,
  type ParsedChaincodeError,
  type EventRecord,
  type GoodsState,
  type HistoryEntry,
  type MrRecord,
  type Page,
  type Registry,
  type RelatedGoods,
} from '@cargotrace/model';
import { defined } from '../support/defined';
import { event as ev } from './fixtures';

const CHAINCODE_DIR = path.resolve(__dirname, '../../../chaincode');
const CH = 'district-2300';

describe('chaincode on the embedded ledger', function () {
  this.timeout(120_000);
  let dir: string;
  // Undefined until `before` has opened it (and still undefined in `after` when that failed).
  let opened: EmbeddedNetwork | undefined;
  const network = (): EmbeddedNetwork => defined(opened, 'the embedded network');

  // The answer's type is the caller's claim about the transaction (`unknown` when it does not matter).
  const submit = async <T = unknown>(user: string, fcn: string, args: string[], channel = CH): Promise<T> => {
    const net = network();
    const r = await net.channel(channel).submit(net.identity(user), fcn, args);
    return JSON.parse(r.payload.toString('utf8')) as T;
  };
  const evaluate = async <T = unknown>(user: string, fcn: string, args: string[], channel = CH): Promise<T> => {
    const net = network();
    return JSON.parse((await net.channel(channel).evaluate(net.identity(user), fcn, args)).toString('utf8')) as T;
  };
  const append = (user: string, events: unknown[]) => submit<AppendResult>(user, 'custody:appendEvents', [JSON.stringify(events)]);
  const failure = async (p: Promise<unknown>): Promise<ParsedChaincodeError> => {
    try {
      await p;
    } catch (err) {
      const body = parseChaincodeError((err as Error).message);
      if (!body) throw err;
      return body;
    }
    throw new Error('expected the transaction to fail');
  };
  const notFound = async (id: string) =>
    expect((await failure(evaluate('nanjing-officer', 'custody:getEvent', [id]))).code).to.equal('NOT_FOUND');

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cargotrace-cc-'));
    const config = loadNetworkConfig();
    const net = (opened = await EmbeddedNetwork.open({ dataDir: dir, config, chaincodeDir: CHAINCODE_DIR }));
    await bootstrapRegistry(
      {
        submit: (channel, user, fcn, args) => net.channel(channel).submit(net.identity(user), fcn, args),
        evaluate: async (channel, user, fcn, args) => (await net.channel(channel).evaluate(net.identity(user), fcn, args)).toString('utf8'),
      },
      config,
    );
  });

  after(async () => {
    await opened?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('bootstraps each channel registry once, as GACC', async () => {
    const registry = await evaluate<Registry>('sip-warehouse-operator', 'registry:getRegistry', []);
    expect(registry.districts.map((d) => d.code)).to.deep.equal(['0000', '2300', '2305']);
    expect(registry.organisations.map((o) => o.mspId)).to.include.members([
      'GACCMSP',
      'NanjingCustomsMSP',
      'SipLogisticsMSP',
      'CIQMSP',
      'SinoTransMSP',
    ]);
    const denied = await failure(
      submit('nanjing-officer', 'registry:registerDistricts', [
        JSON.stringify([{ code: '2399', name: 'x', level: 'subordinate', parent: '2300' }]),
      ]),
    );
    expect(denied.code).to.equal('FORBIDDEN');
  });

  it('appends events, records who and when, derives goods state and emits one chaincode event', async () => {
    const events: ChaincodeEventMessage[] = [];
    const listener = (m: ChaincodeEventMessage) => events.push(m);
    network().channel(CH).on('chaincodeEvent', listener);
    const a = ev({ goods: [{ type: 'container', id: 'TGHU7654320' }], seals: ['SEAL-1'] });
    const b = ev({ kind: 'STORED', goods: [{ type: 'container', id: 'TGHU7654320' }], eventTime: '2026-11-20T09:00:00+08:00' });
    const result = await append('sip-warehouse-operator', [a, b]);
    network().channel(CH).off('chaincodeEvent', listener);
    expect(result.results).to.deep.equal([
      { id: a.id, status: 'accepted' },
      { id: b.id, status: 'accepted' },
    ]);
    expect(result.txTime).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const record = await evaluate<EventRecord>('nanjing-officer', 'custody:getEvent', [a.id]);
    expect(record.event).to.deep.equal(a);
    expect(record.recordedBy).to.deep.equal({ mspId: 'SipLogisticsMSP', id: 'sip-warehouse-operator', role: 'operator', district: '2305' });
    expect(record.recordedTime).to.equal(result.txTime);

    const state = await evaluate<GoodsState>('nanjing-officer', 'custody:getGoods', ['container', 'TGHU7654320']);
    expect(state).to.deep.include({
      custodian: { org: 'SipLogisticsMSP', enterpriseCode: '3205960123' },
      eventCount: 2,
      seals: ['SEAL-1'],
      site: 'CNSZP-BZ-WH01',
    });
    expect(state.lastEvent.id).to.equal(b.id);

    expect(events).to.have.length(1);
    expect(events[0].eventName).to.equal('CustodyEventsAppended');
    const payload = JSON.parse(events[0].payload.toString('utf8')) as CustodyEventsAppendedPayload;
    expect(payload.events.map((e) => e.id)).to.deep.equal([a.id, b.id]);
    expect(payload.txId).to.equal(events[0].txId);
  });

  it('is idempotent per event id and reports conflicts at /i/id without writing', async () => {
    const a = ev({ goods: [{ type: 'lot', id: 'LOT-IDEM' }] });
    await append('sip-warehouse-operator', [a]);
    const again = await append('sip-warehouse-operator', [a, a]);
    expect(again.results.map((r) => r.status)).to.deep.equal(['duplicate', 'duplicate']);
    // Same content with keys in another order is the same event.
    const reordered = JSON.parse(
      JSON.stringify({ site: a.site, district: a.district, eventTime: a.eventTime, goods: a.goods, kind: a.kind, id: a.id }),
    ) as unknown;
    expect((await append('sip-warehouse-operator', [reordered])).results[0].status).to.equal('duplicate');

    const fresh = ev({ goods: [{ type: 'lot', id: 'LOT-IDEM' }] });
    const conflict = await failure(append('sip-warehouse-operator', [fresh, { ...a, seals: ['OTHER'] }]));
    expect(conflict).to.include({ code: 'CONFLICT', path: '/1/id', index: 1 });
    await notFound(fresh.id);
    const inBatch = await failure(append('sip-warehouse-operator', [fresh, { ...fresh, seals: ['X'] }]));
    expect(inBatch).to.include({ code: 'CONFLICT', path: '/1/id' });
    const state = await evaluate<GoodsState>('nanjing-officer', 'custody:getGoods', ['lot', 'LOT-IDEM']);
    expect(state.eventCount).to.equal(1);
  });

  it('is all-or-nothing: one bad event rejects the batch, with every error listed', async () => {
    const good = ev({ goods: [{ type: 'lot', id: 'LOT-AON' }] });
    const missingTime: Partial<ReturnType<typeof ev>> = ev();
    delete missingTime.eventTime;
    const badContainer = ev({ goods: [{ type: 'container', id: 'CSQU3054384' }] });
    const err = await failure(append('sip-warehouse-operator', [good, missingTime, good, badContainer]));
    expect(err).to.include({ code: 'VALIDATION_FAILED', path: '/1/eventTime', index: 1 });
    expect(defined(err.errors, 'the error list').map((e) => `${e.code} ${String(e.path)}`)).to.deep.equal([
      'VALIDATION_FAILED /1/eventTime',
      'INVALID_CONTAINER_NUMBER /3/goods/0/id',
    ]);
    await notFound(good.id);
    expect((await failure(evaluate('nanjing-officer', 'custody:getGoods', ['lot', 'LOT-AON']))).code).to.equal('NOT_FOUND');
    const tooMany = Array.from({ length: 1001 }, () => ev());
    expect(await failure(append('sip-warehouse-operator', tooMany))).to.include({ code: 'BATCH_TOO_LARGE', path: '' });
  });

  it('rejects unauthorised events with the path of the offending event and writes nothing', async () => {
    const ok = ev({ kind: 'QUARANTINE_RESULT', result: 'pass', goods: [{ type: 'lot', id: 'LOT-AUTH' }] });
    const held = ev({ kind: 'HELD', goods: [{ type: 'lot', id: 'LOT-AUTH' }] });
    const err = await failure(append('ciq-inspector', [ok, ok, held]));
    expect(err).to.include({ code: 'FORBIDDEN', path: '/2/kind', index: 2 });
    await notFound(ok.id);
    expect(await failure(append('nanjing-analyst', [ev({ kind: 'DECLARED', goods: [{ type: 'lot', id: 'LOT-AUTH' }] })]))).to.include({
      code: 'FORBIDDEN',
      path: '/0/kind',
    });
    expect(await failure(append('sip-officer', [ev({ kind: 'DECLARED', district: '2300' })]))).to.include({
      code: 'FORBIDDEN',
      path: '/0/district',
    });
    expect(await failure(append('gateway-service', [ev({ kind: 'DECLARED' })]))).to.include({ code: 'FORBIDDEN', path: '/0/kind' });
    expect(await failure(append('sip-officer', [ev({ kind: 'DECLARED', district: '2248' })]))).to.include({
      code: 'UNKNOWN_DISTRICT',
      path: '/0/district',
    });
    expect((await append('sip-officer', [ev({ kind: 'HELD', goods: [{ type: 'lot', id: 'LOT-AUTH' }] })])).results[0].status).to.equal(
      'accepted',
    );
  });

  it('hands off and takes over custody; warehouses cannot move goods in another org custody', async () => {
    const goods = [{ type: 'container' as const, id: 'MSKU1234565' }];
    await append('sip-warehouse-operator', [
      ev({ goods }),
      ev({
        kind: 'HANDED_OFF',
        goods,
        seals: ['S-9'],
        custody: { to: { org: 'SinoTransMSP' } },
        transit: { destinationDistrict: '2200', dueBy: '2026-11-22T00:00:00+08:00' },
      }),
    ]);
    let state = await evaluate<GoodsState>('nanjing-officer', 'custody:getGoods', ['container', 'MSKU1234565']);
    expect(state.openHandOffs).to.have.length(1);
    await append('sinotrans-dispatcher', [ev({ kind: 'TAKEN_OVER', goods, site: undefined, eventTime: '2026-11-20T10:00:00+08:00' })]);
    state = await evaluate('nanjing-officer', 'custody:getGoods', ['container', 'MSKU1234565']);
    expect(state.openHandOffs).to.deep.equal([]);
    expect(defined(state.custodian, 'the custodian').org).to.equal('SinoTransMSP');
    expect(await failure(append('sip-warehouse-operator', [ev({ kind: 'STORED', goods })]))).to.include({
      code: 'FORBIDDEN',
      path: '/0/goods/0',
    });
    const received = await append('sip-warehouse-operator', [ev({ kind: 'RECEIVED', goods })]);
    expect(received.results[0].status).to.equal('accepted');
    const history = await evaluate<Array<HistoryEntry<GoodsState>>>('nanjing-officer', 'custody:getGoodsHistory', [
      'container',
      'MSKU1234565',
    ]);
    const custodianAt = (i: number) => defined(defined(history[i].value, `version ${i}`).custodian, `custodian of version ${i}`).org;
    expect(history[0].timestamp).to.equal(received.txTime);
    expect(history).to.have.length(3);
    expect(custodianAt(0)).to.equal('SipLogisticsMSP');
    expect(custodianAt(1)).to.equal('SinoTransMSP');
    expect(history[0].timestamp).to.match(/Z$/);
  });

  it('lets only the recording org correct an event, and only an existing one', async () => {
    const a = ev({ goods: [{ type: 'lot', id: 'LOT-CORR' }] });
    await append('sip-warehouse-operator', [a]);
    const fix = ev({
      kind: 'CORRECTION',
      correctionOf: a.id,
      goods: [{ type: 'lot', id: 'LOT-CORR' }],
      quantity: { value: 5, unit: 'carton' },
    });
    expect(await failure(append('sinotrans-dispatcher', [{ ...fix, site: undefined }]))).to.include({
      code: 'FORBIDDEN',
      path: '/0/correctionOf',
    });
    expect(await failure(append('sip-warehouse-operator', [{ ...fix, correctionOf: 'urn:uuid:nope' }]))).to.include({
      code: 'NOT_FOUND',
      path: '/0/correctionOf',
    });
    expect((await append('sip-warehouse-operator', [fix])).results[0].status).to.equal('accepted');
  });

  it('takes 1,000 events on the same goods in one transaction', async () => {
    const goods = [{ type: 'lot' as const, id: 'LOT-BIG' }];
    const batch = Array.from({ length: 1000 }, (_, i) =>
      ev({ kind: 'MOVED', goods, eventTime: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString() }),
    );
    const result = await append('sip-warehouse-operator', batch);
    expect(result.results.filter((r) => r.status === 'accepted')).to.have.length(1000);
    const state = await evaluate<GoodsState>('nanjing-officer', 'custody:getGoods', ['lot', 'LOT-BIG']);
    expect(state.eventCount).to.equal(1000);
    expect(state.lastEvent.id).to.equal(batch[999].id);

    // Pagination over the goods' events, in event-time order.
    const seen: string[] = [];
    let bookmark = '';
    let pages = 0;
    do {
      const page = await evaluate<Page<EventRecord>>('nanjing-officer', 'custody:getGoodsEvents', ['lot', 'LOT-BIG', '300', bookmark]);
      seen.push(...page.records.map((r) => r.event.id));
      bookmark = page.bookmark;
      pages++;
    } while (bookmark);
    expect(pages).to.equal(4);
    expect(seen).to.deep.equal(batch.map((e) => e.id));
    expect((await failure(evaluate('nanjing-officer', 'custody:getGoodsEvents', ['lot', 'LOT-BIG', '1001', '']))).code).to.equal(
      'BAD_ARGUMENT',
    );
  });

  it('answers time-range queries by district and by kind across day buckets, page by page', async () => {
    const goods = [{ type: 'lot' as const, id: 'LOT-TIME' }];
    // Offsets put some events on a different UTC day than their local day.
    const times = [
      '2026-12-01T07:00:00+08:00',
      '2026-12-01T23:30:00+08:00',
      '2026-12-02T12:00:00Z',
      '2026-12-03T00:00:00Z',
      '2026-12-05T06:00:00-05:00',
      '2026-12-07T00:00:00Z',
    ];
    const batch = times.map((t) => ev({ kind: 'STOCKTAKE', goods, eventTime: t }));
    await append('sip-warehouse-operator', batch);

    const collect = async (fcn: string, attr: string, from: string, to: string, size: string) => {
      const ids: string[] = [];
      let bookmark = '';
      do {
        const page = await evaluate<Page<EventRecord>>('nanjing-officer', fcn, [attr, from, to, size, bookmark]);
        expect(page.records.length).to.be.at.most(Number(size));
        ids.push(...page.records.map((r) => r.event.id));
        bookmark = page.bookmark;
      } while (bookmark);
      return ids;
    };
    // [2026-12-01T00:00Z, 2026-12-07T00:00Z): all but the first (2026-11-30T23:00Z) and the last (exclusive end).
    const expected = batch.slice(1, 5).map((e) => e.id);
    expect(await collect('custody:queryEventsByKind', 'STOCKTAKE', '2026-12-01T00:00:00Z', '2026-12-07T00:00:00Z', '1')).to.deep.equal(
      expected,
    );
    expect(await collect('custody:queryEventsByKind', 'STOCKTAKE', '2026-12-01T00:00:00Z', '2026-12-07T00:00:00Z', '3')).to.deep.equal(
      expected,
    );
    const byDistrict = await collect('custody:queryEventsByDistrict', '2305', '2026-12-01T00:00:00Z', '2026-12-07T00:00:00.001Z', '2');
    expect(byDistrict).to.deep.equal(batch.slice(1).map((e) => e.id));
    expect(await collect('custody:queryEventsByDistrict', '2300', '2026-12-01T00:00:00Z', '2026-12-07T00:00:00Z', '10')).to.deep.equal([]);
    expect(
      (
        await failure(
          evaluate('nanjing-officer', 'custody:queryEventsByKind', ['STOCKTAKE', '2020-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '10', '']),
        )
      ).code,
    ).to.equal('BAD_ARGUMENT');
  });

  it('links aggregation and processing', async () => {
    const box = { type: 'container' as const, id: 'APZU4212136' };
    const lot = { type: 'lot' as const, id: 'LOT-PACK' };
    await append('sip-warehouse-operator', [
      ev({ kind: 'PACKED', goods: [box], parent: box, children: [lot] }),
      ev({
        kind: 'PROCESSED',
        goods: [lot],
        inputs: [{ goods: { type: 'part', id: 'PN-1', book: 'E2305001' }, quantity: { value: 3, unit: 'pcs' } }],
        outputs: [{ goods: lot }],
      }),
    ]);
    const related = await evaluate<RelatedGoods>('nanjing-officer', 'custody:getRelatedGoods', ['lot', 'LOT-PACK']);
    expect(related.parent).to.deep.equal(box);
    expect(related.links.map((l) => `${l.relation} ${l.goods.type} ${l.goods.id}`).sort()).to.deep.equal([
      'input part PN-1',
      'parent container APZU4212136',
    ]);
    const part = await evaluate<GoodsState>('nanjing-officer', 'custody:getGoods', ['part', 'E2305001|PN-1']);
    expect(part.goods).to.deep.equal({ type: 'part', id: 'PN-1', book: 'E2305001' });
  });

  it('shares mutual-recognition records with the partner customs they name', async () => {
    const cert = {
      enterpriseCode: '4506960045',
      enterpriseName: 'Youyiguan Border Logistics',
      level: 'advanced',
      validFrom: '2026-01-01',
      validTo: '2028-12-31',
      issuingCustoms: 'CN',
      partnerCustoms: ['VN'],
      status: 'valid',
    };
    const other = { ...cert, enterpriseCode: '3205960123', partnerCustoms: ['SG'] };
    const MR = 'mutual-recognition';
    await submit('nanning-officer', 'mutualRecognition:putAeoCertificate', [JSON.stringify(cert)], MR);
    await submit('nanning-officer', 'mutualRecognition:putAeoCertificate', [JSON.stringify(other)], MR);
    await submit('nanning-officer', 'mutualRecognition:putAeoCertificate', [JSON.stringify({ ...cert, status: 'suspended' })], MR);
    const seen = await evaluate<MrRecord<AeoCertificate>>('vietnam-liaison', 'mutualRecognition:getAeoCertificate', ['4506960045'], MR);
    expect(seen.value.status).to.equal('suspended');
    expect((await failure(evaluate('vietnam-liaison', 'mutualRecognition:getAeoCertificate', ['3205960123'], MR))).code).to.equal(
      'NOT_FOUND',
    );
    const list = await evaluate<Page<MrRecord<AeoCertificate>>>('vietnam-liaison', 'mutualRecognition:listAeoCertificates', ['', ''], MR);
    expect(list.records.map((r) => r.value.enterpriseCode)).to.deep.equal(['4506960045']);
    const history = await evaluate<Array<HistoryEntry<MrRecord<AeoCertificate>>>>(
      'vietnam-liaison',
      'mutualRecognition:getAeoCertificateHistory',
      ['4506960045'],
      MR,
    );
    expect(history.map((h) => defined(h.value, 'a certificate version').value.status)).to.deep.equal(['suspended', 'valid']);
    expect((await failure(submit('vietnam-liaison', 'mutualRecognition:putAeoCertificate', [JSON.stringify(cert)], MR))).code).to.equal(
      'FORBIDDEN',
    );
    expect(
      await failure(submit('nanning-officer', 'mutualRecognition:putAeoCertificate', [JSON.stringify({ ...cert, level: 'gold' })], MR)),
    ).to.include({ code: 'VALIDATION_FAILED', path: '/level' });
  });
});
