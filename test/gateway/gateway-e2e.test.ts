import { expect } from 'chai';
import { demoFlow, demoMutualRecognition } from '@cargotrace/gateway/demo';
import { demoMissing } from '@cargotrace/gateway';
import type {
  AeoCertificate,
  Anomaly,
  AppendEventsPayload,
  ChainVerification,
  CustodyEvent,
  EventConnection,
  GateCheck,
  GateDecision,
  Goods,
  MrConsignment,
  Trace,
} from '@cargotrace/model/graphql';
import { defined } from '../support/defined';
import { dataOf, startTestGateway, testLedger, type GqlBody, type TestGateway } from './support/harness';
import { containerNo } from './support/demo-records';

// The shapes of the answers the queries below select (the selections are subsets of these types).
interface Appended {
  appendEvents: AppendEventsPayload;
}
interface Traced {
  trace: Trace | null;
}
interface GoodsAnswer {
  goods: Goods | null;
}
interface GateChecked {
  gateCheck: GateCheck;
}
interface GateDecisions {
  gateDecisions: GateDecision[];
}
interface EventsPage {
  events: EventConnection;
}
/** What a subscription sends in one SSE message. */
type Published = GqlBody<{ events?: CustodyEvent; anomalies?: Anomaly }>;
/** The REST ingestion answer (the GraphQL appendEvents payload). */
type Ingested = AppendEventsPayload;
/** A REST error answer. */
interface RestError {
  error: { code: string; message?: string; path?: string };
}
interface Health {
  status: string;
  channels: { name: string }[];
}

const APPEND = `mutation($events: [JSON!]!) { appendEvents(events: $events) { accepted duplicates rejected results { index id status code message path channel txId blockNumber } } }`;
const TRACE = `query($id: ID!, $direction: TraceDirection, $maxDepth: Int) {
  trace(id: $id, direction: $direction, maxDepth: $maxDepth) {
    root { type id } districts hiddenGoods
    events { id kind district eventTime channel txId proof { channel blockNumber txId blockHash } }
    goods { goods { type id } relation depth parents { id } children { id } inputs { id } outputs { id } }
    custody { goods { id } custodian { org } from to district }
    crossings { goods { id } verdict issues fromDistrict toDistrict handOff { id } takeOver { id } weightDeviation }
    anomalies { id type severity district eventIds message }
  }
}`;

/** Reads an SSE response until `until` matches a data payload or the time runs out. */
async function readSse(res: Response, until: (data: Published) => boolean, timeoutMs = 15000): Promise<Published[]> {
  const reader = defined(res.body, 'SSE response body').getReader();
  const decoder = new TextDecoder();
  const seen: Published[] = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      const chunk = await Promise.race([
        reader.read(),
        new Promise<{ done: true; value: undefined }>((r) => setTimeout(() => r({ done: true, value: undefined }), deadline - Date.now())),
      ]);
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      let i: number;
      while ((i = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const data = block
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trim())
          .join('\n');
        if (!data) continue;
        const parsed = JSON.parse(data) as Published;
        seen.push(parsed);
        if (until(parsed)) return seen;
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return seen;
}

/** The code of the answer's first error; undefined when it has none. */
function firstErrorCode(body: GqlBody<unknown>): string | undefined {
  return body.errors?.[0]?.extensions?.code;
}

function subscribe(t: TestGateway, apiKey: string, query: string, variables: Record<string, unknown> = {}): Promise<Response> {
  return fetch(t.gw.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query, variables }),
  });
}

{
  // The same suite runs on the embedded ledger (`npm test`) and on a real Fabric 2.5 network
  // (`npm run test:fabric`, which sets CARGOTRACE_TEST_LEDGER=fabric; see support/harness.ts).
  const ledger = testLedger();
  describe(`gateway end-to-end over HTTP (${ledger} ledger)`, function () {
    this.timeout(ledger === 'fabric' ? 300_000 : 120_000);
    let t: TestGateway;
    /** Whether `t` is running (the suite may skip itself after starting it). */
    let running = false;
    const now = new Date();
    const gacc = 'gacc-analyst';

    before(async function () {
      t = await startTestGateway();
      running = true;
      if (t.ledger === 'fabric' && !(await demoMissing(t.backend, t.config))) {
        // The suite tells the demo story onto the ledger and counts what it finds: it needs a
        // network nothing else has written to (test/fabric/run.sh starts one).
        console.log(
          '    SKIPPED: this Fabric network already holds the demo story; the gateway end-to-end suite needs a fresh network (run `npm run test:fabric` without FABRIC_GATEWAY_CONFIG)',
        );
        await t.close();
        running = false;
        this.skip();
      }
      // Ingest the demo story in order, each run of one user's events as one request of that user.
      const flow = demoFlow(now);
      for (let i = 0; i < flow.length;) {
        let j = i;
        while (j < flow.length && flow[j].userId === flow[i].userId) j++;
        const r = await t.gql<Appended>(t.keyOf(flow[i].userId), APPEND, { events: flow.slice(i, j).map((s) => s.event) });
        expect(r.body.errors, JSON.stringify(r.body.errors)).to.equal(undefined);
        const bad = dataOf(r.body).appendEvents.results.filter((x) => x.status !== 'ACCEPTED');
        expect(bad, JSON.stringify(bad)).to.deep.equal([]);
        i = j;
      }
      const mr = demoMutualRecognition(now);
      const key = t.keyOf(mr.userId);
      const a = await t.gql<{ putAeoCertificate: AeoCertificate }>(
        key,
        `mutation($c: JSON!) { putAeoCertificate(certificate: $c) { enterpriseCode status } }`,
        { c: mr.aeo },
      );
      expect(a.body.errors, JSON.stringify(a.body.errors)).to.equal(undefined);
      const c = await t.gql<{ putMrConsignment: MrConsignment }>(
        key,
        `mutation($c: JSON!) { putMrConsignment(consignment: $c) { id status } }`,
        { c: mr.consignment },
      );
      expect(c.body.errors, JSON.stringify(c.body.errors)).to.equal(undefined);
    });

    after(async () => {
      if (running) await t.close();
    });

    /** The trace `userId` sees, which the test needs to be there. */
    const traceFor = async (userId: string, variables: Record<string, unknown>): Promise<Trace> =>
      defined(dataOf((await t.gql<Traced>(t.keyOf(userId), TRACE, variables)).body).trace, `trace of ${String(variables.id)}`);

    it('refuses requests without or with a bad API key (401)', async () => {
      expect((await t.gql(undefined, '{ districts { code } }')).status).to.equal(401);
      const bad = await t.gql('nope', '{ districts { code } }');
      expect(bad.status).to.equal(401);
      expect((bad.body as RestError).error.code).to.equal('UNAUTHENTICATED');
      expect((await t.rest(undefined, 'POST', '/api/v1/events', [])).status).to.equal(401);
    });

    it('re-sending events is idempotent (duplicates)', async () => {
      const flow = demoFlow(now)
        .filter((s) => s.userId === 'sip-warehouse-operator')
        .slice(0, 3);
      const r = await t.gql<Appended>(t.keyOf('sip-warehouse-operator'), APPEND, { events: flow.map((s) => s.event) });
      expect(dataOf(r.body).appendEvents).to.include({ accepted: 0, duplicates: 3, rejected: 0 });
    });

    it('traces a container across three districts: order, custody, crossings, links and proofs', async () => {
      const r = await t.gql<Traced>(t.keyOf(gacc), TRACE, { id: 'COSU6331218', direction: 'BOTH', maxDepth: 3 });
      expect(r.body.errors, JSON.stringify(r.body.errors)).to.equal(undefined);
      const trace = defined(dataOf(r.body).trace, 'trace');
      expect(trace.districts).to.deep.equal(['2248', '2305', '7206']);
      const ids = trace.events.map((e) => e.id);
      const expected = demoFlow(now)
        .filter((s) => /^demo-a/.test(String(s.event.id)))
        .map((s) => s.event.id);
      expect(ids).to.deep.equal(expected);
      const times = trace.events.map((e) => Date.parse(e.eventTime));
      expect(times).to.deep.equal([...times].sort((a, b) => a - b));
      for (const e of trace.events) {
        expect(e.proof, e.id).to.not.equal(null);
        const proof = defined(e.proof, `proof of ${e.id}`);
        expect(proof.txId).to.equal(e.txId);
        expect(proof.channel).to.equal(e.channel);
        expect(proof.blockNumber).to.be.a('number').greaterThan(0);
        expect(proof.blockHash).to.match(/^[0-9a-f]{64}$/);
      }
      const a27 = defined(
        trace.events.find((e) => e.id === 'demo-a27'),
        'demo-a27',
      );
      expect(a27.channel).to.equal('district-7200');
      expect(trace.crossings.map((c) => [c.goods.id, c.handOff?.id, c.takeOver?.id, c.verdict])).to.deep.equal([
        ['COSU6331218', 'demo-a06', 'demo-a09', 'MATCHED'],
        ['TGHU8827013', 'demo-a21', 'demo-a24', 'MATCHED'],
      ]);
      expect(trace.anomalies).to.deep.equal([]);
      const lot = defined(
        trace.goods.find((g) => g.goods.id === 'LOT-SIP-OUT-20261121-01'),
        'LOT-SIP-OUT-20261121-01',
      );
      expect(lot.relation).to.equal('DOWNSTREAM');
      expect(lot.inputs.map((g) => g.id)).to.include('LOT-SIP-IN-20261120-01');
      expect(lot.parents.map((g) => g.id)).to.deep.equal(['TGHU8827013']);
      expect(trace.custody.filter((s) => s.goods.id === 'COSU6331218').map((s) => s.custodian.org)).to.deep.equal([
        'SinoTransMSP',
        'YangshanTerminalMSP',
        'SinoTransMSP',
        'SipLogisticsMSP',
      ]);
    });

    it('a trace reads only the channels that hold the goods', async () => {
      const before = t.evaluated.length;
      await t.gql<Traced>(t.keyOf(gacc), TRACE, { id: 'OOLU4582102', direction: 'BOTH', maxDepth: 3 });
      const calls = t.evaluated.slice(before);
      expect(
        calls
          .filter((c) => c.includes('getGoodsEvents'))
          .map((c) => c.split(' ')[0])
          .sort(),
      ).to.deep.equal(['district-2200', 'district-2300']);
      expect(calls.filter((c) => c.includes('queryEvents'))).to.deep.equal([]);
    });

    it('reports crossing verdicts and anomalies: seal mismatch, overdue transit', async () => {
      const seal = await traceFor(gacc, { id: 'OOLU4582102' });
      expect(seal.crossings.map((c) => c.verdict)).to.deep.equal(['SEAL_MISMATCH']);
      expect(seal.anomalies.map((a) => [a.type, a.district, a.eventIds])).to.deep.equal([
        ['SEAL_MISMATCH', '2305', ['demo-b02', 'demo-b03']],
      ]);
      const overdue = await traceFor(gacc, { id: 'CSNU7001122' });
      expect(overdue.crossings.map((c) => c.verdict)).to.deep.equal(['OVERDUE']);
      expect(overdue.anomalies.map((a) => a.type)).to.deep.equal(['OVERDUE_TRANSIT']);
    });

    it('gateCheck allows a released container and denies with reasons', async () => {
      const q = `query($c: String!, $g: String!, $d: GateDirection!, $s: [String!]) { gateCheck(containerNo: $c, gateId: $g, direction: $d, seals: $s) { decision district reasons { code ok message } } }`;
      const allow = (await t.gql<GateChecked>(t.keyOf('youyiguan-officer'), q, { c: 'TGHU8827013', g: 'CNYYG-GATE', d: 'OUT' })).body;
      expect(allow.errors, JSON.stringify(allow.errors)).to.equal(undefined);
      expect(dataOf(allow).gateCheck).to.include({ decision: 'ALLOW', district: '7206' });
      const seals = dataOf(
        (await t.gql<GateChecked>(t.keyOf('sip-warehouse-operator'), q, { c: 'OOLU4582102', g: 'CNSZP-BZ-GATE1', d: 'IN' })).body,
      ).gateCheck;
      expect(seals.decision).to.equal('DENY');
      expect(seals.reasons.filter((r) => !r.ok).map((r) => r.code)).to.deep.equal(['SEALS_MATCH']);
      const unreleased = dataOf(
        (await t.gql<GateChecked>(t.keyOf('sip-officer'), q, { c: 'COSU6331218', g: 'CNSZP-BZ-GATE1', d: 'OUT' })).body,
      ).gateCheck;
      expect(unreleased.decision).to.equal('DENY');
      expect(unreleased.reasons.filter((r) => !r.ok).map((r) => r.code)).to.deep.equal(['RELEASED']);
      const other = await t.gql<GateChecked>(t.keyOf('sip-warehouse-operator'), q, { c: 'TGHU8827013', g: 'CNYYG-GATE', d: 'OUT' });
      expect(firstErrorCode(other.body)).to.equal('FORBIDDEN');
    });

    it('read authorisation by role', async () => {
      const goods = async (key: string, id: string) => {
        const r = await t.gql<GoodsAnswer>(t.keyOf(key), `query($id: ID!) { goods(id: $id) { id districts events { id } } }`, { id });
        return r.body;
      };
      // Partner customs: mutual-recognition data only.
      const partner = 'vietnam-liaison';
      const denied = await t.gql<Traced>(t.keyOf(partner), TRACE, { id: 'TGHU8827013' });
      expect(firstErrorCode(denied.body)).to.equal('FORBIDDEN');
      expect(defined(denied.body.errors?.[0], 'error').message).to.not.match(/at .*\.js/);
      expect(firstErrorCode(await goods(partner, 'TGHU8827013'))).to.equal('FORBIDDEN');
      const mr = await t.gql<{ mutualRecognition: AeoCertificate | null; mrConsignment: MrConsignment | null }>(
        t.keyOf(partner),
        `{ mutualRecognition(enterpriseCode: "3205960123") { enterpriseCode level partnerCustoms } mrConsignment(id: "MR-2026-VN-000123") { id partnerCustoms goods { id } } }`,
      );
      expect(mr.body.errors, JSON.stringify(mr.body.errors)).to.equal(undefined);
      expect(dataOf(mr.body).mutualRecognition).to.deep.equal({ enterpriseCode: '3205960123', level: 'advanced', partnerCustoms: ['VN'] });
      expect(dataOf(mr.body).mrConsignment?.goods).to.deep.equal([{ id: 'TGHU8827013' }]);
      const write = await t.gql<{ putAeoCertificate: AeoCertificate }>(
        t.keyOf(partner),
        `mutation { putAeoCertificate(certificate: {enterpriseCode: "1"}) { enterpriseCode } }`,
      );
      expect(firstErrorCode(write.body)).to.equal('FORBIDDEN');
      // Subordinate customs: its district's goods (with their whole history), not an unrelated district's.
      expect(dataOf(await goods('yangshan-officer', 'COSU6331218')).goods?.districts).to.deep.equal(['2248', '2305']);
      expect(dataOf(await goods('yangshan-officer', 'TGHU8827013')).goods).to.equal(null);
      expect(dataOf(await goods('youyiguan-officer', 'OOLU4582102')).goods).to.equal(null);
      const ys = await traceFor('yangshan-officer', { id: 'COSU6331218' });
      expect(ys.districts).to.deep.equal(['2248', '2305']);
      expect(ys.hiddenGoods).to.be.greaterThan(0);
      // Directly-governed customs: its subordinates too.
      expect(dataOf(await goods('nanjing-officer', 'OOLU4582102')).goods).to.not.equal(null);
      expect(dataOf(await goods('nanning-officer', 'COSU6331218')).goods).to.equal(null);
      // Custodians and CIQ.
      expect(dataOf(await goods('sip-warehouse-operator', 'COSU6331218')).goods).to.not.equal(null);
      expect(dataOf(await goods('sip-warehouse-operator', 'CSNU7001122')).goods).to.equal(null);
      expect(dataOf(await goods('ciq-inspector', 'LOT-SIP-IN-20261120-01')).goods).to.not.equal(null);
      expect(dataOf(await goods('ciq-inspector', 'COSU6331218')).goods).to.equal(null);
      // Listing: a subordinate customs sees its district's events and, as its trace does, every
      // event of the goods it sees (TGHU8827013's events in 2305 before it reached 7206).
      const list = await t.gql<EventsPage>(t.keyOf('youyiguan-officer'), `{ events(first: 100) { edges { node { id district } } } }`);
      expect(list.body.errors, JSON.stringify(list.body.errors)).to.equal(undefined);
      const tghu = (await traceFor('youyiguan-officer', { id: 'TGHU8827013' })).events.map((e) => e.id);
      expect(dataOf(list.body).events.edges.map((e) => e.node.id)).to.deep.equal(tghu);
      expect(dataOf(list.body).events.edges.map((e) => e.node.id)).to.deep.equal([
        'demo-a18',
        'demo-a19',
        'demo-a20',
        'demo-a21',
        'demo-a22',
        'demo-a23',
        'demo-a24',
        'demo-a25',
        'demo-a26',
        'demo-a27',
      ]);
    });

    it('paginates events with Relay cursors', async () => {
      const q = `query($after: String) { events(filter: {district: "2300"}, first: 4, after: $after) { edges { cursor node { id eventTime } } pageInfo { hasNextPage endCursor } } }`;
      const all: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 10; i++) {
        const r: GqlBody<EventsPage> = (await t.gql<EventsPage>(t.keyOf('nanjing-analyst'), q, { after })).body;
        expect(r.errors, JSON.stringify(r.errors)).to.equal(undefined);
        const { edges, pageInfo } = dataOf(r).events;
        all.push(...edges.map((e) => e.node.id));
        if (!pageInfo.hasNextPage) break;
        after = pageInfo.endCursor ?? null;
      }
      const expected = demoFlow(now)
        .filter((s) => s.event.district === '2305')
        .map((s) => ({ id: String(s.event.id), t: Date.parse(String(s.event.eventTime)) }));
      expected.sort((a, b) => a.t - b.t || (a.id < b.id ? -1 : 1));
      expect(all).to.deep.equal(expected.map((e) => e.id));
    });

    it('a subscription receives committed events and anomalies over SSE', async () => {
      const sub = await subscribe(
        t,
        t.keyOf('sip-officer'),
        `subscription { events(filter: {district: "2305"}) { id kind district proof { blockNumber blockHash } } }`,
      );
      expect(sub.status).to.equal(200);
      expect(sub.headers.get('content-type')).to.match(/text\/event-stream/);
      const anomalies = await subscribe(
        t,
        t.keyOf('nanjing-officer'),
        `subscription { anomalies(district: "2300") { type district eventIds } }`,
      );
      // Let the subscriptions register before committing.
      await new Promise((r) => setTimeout(r, 300));
      const box = containerNo('TCLU', '123450');
      const events = [
        {
          id: 'sse-e1',
          kind: 'TAKEN_OVER',
          goods: [{ type: 'container', id: box }],
          eventTime: new Date().toISOString(),
          district: '2305',
          site: 'CNSZP-BZ-GATE1',
          actor: { org: 'SipLogisticsMSP' },
          custody: { from: { org: 'SinoTransMSP' }, to: { org: 'SipLogisticsMSP' } },
          seals: ['S1'],
        },
      ];
      const got = readSse(sub, (d) => d.data?.events?.id === 'sse-e1');
      const gotAnomaly = readSse(anomalies, (d) => d.data?.anomalies?.eventIds.includes('sse-e1') === true);
      const w = await t.gql<Appended>(t.keyOf('sip-warehouse-operator'), APPEND, { events });
      expect(dataOf(w.body).appendEvents.accepted, JSON.stringify(w.body)).to.equal(1);
      const seen = await got;
      const hit = seen.find((d) => d.data?.events?.id === 'sse-e1');
      expect(hit, JSON.stringify(seen)).to.not.equal(undefined);
      expect(hit?.data?.events?.proof?.blockHash).to.match(/^[0-9a-f]{64}$/);
      const a = (await gotAnomaly).find((d) => d.data?.anomalies);
      expect(a?.data?.anomalies).to.deep.equal({ type: 'TAKEOVER_WITHOUT_HANDOFF', district: '2305', eventIds: ['sse-e1'] });
    });

    it('announces an overdue transit on the anomalies subscription when it falls due, without a new event', async () => {
      const anomalies = await subscribe(
        t,
        t.keyOf('nanjing-officer'),
        `subscription { anomalies(district: "2300") { type district eventIds } }`,
      );
      await new Promise((r) => setTimeout(r, 300));
      const box = containerNo('TCLU', '223340');
      const terminal = { org: 'YangshanTerminalMSP' };
      const due = new Date(Date.now() + 2500).toISOString();
      const events = [
        {
          id: 'due-e1',
          kind: 'UNLOADED',
          goods: [{ type: 'container', id: box }],
          eventTime: new Date(Date.now() - 60_000).toISOString(),
          district: '2248',
          site: 'CNYSA-T4',
          actor: terminal,
          custody: { from: { org: 'SinoTransMSP' }, to: terminal },
          seals: ['D1'],
        },
        {
          id: 'due-e2',
          kind: 'HANDED_OFF',
          goods: [{ type: 'container', id: box }],
          eventTime: new Date(Date.now() - 30_000).toISOString(),
          district: '2248',
          site: 'CNYSA-T4',
          actor: terminal,
          custody: { from: terminal, to: { org: 'SinoTransMSP' } },
          seals: ['D1'],
          transit: { destinationDistrict: '2305', dueBy: due },
        },
      ];
      const seen = readSse(
        anomalies,
        (d) => d.data?.anomalies?.type === 'OVERDUE_TRANSIT' && d.data.anomalies.eventIds.includes('due-e2'),
        20_000,
      );
      const w = await t.gql<Appended>(t.keyOf('yangshan-terminal-operator'), APPEND, { events });
      expect(dataOf(w.body).appendEvents.accepted, JSON.stringify(w.body)).to.equal(2);
      const got = (await seen).find((d) => d.data?.anomalies?.type === 'OVERDUE_TRANSIT');
      expect(got?.data?.anomalies, JSON.stringify(await seen)).to.deep.include({ type: 'OVERDUE_TRANSIT', district: '2305' });
      expect(Date.now()).to.be.at.least(Date.parse(due));
    });

    it('REST ingestion gives the same per-event results', async () => {
      const box = containerNo('MSKU', '765430');
      const events = [
        {
          id: 'rest-e1',
          kind: 'ARRIVED',
          goods: [{ type: 'container', id: box }],
          eventTime: new Date().toISOString(),
          district: '7206',
          readPoint: 'CNYYG-GATE',
          actor: { org: 'SinoTransMSP' },
        },
        {
          id: 'rest-e2',
          kind: 'DEPARTED',
          goods: [{ type: 'container', id: box }],
          eventTime: new Date().toISOString(),
          district: '2248',
          actor: { org: 'SinoTransMSP' },
        },
      ];
      const r = await t.rest(t.keyOf('sinotrans-dispatcher'), 'POST', '/api/v1/events', events);
      expect(r.status, r.text).to.equal(200);
      expect((r.body as Ingested).results.map((x) => [x.index, x.id, x.status, x.channel])).to.deep.equal([
        [0, 'rest-e1', 'ACCEPTED', 'district-7200'],
        [1, 'rest-e2', 'ACCEPTED', 'district-2200'],
      ]);
      const again = await t.rest(t.keyOf('sinotrans-dispatcher'), 'POST', '/api/v1/events', { events });
      expect(again.body).to.include({ accepted: 0, duplicates: 2, rejected: 0 });
      const g = await t.gql<GoodsAnswer>(t.keyOf(gacc), `query($id: ID!) { goods(id: $id) { districts } }`, { id: box });
      expect(dataOf(g.body).goods?.districts).to.have.members(['7206', '2248']);
    });

    it('bad input: codes and JSON Pointer paths per event, and a rejected chunk writes nothing', async () => {
      const good = containerNo('GESU', '555550');
      const valid = containerNo('GESU', '555551');
      const wrongCheckDigit = `${valid.slice(0, 10)}${(Number(valid[10]) + 1) % 10}`;
      const events = [
        {
          id: 'bad-e0',
          kind: 'ARRIVED',
          goods: [{ type: 'container', id: good }],
          eventTime: new Date().toISOString(),
          district: '2305',
          actor: { org: 'SinoTransMSP' },
        },
        {
          id: 'bad-e1',
          kind: 'ARRIVED',
          goods: [{ type: 'container', id: wrongCheckDigit }],
          eventTime: new Date().toISOString(),
          district: '2305',
          actor: { org: 'SinoTransMSP' },
        },
        {
          id: 'bad-e2',
          kind: 'ARRIVED',
          goods: [{ type: 'container', id: good }],
          eventTime: new Date().toISOString(),
          district: '9999',
          actor: { org: 'SinoTransMSP' },
        },
      ];
      const r = await t.rest(t.keyOf('sinotrans-dispatcher'), 'POST', '/api/v1/events', events);
      expect(r.status, r.text).to.equal(200);
      const [e0, e1, e2] = (r.body as Ingested).results;
      expect(e1.status).to.equal('REJECTED');
      expect(e1.code).to.be.oneOf(['INVALID_CONTAINER_NUMBER', 'VALIDATION_FAILED']);
      expect(e1.path).to.match(/^\/1\/goods\/0/);
      expect(e0).to.include({ status: 'REJECTED', code: 'CHUNK_REJECTED' });
      expect(e2).to.include({ status: 'REJECTED', code: 'UNKNOWN_DISTRICT', path: '/2/district' });
      expect(r.body).to.include({ accepted: 0, rejected: 3 });
      const g = await t.gql<GoodsAnswer>(t.keyOf(gacc), `query($id: ID!) { goods(id: $id) { id } }`, { id: good });
      expect(dataOf(g.body).goods).to.equal(null);
      // Same through GraphQL, with a path into a nested field.
      const m = await t.gql<Appended>(t.keyOf('sinotrans-dispatcher'), APPEND, { events: [{ ...events[0], eventTime: 'yesterday' }] });
      expect(dataOf(m.body).appendEvents.results[0]).to.include({ status: 'REJECTED', code: 'VALIDATION_FAILED' });
      expect(dataOf(m.body).appendEvents.results[0].path).to.match(/^\/0\/eventTime/);
      // Forbidden by the chaincode's own rules (the caller's identity is used): a carrier may not release.
      const f = await t.gql<Appended>(t.keyOf('sinotrans-dispatcher'), APPEND, {
        events: [{ ...events[0], id: 'bad-e3', kind: 'RELEASED' }],
      });
      expect(dataOf(f.body).appendEvents.results[0]).to.include({ status: 'REJECTED', code: 'FORBIDDEN' });
      // Malformed body.
      const malformed = await t.rest(t.keyOf('sinotrans-dispatcher'), 'POST', '/api/v1/events', '{nope');
      expect((malformed.body as RestError).error.code).to.equal('BAD_JSON');
    });

    it('protects itself: depth and cost limits, masked errors, healthz and metrics', async () => {
      const deep = `{ trace(id: "COSU6331218") { crossings { handOff { proof { channel } } } } a: viewer { userId }  }`;
      expect((await t.gql(t.keyOf(gacc), deep)).body.errors).to.equal(undefined);
      const nested = `{ events { edges { node { goods { id } } } } }`;
      expect((await t.gql(t.keyOf(gacc), nested)).body.errors).to.equal(undefined);
      const node =
        'node { id kind district eventTime goods { id type } proof { channel blockNumber txId blockHash } actor { org } custody { from { org } to { org } } seals weight { value unit } references { type id } transit { dueBy } }';
      const costly = `{ ${[1, 2, 3, 4].map((i) => `e${i}: events(first: 500) { edges { ${node} } }`).join(' ')} }`;
      const c = await t.gql(t.keyOf(gacc), costly);
      expect(firstErrorCode(c.body)).to.equal('QUERY_TOO_COSTLY');
      const frag = `fragment F on CustodyEvent { goods { id } } { trace(id: "X") { crossings { handOff { ...F custody { from { org } } } takeOver { transit { dueBy } } } } }`;
      expect(firstErrorCode((await t.gql(t.keyOf(gacc), frag)).body)).to.not.equal('QUERY_TOO_DEEP');
      const h = await t.rest(undefined, 'GET', '/healthz');
      expect(h.status).to.equal(200);
      const health = h.body as Health;
      expect(health.status).to.equal('ok');
      expect(health.channels.map((x) => x.name)).to.include('mutual-recognition');
      const m = await t.rest(undefined, 'GET', '/metrics');
      expect(m.text).to.match(/cargotrace_http_requests_total/);
      expect(m.text).to.match(/cargotrace_ingested_events_total\{status="accepted"\} \d+/);
      const v = await t.gql<{ verify: ChainVerification }>(t.keyOf(gacc), `{ verify(channel: "district-2300") { ok height } }`);
      expect(dataOf(v.body).verify.ok).to.equal(true);
      const badChannel = await t.gql<{ verify: ChainVerification }>(t.keyOf(gacc), `{ verify(channel: "nope") { ok } }`);
      expect(firstErrorCode(badChannel.body)).to.equal('BAD_USER_INPUT');
      expect(JSON.stringify(badChannel.body)).to.not.match(/\.ts:\d+|\.js:\d+/);
    });

    // Last: it restarts the gateway.
    it("keeps gate decisions: gateDecisions in the caller's scope, across a restart", async () => {
      const since = new Date(Date.now() - 1000).toISOString();
      const check = `query($c: String!, $g: String!, $d: GateDirection!) { gateCheck(containerNo: $c, gateId: $g, direction: $d) { decision } }`;
      const deny = (await t.gql<GateChecked>(t.keyOf('sip-officer'), check, { c: 'COSU6331218', g: 'CNSZP-BZ-GATE1', d: 'OUT' })).body;
      expect(deny.errors, JSON.stringify(deny.errors)).to.equal(undefined);
      expect(dataOf(deny).gateCheck.decision).to.equal('DENY');
      const allow = (await t.gql<GateChecked>(t.keyOf('youyiguan-officer'), check, { c: 'TGHU8827013', g: 'CNYYG-GATE', d: 'OUT' })).body;
      expect(dataOf(allow).gateCheck.decision).to.equal('ALLOW');
      const q = `query($from: DateTime, $decision: GateVerdict, $district: String) { gateDecisions(from: $from, decision: $decision, district: $district) {
        id containerNo gateId district direction decision reasons { code ok } checkedAt checkedBy { userId org } } }`;
      const list = async (userId: string, vars: Record<string, unknown> = {}) => {
        const r = await t.gql<GateDecisions>(t.keyOf(userId), q, { from: since, ...vars });
        expect(r.body.errors, JSON.stringify(r.body.errors)).to.equal(undefined);
        return dataOf(r.body).gateDecisions;
      };
      const denials = await list('nanjing-officer', { decision: 'DENY' });
      expect(denials).to.have.length(1);
      expect(denials[0]).to.deep.include({
        containerNo: 'COSU6331218',
        gateId: 'CNSZP-BZ-GATE1',
        district: '2305',
        direction: 'OUT',
        decision: 'DENY',
        checkedBy: { userId: 'sip-officer', org: 'NanjingCustomsMSP' },
      });
      expect(denials[0].reasons.filter((r) => !r.ok).map((r) => r.code)).to.deep.equal(['RELEASED']);
      expect(Date.parse(denials[0].checkedAt)).to.be.at.least(Date.parse(since));
      // Newest first; GACC sees every district, and may narrow to one.
      expect((await list(gacc)).map((d) => d.decision)).to.deep.equal(['ALLOW', 'DENY']);
      expect((await list(gacc, { district: '7200' })).map((d) => d.containerNo)).to.deep.equal(['TGHU8827013']);
      // The gate operator sees its own gate; a subordinate customs of another district and another
      // gate's operator see nothing of it; partner customs are refused.
      expect((await list('sip-warehouse-operator')).map((d) => d.id)).to.deep.equal([denials[0].id]);
      expect(await list('yangshan-officer', { decision: 'DENY' })).to.deep.equal([]);
      expect((await list('youyiguan-officer')).map((d) => d.decision)).to.deep.equal(['ALLOW']);
      expect(await list('youyiguan-gate-operator', { decision: 'DENY' })).to.deep.equal([]);
      const partner = await t.gql<GateDecisions>(t.keyOf('vietnam-liaison'), q, { from: since });
      expect(firstErrorCode(partner.body)).to.equal('FORBIDDEN');
      // The log lives in the gateway's data directory: a restarted gateway still has it.
      await t.restart();
      expect(await list('nanjing-officer', { decision: 'DENY' })).to.deep.equal(denials);
    });
  });
}
