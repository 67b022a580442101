import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadNetworkConfig } from '@cargotrace/network';
import { EmbeddedBackend, startGateway, type LedgerBackend } from '@cargotrace/gateway';
import { defined } from '../support/defined';
import { testLedger } from './support/harness';

if (testLedger() === 'embedded') {
  describe('gateway shutdown', function () {
    this.timeout(60_000);

    it('lets a request that is running when the gateway closes finish with its answer', async () => {
      const config = loadNetworkConfig();
      const dataDir = await mkdtemp(path.join(tmpdir(), 'cargotrace-shutdown-'));
      const real = await EmbeddedBackend.open(dataDir, config);
      let entered!: () => void;
      const inLedger = new Promise<void>((r) => (entered = r));
      // The real ledger, slowed down so that the request is surely running at close().
      const slow: LedgerBackend = {
        kind: real.kind,
        submit: (...a) => real.submit(...a),
        evaluate: async (...a) => {
          entered();
          await new Promise((r) => setTimeout(r, 300));
          return real.evaluate(...a);
        },
        onChaincodeEvent: (l) => real.onChaincodeEvent(l),
        transactionProof: (c, t) => real.transactionProof(c, t),
        verify: (c) => real.verify(c),
        height: (c) => real.height(c),
        close: () => real.close(),
      };
      const gw = await startGateway({ port: 0, host: '127.0.0.1', backend: slow, config, demo: false, dataDir, traceCache: false });
      const key = defined(
        defined(
          config.users.find((u) => u.id === 'gacc-analyst'),
          'the gacc analyst',
        ).apiKey,
        'its API key',
      );
      try {
        const answer = fetch(gw.graphqlUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ query: '{ goods(id: "MSKU9183705") { districts } }' }),
        });
        await inLedger;
        await gw.close();
        const res = await answer;
        const body = (await res.json()) as { data?: unknown; errors?: unknown };
        expect(res.status).to.equal(200);
        expect(body.errors, JSON.stringify(body)).to.equal(undefined);
        expect(body.data).to.deep.equal({ goods: null });
        // And nothing is accepted after close.
        const refused = await fetch(gw.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).catch(
          (e: unknown) => e,
        );
        expect(refused).to.be.instanceOf(Error);
      } finally {
        await gw.close();
        await real.close();
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  });
}
