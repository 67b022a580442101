import { expect } from 'chai';
import { canonicalBytes, canonicalJson, canonicalJsonWith } from '@cargotrace/model';
import { contentId } from '@cargotrace/client-sdk';

/** One canonical JSON for ledger state and client content ids: strict where JSON.stringify is lenient. */
describe('canonical JSON (@cargotrace/model)', () => {
  it('rejects non-finite numbers at any depth with an error naming the value', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => canonicalJson(bad)).to.throw(TypeError, `canonicalJson: ${bad} is not a JSON number`);
      expect(() => canonicalJson({ weight: { value: bad, unit: 'kg' } })).to.throw(TypeError, /non-finite numbers are rejected/);
      expect(() => canonicalJson([1, bad])).to.throw(TypeError);
    }
  });

  it('honours toJSON as JSON.stringify does (a Date is its ISO string)', () => {
    const at = new Date(Date.UTC(2026, 10, 20, 0, 30));
    expect(canonicalJson({ at })).to.equal('{"at":"2026-11-20T00:30:00.000Z"}');
    expect(canonicalJson({ v: { toJSON: () => ({ b: 2, a: 1 }) } })).to.equal('{"v":{"a":1,"b":2}}');
    expect(canonicalJson({ at })).to.equal(canonicalJson(JSON.parse(JSON.stringify({ at }))));
  });

  it('writes undefined, functions and symbols as null in arrays and drops them as members', () => {
    expect(canonicalJson([undefined, () => 1, Symbol('s'), 2])).to.equal('[null,null,null,2]');
    expect(canonicalJson({ a: undefined, f: () => 1, b: 0 })).to.equal('{"b":0}');
  });

  it('throws for a whole value that has no JSON text', () => {
    expect(() => canonicalJson(undefined)).to.throw(TypeError, 'not serialisable');
    expect(() => canonicalJson(() => 1)).to.throw(TypeError);
  });

  it('canonicalJsonWith and canonicalBytes give the bytes of canonicalJson', () => {
    const event = { kind: 'ARRIVED', id: 'e1', goods: [{ type: 'lot', id: 'L1' }] };
    const record = { txId: 't', event, recordedTime: '2026-11-20T00:00:00.000Z' };
    expect(canonicalJsonWith({ txId: 't', recordedTime: record.recordedTime }, { event: canonicalJson(event) })).to.equal(
      canonicalJson(record),
    );
    expect(canonicalBytes(record).toString('utf8')).to.equal(canonicalJson(record));
  });

  it('is what client content ids hash, so a NaN in an event is refused before it is sent', () => {
    const event = {
      kind: 'ARRIVED' as const,
      goods: [{ type: 'lot' as const, id: 'L1' }],
      eventTime: '2026-11-20T08:30:00+08:00',
      district: '2305',
    };
    expect(contentId(event)).to.match(/^ct-[0-9a-f]{64}$/);
    expect(contentId({ ...event, goods: [{ id: 'L1', type: 'lot' as const }] })).to.equal(contentId(event));
    expect(() => contentId({ ...event, weight: { value: Number.NaN, unit: 'kg' } })).to.throw(TypeError, /NaN is not a JSON number/);
  });
});
