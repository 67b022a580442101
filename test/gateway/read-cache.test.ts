import { expect } from 'chai';
import { ReadCache } from '@cargotrace/gateway/trace';
import { defined } from '../support/defined';
import { startTestGateway, testLedger, type TestGateway } from './support/harness';
import { containerNo } from './support/demo-records';
import { arrivedEvent } from '../support/arrived-event';

const TRACE = `query($id: ID!) { trace(id: $id, direction: BOTH, maxDepth: 3) {
  events { id district channel proof { blockNumber txId blockHash } } custody { custodian { org } from to } crossings { verdict } } }`;
/** The parts of the TRACE answer these tests read. */
interface TraceAnswer {
  trace: {
    events: Array<{ id: string; district: string; channel: string; proof: { blockNumber: number; txId: string; blockHash: string } }>;
  } | null;
}

/** The trace of a GraphQL answer, which the test needs to be there. */
const traceOf = (answer: { body: { data?: TraceAnswer } }) => defined(defined(answer.body.data, 'GraphQL data').trace, 'the trace');

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
    const load = () => Promise.resolve(++loads);
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
    expect(await cache.get('k', () => Promise.resolve('fresh'))).to.equal('fresh');
    release('stale');
    expect(await first).to.equal('stale');
    expect(await cache.get('k', () => Promise.resolve('other'))).to.equal('fresh');
  });

  it('does not keep failures, and evicts the least recently used beyond its bound', async () => {
    const cache = new ReadCache(backend, ['a'], { maxRecords: 10 });
    await cache.get('bad', () => Promise.reject(new Error('boom'))).catch(() => undefined);
    expect(await cache.get('bad', () => Promise.resolve('ok'))).to.equal('ok');
    await cache.get(
      'x',
      () => Promise.resolve('x'),
      () => 4,
    );
    await cache.get(
      'y',
      () => Promise.resolve('y'),
      () => 4,
    );
    await cache.get(
      'x',
      () => Promise.resolve('x2'),
      () => 4,
    ); // touch x
    await cache.get(
      'z',
      () => Promise.resolve('z'),
      () => 4,
    );
    expect(await cache.get('y', () => Promise.resolve('y2'))).to.equal('y2');
    expect(await cache.get('z', () => Promise.resolve('z2'))).to.equal('z');
  });
});

if (testLedger() === 'embedded') {
  describe('gateway read cache over HTTP (embedded ledger)', function () {
    this.timeout(120_000);
    const gacc = 'gacc-analyst';
    const box = containerNo('MSKU', '918270');
    const other = containerNo('TCLU', '918271');
    // Undefined until `before` has started them (and still undefined in `after` when that failed).
    let cachedGateway: TestGateway | undefined;
    let uncachedGateway: TestGateway | undefined;
    const cached = (): TestGateway => defined(cachedGateway, 'the gateway with a read cache');
    const uncached = (): TestGateway => defined(uncachedGateway, 'the gateway without a read cache');
    const event = (id: string, goods: string, minutesAgo: number, district = '7206') => arrivedEvent(id, goods, minutesAgo, district);

    before(async () => {
      cachedGateway = await startTestGateway();
      uncachedGateway = await startTestGateway({ traceCache: false });
      for (const t of [cachedGateway, uncachedGateway]) {
        const r = await t.rest(t.keyOf('sinotrans-dispatcher'), 'POST', '/api/v1/events', [
          event('rc-1', box, 30),
          event('rc-2', box, 20, '2248'),
        ]);
        expect(r.status, r.text).to.equal(200);
      }
    });

    after(async () => {
      await cachedGateway?.close();
      await uncachedGateway?.close();
    });

    it('answers a repeated trace and gate check without ledger reads, the same as without the cache', async () => {
      const first = await cached().gql<TraceAnswer>(cached().keyOf(gacc), TRACE, { id: box });
      expect(traceOf(first).events.map((e) => e.id)).to.deep.equal(['rc-1', 'rc-2']);
      const before = cached().evaluated.length;
      const again = await cached().gql<TraceAnswer>(cached().keyOf(gacc), TRACE, { id: box });
      const gate = await cached().gql(cached().keyOf(gacc), GATE(box));
      expect(cached().evaluated.length - before).to.equal(0);
      expect(again.body).to.deep.equal(first.body);
      const plain = await uncached().gql<TraceAnswer>(uncached().keyOf(gacc), TRACE, { id: box });
      const u0 = uncached().evaluated.length;
      const plainGate = await uncached().gql(uncached().keyOf(gacc), GATE(box));
      expect(uncached().evaluated.length - u0).to.be.greaterThan(0);
      expect(gate.body).to.deep.equal(plainGate.body);
      // Same events and verdicts; block numbers differ between the two ledgers.
      const shape = (answer: { body: { data?: TraceAnswer } }) => traceOf(answer).events.map((e) => [e.id, e.district, e.channel]);
      expect(shape(first)).to.deep.equal(shape(plain));
    });

    it('reads again once a district channel has a new block, and sees the new event', async () => {
      await cached().gql<TraceAnswer>(cached().keyOf(gacc), TRACE, { id: box });
      const w = await cached().rest(cached().keyOf('sinotrans-dispatcher'), 'POST', '/api/v1/events', [event('rc-3', box, 10)]);
      expect(w.status, w.text).to.equal(200);
      const before = cached().evaluated.length;
      const after = await cached().gql<TraceAnswer>(cached().keyOf(gacc), TRACE, { id: box });
      expect(cached().evaluated.length - before).to.be.greaterThan(0);
      expect(traceOf(after).events.map((e) => e.id)).to.deep.equal(['rc-1', 'rc-2', 'rc-3']);
      const rc3 = traceOf(after).events.find((e) => e.id === 'rc-3');
      expect(defined(rc3, 'event rc-3').proof.blockHash).to.match(/^[0-9a-f]{64}$/);
      // A block about other goods on any district channel drops the cache too.
      await cached().gql<TraceAnswer>(cached().keyOf(gacc), TRACE, { id: box });
      const o = await cached().rest(cached().keyOf('sinotrans-dispatcher'), 'POST', '/api/v1/events', [event('rc-4', other, 5, '2248')]);
      expect(o.status, o.text).to.equal(200);
      const b2 = cached().evaluated.length;
      await cached().gql<TraceAnswer>(cached().keyOf(gacc), TRACE, { id: box });
      expect(cached().evaluated.length - b2).to.be.greaterThan(0);
    });

    it('cached answers cannot be changed by a request', async () => {
      // Each request's scope filtering and analysis work on frozen shared records.
      const customs = await cached().gql<TraceAnswer>(cached().keyOf('yangshan-officer'), TRACE, { id: box });
      const national = await cached().gql<TraceAnswer>(cached().keyOf(gacc), TRACE, { id: box });
      expect(customs.body.errors).to.equal(undefined);
      expect(traceOf(national).events.map((e) => e.id)).to.deep.equal(['rc-1', 'rc-2', 'rc-3']);
    });
  });
}
