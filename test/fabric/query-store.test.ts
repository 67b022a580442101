import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadNetworkConfig } from '@cargotrace/network';
import { startGateway, type RunningGateway } from '@cargotrace/gateway';
import { FabricBackend } from '@cargotrace/gateway/ledger';
import type { CommittedBlock } from '@cargotrace/gateway/ledger';
import { iso6346CheckDigit } from '@cargotrace/model';
import { defined } from '../support/defined';
import { fabricManifest, runTag, SKIP_MESSAGE } from './support';

const TRACE = `query($id: ID!) { trace(id: $id, direction: BOTH, maxDepth: 3) {
  districts events { id kind district eventTime channel txId proof { channel blockNumber txId txIndex blockHash validationCode } }
  crossings { verdict } anomalies { type } } }`;

describe('query store on real Hyperledger Fabric (two gateways, one network)', function () {
  this.timeout(300_000);
  const config = loadNetworkConfig();
  const backends: FabricBackend[] = [];
  const gateways: RunningGateway[] = [];
  let root = '';
  const tag = runTag();
  const serial = String((Date.now() + 7) % 1_000_000).padStart(6, '0');
  const box = `QSTU${serial}${iso6346CheckDigit(`QSTU${serial}`)}`;
  const keyOf = (u: string) =>
    defined(
      defined(
        config.users.find((x) => x.id === u),
        u,
      ).apiKey,
      `${u}'s API key`,
    );

  before(async function () {
    const manifest = fabricManifest();
    if (!manifest) {
      console.log(SKIP_MESSAGE);
      this.skip();
    }
    root = await mkdtemp(path.join(tmpdir(), 'cargotrace-fabric-qs-'));
    for (const [name, queryStore] of [
      ['a', true],
      ['b', true],
      ['evaluate', false],
    ] as const) {
      const backend = await FabricBackend.open(manifest);
      backends.push(backend);
      gateways.push(
        await startGateway({ port: 0, host: '127.0.0.1', backend, config, demo: false, dataDir: path.join(root, name), queryStore }),
      );
    }
  });

  after(async () => {
    for (const gw of gateways) await gw.close();
    for (const b of backends) await b.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  const post = (gw: RunningGateway, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${gw.url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keyOf('sinotrans-dispatcher')}`, ...headers },
      body: JSON.stringify(body),
    });
  const trace = async (gw: RunningGateway, headers: Record<string, string> = {}) => {
    const res = await fetch(gw.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keyOf('gacc-analyst')}`, ...headers },
      body: JSON.stringify({ query: TRACE, variables: { id: box } }),
    });
    return (await res.json()) as { data?: { trace: { events: Array<{ id: string }> } | null }; errors?: unknown };
  };
  const arrival = (id: string, district: string) => ({
    id,
    kind: 'ARRIVED',
    goods: [{ type: 'container', id: box }],
    eventTime: new Date(Date.now() - 60_000).toISOString(),
    district,
    readPoint: 'CNYYG-GATE',
    actor: { org: 'SinoTransMSP' },
  });

  it('feeds committed blocks in order with the block hashes proofs carry', async () => {
    const backend = backends[0];
    const height = backend.height('district-2200');
    const blocks: CommittedBlock[] = [];
    await new Promise<void>((resolve, reject) => {
      const stop = backend.committedBlocks(
        'district-2200',
        0,
        (b) => {
          blocks.push(b);
          if (b.number + 1 >= height) {
            stop();
            resolve();
          }
          return Promise.resolve();
        },
        reject,
      );
    });
    expect(blocks.map((b) => b.number)).to.deep.equal([...Array(blocks.length).keys()]);
    const tx = defined(
      blocks.flatMap((b) => b.transactions).find((t) => t.validationCode === 'VALID' && t.writes.length > 0),
      'a valid transaction with writes',
    );
    const proof = defined(await backend.transactionProof('district-2200', tx.txId), 'its proof');
    expect(blocks[proof.blockNumber].hash).to.equal(proof.blockHash);
    expect(await backend.blockHash('district-2200', proof.blockNumber)).to.equal(proof.blockHash);
  });

  it('reads its writes through another gateway with the heights header', async () => {
    const w = await post(gateways[0], [arrival(`qs-${tag}-1`, '2200'), arrival(`qs-${tag}-2`, '2300')]);
    expect(w.status).to.equal(200);
    const heights = defined(w.headers.get('x-cargotrace-heights') ?? undefined, 'the heights header');
    expect(heights).to.match(/^district-2200=\d+,district-2300=\d+$/);
    const seen = await trace(gateways[1], { 'X-CargoTrace-Heights': heights });
    expect(seen.errors, JSON.stringify(seen.errors)).to.equal(undefined);
    expect(
      defined(seen.data?.trace, 'the trace')
        .events.map((e) => e.id)
        .sort(),
    ).to.deep.equal([`qs-${tag}-1`, `qs-${tag}-2`]);
  });

  it('gives identical answers from both gateways and from chaincode evaluation', async () => {
    const heights = defined(
      (await post(gateways[1], [arrival(`qs-${tag}-3`, '2200')])).headers.get('x-cargotrace-heights') ?? undefined,
      'the heights header',
    );
    const answers = await Promise.all(gateways.map((gw) => trace(gw, { 'X-CargoTrace-Heights': heights })));
    // The evaluating gateway does not wait for heights: make sure its peer has the block too.
    for (let i = 0; i < 50 && (answers[2].data?.trace?.events.length ?? 0) < 3; i++) {
      await new Promise((r) => setTimeout(r, 200));
      answers[2] = await trace(gateways[2]);
    }
    expect(defined(answers[0].data?.trace, 'the trace').events).to.have.length(3);
    expect(answers[1]).to.deep.equal(answers[0]);
    expect(answers[2]).to.deep.equal(answers[0]);
  });
});
