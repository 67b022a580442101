import { expect } from 'chai';
import { fork } from 'node:child_process';
import * as path from 'node:path';
import type { EmbeddedNetwork } from '@cargotrace/network';
import { DISTRICT, openNetwork, removeDir, tempDir } from './helpers';
import { defined } from '../support/defined';

/** Runs crash-child until it has acknowledged `acks` transactions, then SIGKILLs it. */
function runAndKill(dataDir: string, acks: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'crash-child.js'), [dataDir], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const acked: string[] = [];
    let buffered = '';
    let stderr = '';
    let killed = false;
    defined(child.stderr, 'child stderr').on('data', (d: Buffer) => (stderr += d.toString()));
    defined(child.stdout, 'child stdout').on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('ack ')) acked.push(line.slice(4));
      }
      if (!killed && acked.length >= acks) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`child exited with ${String(code)}: ${stderr}`));
    });
  });
}

describe('embedded ledger: crash safety', function () {
  this.timeout(60_000);
  let dir: string;
  let net: EmbeddedNetwork | undefined;

  before(async () => {
    dir = await tempDir('crash');
  });
  after(async () => {
    await net?.close();
    await removeDir(dir);
  });

  it('after SIGKILL every acknowledged tx is in the ledger, the meta matches the last block, verify passes', async () => {
    const acked = await runAndKill(dir, 150);
    expect(acked.length).to.be.at.least(150);
    net = await openNetwork(dir);
    const ch = net.channel(DISTRICT);
    const height = ch.height();
    for (const txId of acked) {
      const loc = await ch.getTransactionLocation(txId);
      const { validationCode, blockNumber } = defined(loc, `the location of ${txId}`);
      expect(validationCode).to.equal('VALID');
      expect(blockNumber).to.be.below(height);
    }
    const last = await ch.getBlock(height - 1);
    expect(last.transactions.length).to.be.greaterThan(0);
    const result = await ch.verify();
    expect(result).to.deep.equal({ ok: true, height });
    // The ledger keeps working after the crash.
    const r = await ch.submit(net.identity('shanghai-officer'), 'counter:incr', ['after-crash']);
    expect(r.blockNumber).to.equal(height);
  });
});
