/** Child process of crash.test.ts: opens the ledger in argv[2] and submits forever from a few
 * concurrent workers, printing `ack <txId>` for every acknowledged (durable) transaction. The
 * parent SIGKILLs it mid-flight. */
import { DISTRICT, openNetwork } from './helpers';

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  const net = await openNetwork(dataDir, { maxMessageCount: 7, batchTimeoutMs: 2 });
  const ch = net.channel(DISTRICT);
  const id = net.identity('shanghai-officer');
  process.stdout.write('ready\n');
  let n = 0;
  const worker = async (w: number) => {
    for (;;) {
      const i = n++;
      const r = await ch.submit(id, 'counter:putMany', [
        JSON.stringify({ [`crash-${w}-${i}`]: 'x'.repeat(200), [`crash-last-${w}`]: String(i) }),
      ]);
      process.stdout.write(`ack ${r.txId}\n`);
    }
  };
  await Promise.all([0, 1, 2, 3, 4, 5].map(worker));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
