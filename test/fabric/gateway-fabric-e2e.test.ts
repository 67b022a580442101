import { expect } from 'chai';
import { loadNetworkConfig } from '@cargotrace/network';
import { startGateway, type RunningGateway } from '@cargotrace/gateway';
import { demoFlow, demoMutualRecognition } from '@cargotrace/gateway/dist/demo/demo-flow';
import type { FabricBackend } from '@cargotrace/gateway/dist/ledger/fabric-backend';
import { fabricManifest, SKIP_MESSAGE } from './support';

const APPEND = `mutation($events: [JSON!]!) { appendEvents(events: $events) { accepted duplicates rejected results { index id status code message path channel txId blockNumber } } }`;
const TRACE = `query($id: ID!, $direction: TraceDirection, $maxDepth: Int) {
  trace(id: $id, direction: $direction, maxDepth: $maxDepth) {
    districts
    events { id kind district eventTime channel txId proof { channel blockNumber txId blockHash } }
    crossings { goods { id } verdict handOff { id } takeOver { id } }
    anomalies { type district eventIds }
  }
}`;

/** The gateway end-to-end story (test/gateway/gateway-e2e.test.ts) on a real Fabric network. */
describe('gateway end-to-end over HTTP (Fabric ledger)', function () {
  this.timeout(300_000);
  let backend: FabricBackend;
  let gw: RunningGateway;
  const config = loadNetworkConfig();
  const now = new Date();
  const keyOf = (userId: string) => config.users.find((u) => u.id === userId)!.apiKey!;
  const gql = async (apiKey: string, query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(gw.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: any; errors?: unknown[] };
  };

  before(async function () {
    const manifest = fabricManifest();
    if (!manifest) {
      console.log(SKIP_MESSAGE);
      this.skip();
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { FabricBackend } = require('@cargotrace/gateway/dist/ledger/fabric-backend') as typeof import('@cargotrace/gateway/dist/ledger/fabric-backend');
    backend = await FabricBackend.open(manifest!);
    gw = await startGateway({ port: 0, host: '127.0.0.1', backend, config, demo: false });
    const flow = demoFlow(now);
    for (let i = 0; i < flow.length; ) {
      let j = i;
      while (j < flow.length && flow[j].userId === flow[i].userId) j++;
      const r = await gql(keyOf(flow[i].userId), APPEND, { events: flow.slice(i, j).map((s) => s.event) });
      expect(r.errors, JSON.stringify(r.errors)).to.equal(undefined);
      // A network reused across runs already holds the demo events: duplicates are fine.
      const bad = r.data.appendEvents.results.filter((x: any) => x.status !== 'ACCEPTED' && x.status !== 'DUPLICATE');
      expect(bad, JSON.stringify(bad)).to.deep.equal([]);
      i = j;
    }
    const mr = demoMutualRecognition(now);
    const a = await gql(keyOf(mr.userId), `mutation($c: JSON!) { putAeoCertificate(certificate: $c) { enterpriseCode status } }`, { c: mr.aeo });
    expect(a.errors, JSON.stringify(a.errors)).to.equal(undefined);
  });

  after(async () => {
    if (gw) await gw.close();
    if (backend) await backend.close();
  });

  it('re-sending events is idempotent (duplicates)', async () => {
    const flow = demoFlow(now).filter((s) => s.userId === 'sip-warehouse-operator').slice(0, 3);
    const r = await gql(keyOf('sip-warehouse-operator'), APPEND, { events: flow.map((s) => s.event) });
    expect(r.data.appendEvents).to.include({ accepted: 0, duplicates: 3, rejected: 0 });
  });

  it('traces a container across three districts (three channels) with Fabric block proofs', async () => {
    const r = await gql(keyOf('gacc-analyst'), TRACE, { id: 'COSU6331218', direction: 'BOTH', maxDepth: 3 });
    expect(r.errors, JSON.stringify(r.errors)).to.equal(undefined);
    const trace = r.data.trace;
    expect(trace.districts).to.deep.equal(['2248', '2305', '7206']);
    const expected = demoFlow(now).filter((s) => /^demo-a/.test(String(s.event.id))).map((s) => s.event.id);
    expect(trace.events.map((e: any) => e.id)).to.deep.equal(expected);
    for (const e of trace.events) {
      expect(e.proof, e.id).to.not.equal(null);
      expect(e.proof.txId).to.equal(e.txId);
      expect(e.proof.blockHash).to.match(/^[0-9a-f]{64}$/);
    }
    expect(trace.crossings.map((c: any) => [c.goods.id, c.handOff.id, c.takeOver.id, c.verdict])).to.deep.equal([
      ['COSU6331218', 'demo-a06', 'demo-a09', 'MATCHED'],
      ['TGHU8827013', 'demo-a21', 'demo-a24', 'MATCHED'],
    ]);
  });

  it('reports seal mismatch and overdue transit anomalies', async () => {
    const seal = (await gql(keyOf('gacc-analyst'), TRACE, { id: 'OOLU4582102' })).data.trace;
    expect(seal.crossings.map((c: any) => c.verdict)).to.deep.equal(['SEAL_MISMATCH']);
    const overdue = (await gql(keyOf('gacc-analyst'), TRACE, { id: 'CSNU7001122' })).data.trace;
    expect(overdue.anomalies.map((a: any) => a.type)).to.deep.equal(['OVERDUE_TRANSIT']);
  });
});
