import { expect } from 'chai';
import { WRITE_RULES, applyEvent, decideWrite, mayWriteRegistry, mrReadAccess, mrWriteDenial, readDenial } from '@cargotrace/chaincode';
import {
  EVENT_KINDS,
  ORG_KINDS,
  goodsMapKey,
  validateEvent,
  type CustodyEvent,
  type EventKind,
  type GoodsState,
  type OrgKind,
  type Party,
} from '@cargotrace/model';
import { defined } from '../support/defined';
import { codeWord, markdownTable } from '../support/markdown-table';
import { callerFor, demoConfig, demoRegistry, event } from './fixtures';

/** The authorisation table as the brief states it, written out independently of WRITE_RULES. */
const EXPECTED: Record<OrgKind, EventKind[]> = {
  gacc: [],
  customs: [
    'DECLARED',
    'ARRIVED',
    'GATE_IN',
    'GATE_OUT',
    'INSPECTION_ORDERED',
    'INSPECTED',
    'HELD',
    'RELEASED',
    'HANDED_OFF',
    'TAKEN_OVER',
    'STATUS_CHANGED',
    'EXPORTED',
    'CORRECTION',
  ],
  ciq: ['QUARANTINE_RESULT', 'INSPECTED', 'CORRECTION'],
  warehouse: [
    'RECEIVED',
    'STORED',
    'MOVED',
    'PICKED',
    'DISPATCHED',
    'STOCKTAKE',
    'STATUS_CHANGED',
    'PROCESSED',
    'PACKED',
    'UNPACKED',
    'GATE_IN',
    'GATE_OUT',
    'LOADED',
    'UNLOADED',
    'HANDED_OFF',
    'TAKEN_OVER',
    'CORRECTION',
  ],
  carrier: ['MANIFEST_FILED', 'LOADED', 'DEPARTED', 'ARRIVED', 'UNLOADED', 'HANDED_OFF', 'TAKEN_OVER', 'CORRECTION'],
  'partner-customs': [],
};

/** A user of each org kind, writing in district 2305 (SIP). */
const USER_OF: Record<OrgKind, string> = {
  gacc: 'gateway-service',
  customs: 'sip-officer',
  ciq: 'ciq-inspector',
  warehouse: 'sip-warehouse-operator',
  carrier: 'sinotrans-dispatcher',
  'partner-customs': 'vietnam-liaison',
};

/** A semantically valid event of `kind` in 2305 at the SIP warehouse. */
function eventOf(kind: EventKind, overrides: Partial<CustodyEvent> = {}): CustodyEvent {
  const e = event({ kind });
  if (kind === 'STATUS_CHANGED') e.supervisionStatus = 'non-bonded';
  if (kind === 'INSPECTED' || kind === 'QUARANTINE_RESULT') e.result = 'pass';
  if (kind === 'PROCESSED') {
    e.inputs = [{ goods: { type: 'part', id: 'P-1', book: 'E23050000001' } }];
    e.outputs = [{ goods: { type: 'lot', id: 'LOT-9' } }];
  }
  if (kind === 'PACKED' || kind === 'UNPACKED') {
    e.parent = { type: 'container', id: 'CSQU3054383' };
    e.goods = [{ type: 'container', id: 'CSQU3054383' }];
    e.children = [{ type: 'lot', id: 'LOT-1' }];
  }
  if (kind === 'HANDED_OFF') e.custody = { to: { org: 'SinoTransMSP' } };
  if (kind === 'CORRECTION') e.correctionOf = 'urn:uuid:earlier';
  return placedAt(e, overrides);
}

/** The event with the overrides; the SIP warehouse lies in 2305, so an event elsewhere names no
 * site unless the test gives one. */
function placedAt(e: CustodyEvent, overrides: Partial<CustodyEvent>): CustodyEvent {
  const placed = { ...e, ...overrides };
  if (overrides.district !== undefined && overrides.district !== '2305' && overrides.site === undefined) delete placed.site;
  return placed;
}

/** The event without a site (carriers act at no site of their own in the demo). */
function siteless(e: CustodyEvent): CustodyEvent {
  const copy = { ...e };
  delete copy.site;
  return copy;
}

describe('chaincode authorisation', () => {
  const registry = demoRegistry();

  it('WRITE_RULES holds exactly the expected table', () => {
    for (const orgKind of ORG_KINDS) {
      expect([...WRITE_RULES[orgKind].kinds].sort(), orgKind).to.deep.equal([...EXPECTED[orgKind]].sort());
    }
  });

  describe('every org kind × every event kind (decideWrite)', () => {
    for (const orgKind of ORG_KINDS) {
      for (const kind of EVENT_KINDS) {
        const allowed = EXPECTED[orgKind].includes(kind);
        it(`${orgKind} ${allowed ? 'may' : 'may not'} record ${kind}`, () => {
          const caller = callerFor(USER_OF[orgKind]);
          const e = orgKind === 'carrier' ? siteless(eventOf(kind)) : eventOf(kind);
          expect(validateEvent(e)).to.deep.equal([]);
          const decision = decideWrite({ caller, registry, event: e, index: 2, correctedBy: caller.mspId });
          if (allowed) expect(decision).to.equal(undefined);
          else expect(decision).to.include({ code: 'FORBIDDEN', path: '/2/kind', index: 2 });
        });
      }
    }
  });

  it('only customs may hold and release', () => {
    const holders = ORG_KINDS.filter((k) => EXPECTED[k].includes('HELD') || EXPECTED[k].includes('RELEASED'));
    expect(holders).to.deep.equal(['customs']);
  });

  describe('roles, districts and sites', () => {
    const decide = (user: string, e: CustodyEvent, extra: object = {}) =>
      decideWrite({ caller: callerFor(user), registry, event: e, index: 0, ...extra });

    it('customs analysts record nothing', () => {
      expect(decide('nanjing-analyst', eventOf('DECLARED', { district: '2300' }))).to.include({ code: 'FORBIDDEN', path: '/0/kind' });
    });

    it('customs write in the caller district and below, within the org districts', () => {
      expect(decide('nanjing-officer', eventOf('DECLARED', { district: '2305' }))).to.equal(undefined);
      expect(decide('nanjing-officer', eventOf('DECLARED', { district: '2300' }))).to.equal(undefined);
      expect(decide('sip-officer', eventOf('DECLARED', { district: '2300' }))).to.include({ code: 'FORBIDDEN', path: '/0/district' });
      expect(decide('yangshan-officer', eventOf('DECLARED', { district: '2305' }))).to.include({ code: 'FORBIDDEN', path: '/0/district' });
    });

    it('unknown districts are UNKNOWN_DISTRICT', () => {
      expect(decide('sip-officer', eventOf('DECLARED', { district: '9999' }))).to.include({
        code: 'UNKNOWN_DISTRICT',
        path: '/0/district',
      });
    });

    it('ciq writes in its registered districts only', () => {
      expect(decide('ciq-inspector', eventOf('QUARANTINE_RESULT', { district: '2248' }))).to.equal(undefined);
      expect(decide('ciq-inspector', eventOf('QUARANTINE_RESULT', { district: '0000' }))).to.include({
        code: 'FORBIDDEN',
        path: '/0/district',
      });
    });

    it('warehouses must name one of their own sites in the event district', () => {
      const e = eventOf('STORED');
      delete e.site;
      expect(decide('sip-warehouse-operator', e)).to.include({ code: 'VALIDATION_FAILED', path: '/0/site' });
      expect(decide('sip-warehouse-operator', eventOf('STORED', { site: 'CNYSA-T4' }))).to.include({ code: 'FORBIDDEN', path: '/0/site' });
      expect(decide('sip-warehouse-operator', eventOf('STORED', { site: 'NOWHERE' }))).to.include({
        code: 'UNKNOWN_SITE',
        path: '/0/site',
      });
      expect(decide('sip-warehouse-operator', eventOf('STORED', { site: 'CNSZP-BZ-GATE1' }))).to.equal(undefined);
    });

    it('actor.org must be the caller', () => {
      expect(decide('sip-warehouse-operator', eventOf('STORED', { actor: { org: 'YangshanTerminalMSP' } }))).to.include({
        code: 'FORBIDDEN',
        path: '/0/actor/org',
      });
      expect(
        decide('sip-warehouse-operator', eventOf('STORED', { actor: { org: 'SipLogisticsMSP', enterpriseCode: '3205960123' } })),
      ).to.equal(undefined);
    });

    it('only the recording org may correct an event', () => {
      expect(decide('sip-warehouse-operator', eventOf('CORRECTION'), { correctedBy: 'SinoTransMSP' })).to.include({
        code: 'FORBIDDEN',
        path: '/0/correctionOf',
      });
      expect(decide('sip-warehouse-operator', eventOf('CORRECTION'), { correctedBy: 'SipLogisticsMSP' })).to.equal(undefined);
    });

    it('warehouses may only bring goods in another org custody into their own', () => {
      const other: Party = { org: 'SinoTransMSP' };
      const lot = { type: 'lot' as const, id: 'LOT-7' };
      const goods = [{ type: 'container' as const, id: 'CSQU3054383' }, lot];
      const custodians = new Map<string, Party | undefined>([[goodsMapKey(lot), other]]);
      for (const kind of ['STORED', 'MOVED', 'DISPATCHED', 'GATE_OUT'] as EventKind[]) {
        expect(decide('sip-warehouse-operator', eventOf(kind, { goods }), { custodians }), kind).to.include({
          code: 'FORBIDDEN',
          path: '/0/goods/1',
        });
      }
      for (const kind of ['RECEIVED', 'TAKEN_OVER', 'GATE_IN', 'UNLOADED'] as EventKind[]) {
        expect(decide('sip-warehouse-operator', eventOf(kind, { goods }), { custodians }), kind).to.equal(undefined);
      }
      const own = new Map<string, Party | undefined>([[goodsMapKey(lot), { org: 'SipLogisticsMSP' }]]);
      expect(decide('sip-warehouse-operator', eventOf('STORED', { goods }), { custodians: own })).to.equal(undefined);
    });
  });

  describe('where writers act (the table in docs/security.md)', () => {
    const table = new Map(markdownTable('docs/security.md', 'Where writers act').map((r) => [r['org kind'], r]));
    /** A kind each org kind may record that needs nothing but a place. */
    const KIND_OF: Partial<Record<OrgKind, EventKind>> = { customs: 'ARRIVED', ciq: 'INSPECTED', warehouse: 'STORED', carrier: 'ARRIVED' };
    const sites = [...registry.sites.values()].map((s) => ({ id: s.site.id, district: s.site.district, org: s.org.mspId }));

    it('the table has a row per org kind and WRITE_RULES follows it', () => {
      expect([...table.keys()].sort()).to.deep.equal([...ORG_KINDS].sort());
      for (const orgKind of ORG_KINDS) {
        const row = defined(table.get(orgKind), orgKind);
        expect(WRITE_RULES[orgKind].siteRequired, orgKind).to.equal(codeWord(row.site) === 'required');
        expect(WRITE_RULES[orgKind].sites, orgKind).to.equal(codeWord(row['sites it may name']) === 'any' ? 'supervised' : 'own');
      }
    });

    for (const orgKind of ORG_KINDS) {
      const kind = KIND_OF[orgKind];
      if (!kind) continue;
      it(`${orgKind}: every registered site, in its district, against the table`, () => {
        const row = defined(table.get(orgKind), orgKind);
        const caller = callerFor(USER_OF[orgKind]);
        let checked = 0;
        for (const site of sites) {
          const at = eventOf(kind, { district: site.district, site: site.id, goods: [{ type: 'container', id: 'CSQU3054383' }] });
          const nowhere = siteless(at);
          const placeless = decideWrite({ caller, registry, event: nowhere, index: 0 });
          // Districts the caller may not write in fail before the site is looked at.
          if (placeless?.path === '/0/district') continue;
          checked++;
          if (codeWord(row.site) === 'required') expect(placeless, `${orgKind} without a site`).to.include({ path: '/0/site' });
          else expect(placeless, `${orgKind} without a site`).to.equal(undefined);
          const mayName = codeWord(row['sites it may name']) === 'any' || site.org === caller.mspId;
          const decision = decideWrite({ caller, registry, event: at, index: 0 });
          if (mayName) expect(decision, `${orgKind} at ${site.id}`).to.equal(undefined);
          else expect(decision, `${orgKind} at ${site.id}`).to.include({ code: 'FORBIDDEN', path: '/0/site' });
        }
        expect(checked, 'sites in a district the caller writes in').to.be.greaterThan(0);
      });
    }

    it("a carrier may not unload at the terminal's site (issue 13)", () => {
      const unload = eventOf('UNLOADED', { district: '2248', site: 'CNYSA-T4' });
      expect(decideWrite({ caller: callerFor('sinotrans-dispatcher'), registry, event: unload, index: 0 })).to.include({
        code: 'FORBIDDEN',
        path: '/0/site',
      });
      const site = eventOf('STORED', { district: '2248', site: 'CNSZP-BZ-WH01' });
      expect(
        decideWrite({ caller: callerFor('sip-officer'), registry, event: { ...site, kind: 'ARRIVED', district: '2305' }, index: 0 }),
      ).to.equal(undefined);
    });
  });

  describe('registry and read access', () => {
    it('the first registration must register the caller as gacc; later ones need a registered gacc', () => {
      const empty = { districts: [], organisations: [] };
      const gacc = callerFor('gateway-service');
      const orgs = demoConfig().organisations;
      expect(mayWriteRegistry(empty, gacc, orgs)).to.equal(undefined);
      expect(
        mayWriteRegistry(
          empty,
          gacc,
          orgs.filter((o) => o.kind !== 'gacc'),
        ),
      ).to.be.a('string');
      expect(mayWriteRegistry(empty, callerFor('nanjing-officer'), orgs)).to.be.a('string');
      expect(mayWriteRegistry(demoRegistry().registry, gacc)).to.equal(undefined);
      expect(mayWriteRegistry(demoRegistry().registry, callerFor('gacc-analyst'))).to.be.a('string');
      expect(mayWriteRegistry(demoRegistry().registry, { ...callerFor('nanjing-officer'), role: 'service' })).to.be.a('string');
    });

    it('partner customs read mutual-recognition records of their country only, and no custody data', () => {
      expect(readDenial(registry, callerFor('vietnam-liaison'))).to.be.a('string');
      expect(readDenial(registry, callerFor('sip-warehouse-operator'))).to.equal(undefined);
      expect(mrReadAccess(registry, callerFor('vietnam-liaison'))).to.deep.equal({ kind: 'country', country: 'VN' });
      expect(mrReadAccess(registry, callerFor('nanning-officer'))).to.deep.equal({ kind: 'full' });
      expect(mrReadAccess(registry, callerFor('sip-warehouse-operator')).kind).to.equal('none');
      expect(mrWriteDenial(registry, callerFor('vietnam-liaison'))).to.be.a('string');
      expect(mrWriteDenial(registry, callerFor('nanning-officer'))).to.equal(undefined);
      expect(mrWriteDenial(registry, callerFor('gateway-service'))).to.equal(undefined);
    });
  });
});

describe('chaincode goods state', () => {
  const container = { type: 'container' as const, id: 'CSQU3054383' };
  const sip = { mspId: 'SipLogisticsMSP', orgKind: 'warehouse' as const, enterpriseCode: '3205960123' };
  const sino = { mspId: 'SinoTransMSP', orgKind: 'carrier' as const, enterpriseCode: '3101930777' };
  const customs = { mspId: 'NanjingCustomsMSP', orgKind: 'customs' as const };

  it('derives custodian, statuses and open hand-offs in submission order', () => {
    const states = new Map<string, GoodsState | undefined>();
    const key = goodsMapKey(container);
    applyEvent(states, event({ id: 'a', kind: 'RECEIVED', seals: ['S1'] }), sip);
    expect(states.get(key)).to.deep.include({
      custodian: { org: 'SipLogisticsMSP', enterpriseCode: '3205960123' },
      eventCount: 1,
      seals: ['S1'],
    });
    applyEvent(states, event({ id: 'b', kind: 'DECLARED' }), customs);
    applyEvent(states, event({ id: 'c', kind: 'RELEASED', eventTime: '2026-11-19T00:00:00Z' }), customs);
    expect(states.get(key)).to.deep.include({ customsStatus: 'released', eventCount: 3, firstEventTime: '2026-11-19T00:00:00Z' });
    expect(defined(states.get(key), 'the container state').custodian).to.deep.equal({
      org: 'SipLogisticsMSP',
      enterpriseCode: '3205960123',
    });

    applyEvent(
      states,
      event({
        id: 'd',
        kind: 'HANDED_OFF',
        custody: { to: { org: 'SinoTransMSP' } },
        transit: { destinationDistrict: '2248', dueBy: '2026-11-21T00:00:00Z' },
      }),
      sip,
    );
    const handOffs = defined(states.get(key), 'the container state').openHandOffs;
    expect(handOffs).to.have.length(1);
    expect(handOffs[0]).to.deep.include({
      eventId: 'd',
      from: { org: 'SipLogisticsMSP', enterpriseCode: '3205960123' },
      to: { org: 'SinoTransMSP' },
    });
    applyEvent(states, event({ id: 'e', kind: 'TAKEN_OVER' }), sino);
    expect(states.get(key)).to.deep.include({
      custodian: { org: 'SinoTransMSP', enterpriseCode: '3101930777' },
      openHandOffs: [],
      lastEvent: { id: 'e', kind: 'TAKEN_OVER', eventTime: '2026-11-20T08:30:00+08:00' },
    });
  });

  it('tracks aggregation parents', () => {
    const states = new Map<string, GoodsState | undefined>();
    const lot = { type: 'lot' as const, id: 'LOT-1' };
    applyEvent(states, event({ id: 'p', kind: 'PACKED', goods: [container], parent: container, children: [lot] }), sip);
    expect(defined(states.get(goodsMapKey(lot)), 'the packed lot state').parent).to.deep.equal(container);
    applyEvent(states, event({ id: 'u', kind: 'UNPACKED', goods: [container], parent: container, children: [lot] }), sip);
    expect(defined(states.get(goodsMapKey(lot)), 'the unpacked lot state').parent).to.equal(undefined);
  });
});
