import { expect } from 'chai';
import { defined } from '../support/defined';
import { startTestGateway, testLedger, type TestGateway } from './support/harness';
import { containerNo } from './support/demo-records';
import { arrivedEvent } from '../support/arrived-event';

const TRACE = `query($id: ID!) { trace(id: $id, direction: BOTH, maxDepth: 3) {
  events { id } crossings { verdict } anomalies { type } } }`;
/** The parts of the TRACE answer these tests read (null when the goods are out of scope). */
interface TraceAnswer {
  trace: { events: Array<{ id: string }>; crossings: Array<{ verdict: string }>; anomalies: Array<{ type: string }> } | null;
}
interface GateDecisionsAnswer {
  gateDecisions: Array<{ containerNo: string }>;
}
interface AppendAnswer {
  appendEvents: { accepted: number; rejected: number };
}

/** The `data` of a GraphQL answer, which the test needs to be there. */
const dataOf = <T>(answer: { body: { data?: T } }): T => defined(answer.body.data, 'GraphQL data');
const traceOf = (answer: { body: { data?: TraceAnswer } }) => defined(dataOf(answer).trace, 'the trace');

const GATE = (box: string) => `{ gateCheck(containerNo: "${box}", gateId: "CNYYG-GATE", direction: OUT) { decision } }`;

if (testLedger() === 'embedded') {
  describe('gateway answer cache over HTTP (embedded ledger)', function () {
    this.timeout(120_000);
    const gacc = 'gacc-analyst';
    const box = containerNo('MSKU', '918370');
    // Undefined until `before` has started it (and still undefined in `after` when that failed).
    let started: TestGateway | undefined;
    const t = (): TestGateway => defined(started, 'the test gateway');
    const arrived = (id: string, goods: string, minutesAgo: number, district = '7206') => arrivedEvent(id, goods, minutesAgo, district);
    const post = async (events: unknown[], user = 'sinotrans-dispatcher') => {
      const r = await t().rest(t().keyOf(user), 'POST', '/api/v1/events', events);
      expect(r.status, r.text).to.equal(200);
      expect((r.body as { rejected: number }).rejected, r.text).to.equal(0);
    };

    before(async () => {
      started = await startTestGateway();
      expect(t().gw.answerCache).to.equal(true);
      await post([arrived('ac-1', box, 30), arrived('ac-2', box, 20, '2248')]);
    });
    after(async () => started?.close());
    const hits = async () =>
      Number((await t().rest(undefined, 'GET', '/metrics')).text.match(/^cargotrace_answer_cache_hits_total (\d+)/m)?.[1]);

    it('serves a repeated query from the cache, and computes it again after any new block', async () => {
      const first = await t().gql<TraceAnswer>(t().keyOf(gacc), TRACE, { id: box });
      expect(traceOf(first).events.map((e) => e.id)).to.deep.equal(['ac-1', 'ac-2']);
      const reads = t().evaluated.length;
      const served = await hits();
      const again = await t().gql<TraceAnswer>(t().keyOf(gacc), TRACE, { id: box });
      expect(again.body).to.deep.equal(first.body);
      expect(t().evaluated.length).to.equal(reads);
      expect(await hits()).to.equal(served + 1);
      // A block about unrelated goods on another channel changes the key as well.
      await post([arrived('ac-x', containerNo('TCLU', '918371'), 5)]);
      await post([arrived('ac-3', box, 10)]);
      const fresh = await t().gql<TraceAnswer>(t().keyOf(gacc), TRACE, { id: box });
      expect(traceOf(fresh).events.map((e) => e.id)).to.deep.equal(['ac-1', 'ac-2', 'ac-3']);
      expect(await hits()).to.equal(served + 1);
      expect(t().evaluated.length).to.be.greaterThan(reads);
    });

    it('keeps answers per user: a cached answer never reaches a user with a narrower scope', async () => {
      const national = await t().gql<TraceAnswer>(t().keyOf(gacc), TRACE, { id: box });
      expect(dataOf(national).trace).to.not.equal(null);
      // Nanjing customs (2300) has no event of this container in its scope.
      const served = await hits();
      const nanjing = await t().gql<TraceAnswer>(t().keyOf('nanjing-officer'), TRACE, { id: box });
      expect(await hits()).to.equal(served);
      expect(nanjing.body.errors, JSON.stringify(nanjing.body)).to.equal(undefined);
      expect(dataOf(nanjing).trace).to.equal(null);
    });

    it('never caches gate checks: each one is decided and logged', async () => {
      const before = await t().gql<GateDecisionsAnswer>(t().keyOf(gacc), `{ gateDecisions(first: 500) { containerNo } }`);
      const n = dataOf(before).gateDecisions.filter((d) => d.containerNo === box).length;
      await t().gql(t().keyOf(gacc), GATE(box));
      await t().gql(t().keyOf(gacc), GATE(box));
      const after = await t().gql<GateDecisionsAnswer>(t().keyOf(gacc), `{ gateDecisions(first: 500) { containerNo } }`);
      expect(dataOf(after).gateDecisions.filter((d) => d.containerNo === box).length).to.equal(n + 2);
    });

    it('lets a transit in progress turn overdue at its due time, with no new block', async () => {
      const transit = containerNo('TCLU', '918372');
      const terminal = { org: 'YangshanTerminalMSP' };
      const due = Date.now() + 2000;
      await post(
        [
          {
            id: 'ac-t1',
            kind: 'UNLOADED',
            goods: [{ type: 'container', id: transit }],
            eventTime: new Date(Date.now() - 60_000).toISOString(),
            district: '2248',
            site: 'CNYSA-T4',
            actor: terminal,
            custody: { from: { org: 'SinoTransMSP' }, to: terminal },
            seals: ['AC1'],
          },
          {
            id: 'ac-t2',
            kind: 'HANDED_OFF',
            goods: [{ type: 'container', id: transit }],
            eventTime: new Date(Date.now() - 30_000).toISOString(),
            district: '2248',
            site: 'CNYSA-T4',
            actor: terminal,
            custody: { from: terminal, to: { org: 'SinoTransMSP' } },
            seals: ['AC1'],
            transit: { destinationDistrict: '2305', dueBy: new Date(due).toISOString() },
          },
        ],
        'yangshan-terminal-operator',
      );
      const height = () =>
        t()
          .config.channels.map((c) => t().backend.height(c.name))
          .join();
      const heights = height();
      const early = await t().gql<TraceAnswer>(t().keyOf(gacc), TRACE, { id: transit });
      expect(traceOf(early).crossings.map((c) => c.verdict)).to.deep.equal(['IN_TRANSIT']);
      expect(traceOf(early).anomalies.map((a) => a.type)).to.not.include('OVERDUE_TRANSIT');
      const served = await hits();
      expect((await t().gql<TraceAnswer>(t().keyOf(gacc), TRACE, { id: transit })).body).to.deep.equal(early.body);
      const keptWhileInTransit = (await hits()) - served;
      await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now()) + 50));
      const late = await t().gql<TraceAnswer>(t().keyOf(gacc), TRACE, { id: transit });
      expect(height()).to.equal(heights);
      expect(traceOf(late).crossings.map((c) => c.verdict)).to.deep.equal(['OVERDUE']);
      expect(traceOf(late).anomalies.map((a) => a.type)).to.include('OVERDUE_TRANSIT');
      // Kept until the due time (when the repeat came before it), then computed again.
      expect(keptWhileInTransit).to.be.at.most(1);
      const s2 = await hits();
      await t().gql<TraceAnswer>(t().keyOf(gacc), TRACE, { id: transit });
      expect(await hits()).to.equal(s2 + 1);
    });

    it('never answers a mutation from the cache', async () => {
      const append = `mutation($e: [JSON!]!) { appendEvents(events: $e) { accepted rejected } }`;
      // Refused by the chaincode (a carrier may not release goods): no block, so no new key.
      const refused = [{ ...arrived('ac-m1', box, 1), kind: 'RELEASED' }];
      const first = await t().gql<AppendAnswer>(t().keyOf('sinotrans-dispatcher'), append, { e: refused });
      expect(dataOf(first).appendEvents, JSON.stringify(first.body)).to.deep.equal({ accepted: 0, rejected: 1 });
      const served = await hits();
      const again = await t().gql<AppendAnswer>(t().keyOf('sinotrans-dispatcher'), append, { e: refused });
      expect(dataOf(again).appendEvents).to.deep.equal({ accepted: 0, rejected: 1 });
      expect(await hits()).to.equal(served);
    });

    it('does not keep event listings whose default window moves with the clock', async () => {
      const q = `{ events(filter: { district: "7206" }, first: 5) { edges { node { id } } } }`;
      await t().gql(t().keyOf(gacc), q);
      const reads = t().evaluated.length;
      const served = await hits();
      const again = await t().gql(t().keyOf(gacc), q);
      expect(again.body.errors).to.equal(undefined);
      expect(t().evaluated.length).to.be.greaterThan(reads);
      expect(await hits()).to.equal(served);
    });
  });
}
