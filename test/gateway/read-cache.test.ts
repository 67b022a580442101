import { expect } from 'chai';
import { ReadCache } from '@cargotrace/gateway/trace';
import { startTestGateway, testLedger, type TestGateway } from './support/harness';
import { containerNo } from './support/demo-records';

const TRACE = `query($id: ID!) { trace(id: $id, direction: BOTH, maxDepth: 3) {
  events { id district channel proof { blockNumber txId blockHash } } custody { custodian { org } from to } crossings { verdict } } }`;
const GATE = (box: string) => `{ gateCheck(containerNo: "${box}", gateId: "CNYYG-GATE", direction: OUT) { decision reasons { code ok } } }`;

describe('gateway read cache (unit)', () => {
  const heights = new Map<string, number>([
    ['a', 1],
    ['b', 1],
  ]);
  const backend = { height: (c: string) => heights.get(c) ?? 0 };

  it('shares one read per key until a channel height changes', async () => {
    const cache = new ReadCache(backend, ['a', 'b']);
    let loads = 0;
    const load = async () => ++loads;
    const [x, y] = await Promise.all([cache.get('k', load), cache.get('k', load)]);
    expect([x, y, loads]).to.deep.equal([1, 1, 1]);
    expect(await cache.get('k', load)).to.equal(1);
    heights.set('b', 2);
    expect(await cache.get('k', load)).to.equal(2);
    expect(await cache.get('k', load)).to.equal(2);
  });

  it('does not keep a value whose read started before a new block', async () => {
    const cache = new ReadCache(backend, ['a', 'b']);
    let release!: (v: string) => void;
    const first = cache.get('k', () => new Promise<string>((r) => (release = r)));
    heights.set('a', (heights.get('a') ?? 0) + 1);
    expect(await cache.get('k', async () => 'fresh')).to.equal('fresh');
    release('stale');
    expect(await first).to.equal('stale');
    expect(await cache.get('k', async () => 'other')).to.equal('fresh');
  });

  it('does not keep failures, and evicts the least recently used beyond its bound', async () => {
    const cache = new ReadCache(backend, ['a'], { maxRecords: 10 });
    await cache.get('bad', () => Promise.reject(new Error('boom'))).catch(() => undefined);
    expect(await cache.get('bad', async () => 'ok')).to.equal('ok');
    await cache.get(
      'x',
      async () => 'x',
      () => 4,
    );
    await cache.get(
      'y',
      async () => 'y',
      () => 4,
    );
    await cache.get(
      'x',
      async () => 'x2',
      () => 4,
    ); // touch x
    await cache.get(
      'z',
      async () => 'z',
      () => 4,
    );
    expect(await cache.get('y', async () => 'y2')).to.equal('y2');
    expect(await cache.get('z', async () => 'z2')).to.equal('z');
  });
});

if (testLedger() === 'embedded') {
  describe('gateway read cache over HTTP (embedded ledger)', function () {
    this.timeout(120_000);
    const gacc = 'gacc-analyst';
    const box = containerNo('MSKU', '918270');
    const other = containerNo('TCLU', '918271');
    let cached: TestGateway;
    let uncached: TestGateway;
    const event = (id: string, goods: string, minutesAgo: number, district = '7206') => ({
      id,
      kind: 'ARRIVED',
      goods: [{ type: 'container', id: goods }],
      eventTime: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
      district,
      readPoint: 'CNYYG-GATE',
      actor: { org: 'SinoTransMSP' },
    });

    before(async () => {
      cached = await startTestGateway();
      uncached = await startTestGateway({ traceCache: false });
      for (const t of [cached, uncached]) {
        const r = await t.rest(t.keyOf('sinotrans-dispatcher'), 'POST', '/api/v1/events', [
          event('rc-1', box, 30),
          event('rc-2', box, 20, '2248'),
        ]);
        expect(r.status, r.text).to.equal(200);
      }
    });

    after(async () => {
      await cached?.close();
      await uncached?.close();
    });

    it('answers a repeated trace and gate check without ledger reads, the same as without the cache', async () => {
      const first = await cached.gql<any>(cached.keyOf(gacc), TRACE, { id: box });
      expect(first.body.data.trace.events.map((e: any) => e.id)).to.deep.equal(['rc-1', 'rc-2']);
      const before = cached.evaluated.length;
      const again = await cached.gql<any>(cached.keyOf(gacc), TRACE, { id: box });
      const gate = await cached.gql<any>(cached.keyOf(gacc), GATE(box));
      expect(cached.evaluated.length - before).to.equal(0);
      expect(again.body).to.deep.equal(first.body);
      const plain = await uncached.gql<any>(uncached.keyOf(gacc), TRACE, { id: box });
      const u0 = uncached.evaluated.length;
      const plainGate = await uncached.gql<any>(uncached.keyOf(gacc), GATE(box));
      expect(uncached.evaluated.length - u0).to.be.greaterThan(0);
      expect(gate.body).to.deep.equal(plainGate.body);
      // Same events and verdicts; block numbers differ between the two ledgers.
      const shape = (b: any) => b.data.trace.events.map((e: any) => [e.id, e.district, e.channel]);
      expect(shape(first.body)).to.deep.equal(shape(plain.body));
    });

    it('reads again once a district channel has a new block, and sees the new event', async () => {
      await cached.gql<any>(cached.keyOf(gacc), TRACE, { id: box });
      const w = await cached.rest(cached.keyOf('sinotrans-dispatcher'), 'POST', '/api/v1/events', [event('rc-3', box, 10)]);
      expect(w.status, w.text).to.equal(200);
      const before = cached.evaluated.length;
      const after = await cached.gql<any>(cached.keyOf(gacc), TRACE, { id: box });
      expect(cached.evaluated.length - before).to.be.greaterThan(0);
      expect(after.body.data.trace.events.map((e: any) => e.id)).to.deep.equal(['rc-1', 'rc-2', 'rc-3']);
      const rc3 = after.body.data.trace.events.find((e: any) => e.id === 'rc-3');
      expect(rc3.proof.blockHash).to.match(/^[0-9a-f]{64}$/);
      // A block about other goods on any district channel drops the cache too.
      await cached.gql<any>(cached.keyOf(gacc), TRACE, { id: box });
      const o = await cached.rest(cached.keyOf('sinotrans-dispatcher'), 'POST', '/api/v1/events', [event('rc-4', other, 5, '2248')]);
      expect(o.status, o.text).to.equal(200);
      const b2 = cached.evaluated.length;
      await cached.gql<any>(cached.keyOf(gacc), TRACE, { id: box });
      expect(cached.evaluated.length - b2).to.be.greaterThan(0);
    });

    it('cached answers cannot be changed by a request', async () => {
      // Each request's scope filtering and analysis work on frozen shared records.
      const customs = await cached.gql<any>(cached.keyOf('yangshan-officer'), TRACE, { id: box });
      const national = await cached.gql<any>(cached.keyOf(gacc), TRACE, { id: box });
      expect(customs.body.errors).to.equal(undefined);
      expect(national.body.data.trace.events.map((e: any) => e.id)).to.deep.equal(['rc-1', 'rc-2', 'rc-3']);
    });
  });
}
