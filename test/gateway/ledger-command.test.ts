import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { BlockFile, INDEX_DIR, loadNetworkConfig } from '@cargotrace/network';
import { EmbeddedBackend } from '@cargotrace/gateway';
import { binOf } from '../support/bin';

const run = promisify(execFile);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** `cargotrace-gateway ledger …` as an operator runs it. */
async function ledger(...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [binOf('@cargotrace/gateway', 'cargotrace-gateway'), 'ledger', ...args]);
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('operator command: cargotrace-gateway ledger', function () {
  this.timeout(120_000);
  let dir: string;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cargotrace-ledger-cmd-'));
    // A ledger with the registry bootstrapped on every channel, then closed.
    const backend = await EmbeddedBackend.open(dir, loadNetworkConfig());
    await backend.close();
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('check verifies every channel of the configuration, blocks and state, and exits 0', async () => {
    const out = await ledger('check', '-d', dir);
    expect(out.code, out.stderr).to.equal(0);
    const channels = loadNetworkConfig().channels.map((c) => c.name);
    for (const c of channels) expect(out.stdout).to.match(new RegExp(`^${c}: index current; verified: \\d+ blocks and the state$`, 'm'));
  });

  it('rebuild rebuilds the named channel from its blocks and verifies it', async () => {
    const out = await ledger('rebuild', 'district-2300', '-d', dir);
    expect(out.code, out.stderr).to.equal(0);
    expect(out.stdout).to.match(/^district-2300: index rebuilt from \d+ blocks \(asked to rebuild\); verified/m);
    expect(out.stdout).to.not.match(/district-2200/);
  });

  it('check repairs a deleted index from the blocks and says so', async () => {
    await rm(path.join(dir, 'ledgers', 'district-2200', INDEX_DIR), { recursive: true });
    const out = await ledger('check', 'district-2200', '-d', dir);
    expect(out.code, out.stderr).to.equal(0);
    expect(out.stdout).to.match(/^district-2200: index rebuilt from \d+ blocks \(the index is missing\); verified/m);
  });

  it('a damaged block makes check fail with exit code 1, naming the block', async () => {
    const channelDir = path.join(dir, 'ledgers', 'district-7200');
    await rm(path.join(channelDir, INDEX_DIR), { recursive: true });
    // Block 0's frame header: the replay cannot get past it.
    await writeFile(BlockFile.pathIn(channelDir), 'XXXX', { flag: 'r+' });
    const out = await ledger('check', 'district-7200', '-d', dir);
    expect(out.code).to.equal(1);
    expect(out.stderr).to.match(/block 0 of .*blockfile_000000 is damaged/);
  });

  it('refuses unknown channels and actions with the choices', async () => {
    const unknown = await ledger('check', 'nowhere', '-d', dir);
    expect(unknown.code).to.equal(1);
    expect(unknown.stderr).to.match(/unknown channel\(s\) nowhere; the configuration has district-2200/);
    const action = await ledger('fix', '-d', dir);
    expect(action.code).to.not.equal(0);
    expect(action.stderr).to.match(/check, rebuild, migrate|"check", "rebuild", "migrate"/);
  });
});
