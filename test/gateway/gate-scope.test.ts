import { expect } from 'chai';
import { loadNetworkConfig } from '@cargotrace/network';
import { ApiKeys, decideGate, eventInScope, goodsVisible, readScopeOf, requestPath, routeEvents } from '@cargotrace/gateway';
import { parseChaincodeError } from '@cargotrace/model';
import { mergeRecords } from '@cargotrace/gateway/trace';
import { defined } from '../support/defined';
import { demoRecords, recordsOf } from './support/demo-records';

const config = loadNetworkConfig();
const now = new Date();
const records = demoRecords(config, now);
const keys = new ApiKeys(config);
const viewer = (key: string) => defined(keys.fromHeader(`Bearer ${key}`), `the viewer of ${key}`);
const box = (id: string) => mergeRecords([recordsOf(records, 'container', id)]);

describe('gateway gate check (pure)', () => {
  it('allows a released container whose seals and weight match', () => {
    const d = decideGate(box('TGHU8827013'), { direction: 'OUT' });
    expect(d.decision).to.equal('ALLOW');
    expect(d.reasons.map((r) => r.code)).to.deep.equal(['KNOWN_GOODS', 'RELEASED', 'NOT_HELD', 'SEALS_MATCH', 'WEIGHT_WITHIN_TOLERANCE']);
  });
  it('denies with reasons: not released, seal mismatch, weight, unknown', () => {
    const notReleased = decideGate(box('COSU6331218'), { direction: 'OUT' });
    expect(notReleased.decision).to.equal('DENY');
    expect(defined(notReleased.reasons.find((r) => r.code === 'RELEASED')).ok).to.equal(false);
    const seals = decideGate(box('OOLU4582102'), { direction: 'IN' });
    expect(seals.decision).to.equal('DENY');
    expect(seals.reasons.filter((r) => !r.ok).map((r) => r.code)).to.deep.equal(['SEALS_MATCH']);
    const heavy = decideGate(box('TGHU8827013'), { direction: 'OUT', grossWeightKg: 13000 });
    expect(heavy.reasons.filter((r) => !r.ok).map((r) => r.code)).to.deep.equal(['WEIGHT_WITHIN_TOLERANCE']);
    const wrongSeal = decideGate(box('TGHU8827013'), { direction: 'OUT', seals: ['XX1'] });
    expect(wrongSeal.decision).to.equal('DENY');
    expect(decideGate([], { direction: 'IN' }).reasons[0]).to.include({ code: 'KNOWN_GOODS', ok: false });
  });
});

describe('gateway read scope (three levels)', () => {
  const sees = (key: string, id: string) => goodsVisible(readScopeOf(viewer(key), config), recordsOf(records, 'container', id));
  it('GACC sees everything; partner customs sees no custody data', () => {
    expect(sees('demo-gacc-analyst', 'CSNU7001122')).to.equal(true);
    expect(sees('demo-vietnam-customs', 'TGHU8827013')).to.equal(false);
  });
  it('customs see goods with an event in their district or below', () => {
    expect(sees('demo-shanghai-officer', 'COSU6331218')).to.equal(true);
    expect(sees('demo-yangshan-officer', 'COSU6331218')).to.equal(true);
    expect(sees('demo-yangshan-officer', 'TGHU8827013')).to.equal(false);
    expect(sees('demo-nanjing-officer', 'TGHU8827013')).to.equal(true);
    expect(sees('demo-youyiguan-officer', 'OOLU4582102')).to.equal(false);
    expect(readScopeOf(viewer('demo-nanjing-officer'), config)).to.deep.include({ kind: 'districts' });
    expect([...(readScopeOf(viewer('demo-nanjing-officer'), config) as unknown as { districts: Set<string> }).districts]).to.have.members([
      '2300',
      '2305',
    ]);
  });
  it('warehouses and carriers see goods they had custody of; CIQ what it inspected', () => {
    expect(sees('demo-sip-warehouse', 'COSU6331218')).to.equal(true);
    expect(sees('demo-sip-warehouse', 'CSNU7001122')).to.equal(false);
    expect(sees('demo-youyiguan-gate', 'COSU6331218')).to.equal(false);
    expect(sees('demo-sinotrans', 'CSNU7001122')).to.equal(true);
    const ciq = readScopeOf(viewer('demo-ciq-inspector'), config);
    expect(goodsVisible(ciq, recordsOf(records, 'lot', 'LOT-SIP-IN-20261120-01'))).to.equal(true);
    expect(goodsVisible(ciq, recordsOf(records, 'container', 'COSU6331218'))).to.equal(false);
    expect(eventInScope(ciq, records[0])).to.equal(false);
  });
});

describe('gateway ingestion routing', () => {
  it('routes by district to the channel of the district or its ancestor, in chunks, refusing unknown districts', () => {
    const ev = (district: unknown) => ({ id: 'x', district });
    const r = routeEvents([ev('2248'), ev('2305'), ev('2200'), ev('9999'), ev(undefined), 'nope'], config, 2);
    expect(r.chunks.map((c) => [c.channel, c.indices])).to.deep.equal([
      ['district-2200', [0, 2]],
      ['district-2300', [1]],
    ]);
    expect(r.rejected.map((x) => [x.index, x.code, x.path])).to.deep.equal([
      [3, 'UNKNOWN_DISTRICT', '/3/district'],
      [4, 'VALIDATION_FAILED', '/4/district'],
      [5, 'VALIDATION_FAILED', '/5'],
    ]);
    const many = routeEvents(
      Array.from({ length: 2500 }, () => ev('2305')),
      config,
    );
    expect(many.chunks.map((c) => c.events.length)).to.deep.equal([1000, 1000, 500]);
    expect(requestPath('/1/goods/0/id', [4, 7])).to.equal('/7/goods/0/id');
  });
  it('parses chaincode errors out of peer messages', () => {
    const e = parseChaincodeError(
      new Error(
        'chaincode response 500, {"code":"VALIDATION_FAILED","message":"bad","path":"/3/goods/0/id","index":3,"errors":[{"code":"VALIDATION_FAILED","path":"/3/goods/0/id","message":"bad","index":3}]}',
      ),
    );
    expect(e).to.deep.include({ code: 'VALIDATION_FAILED', path: '/3/goods/0/id', index: 3 });
    expect(parseChaincodeError(new Error('plain'))).to.equal(undefined);
  });
});
