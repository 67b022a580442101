import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { loadNetworkConfig } from '@cargotrace/network';
import { EmbeddedBackend, issuedKeysFile, startGateway, type RunningGateway } from '@cargotrace/gateway';
import { binOf } from '../support/bin';
import { delay } from '../embedded/helpers';

const run = promisify(execFile);

/** `cargotrace-gateway keys …` as the operator runs it: stdout lines, or the failure. */
async function keys(dataDir: string, ...args: string[]): Promise<{ code: number; lines: string[]; stderr: string }> {
  try {
    const { stdout } = await run(process.execPath, [binOf('@cargotrace/gateway', 'cargotrace-gateway'), 'keys', ...args, '-d', dataDir]);
    return { code: 0, lines: stdout.trim().split('\n'), stderr: '' };
  } catch (err) {
    const e = err as { code: number; stderr: string };
    return { code: e.code, lines: [], stderr: e.stderr };
  }
}

describe('API keys issued, rotated and revoked by the operator (hashed at rest)', function () {
  this.timeout(120_000);
  const config = loadNetworkConfig();
  const user = 'sip-warehouse-operator';
  let dir: string;
  let backend: EmbeddedBackend;
  let gw: RunningGateway;

  /** The status of an authenticated GraphQL request with `key`. */
  const status = async (key: string) =>
    (
      await fetch(gw.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: '{ __typename }' }),
      })
    ).status;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cargotrace-keys-'));
    backend = await EmbeddedBackend.open(path.join(dir, 'ledger'), config);
    // As the CLI starts a gateway outside demo mode: the configuration's demo keys are not accepted.
    gw = await startGateway({ port: 0, host: '127.0.0.1', backend, config, demo: false, configKeys: false, dataDir: path.join(dir, 'gw') });
  });
  after(async () => {
    await gw.close();
    await backend.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('outside demo mode the configuration keys are refused; an issued key works within a second and is stored only as its hash', async () => {
    const demoKey = config.users.find((u) => u.id === user)?.apiKey ?? '';
    expect(await status(demoKey)).to.equal(401);
    const issued = await keys(path.join(dir, 'gw'), 'issue', user);
    expect(issued.code, issued.stderr).to.equal(0);
    const key = issued.lines[issued.lines.length - 1];
    expect(key).to.match(/^ct_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    await delay(1100);
    expect(await status(key)).to.equal(200);
    const stored = await readFile(issuedKeysFile(path.join(dir, 'gw')), 'utf8');
    expect(stored).to.not.include(key);
    expect(stored).to.not.include(key.slice(16));
    expect(JSON.parse(stored)).to.have.length(1);
  });

  it('rotate revokes the old key and issues a new one; revoke by id turns a key off; list shows no secret', async () => {
    const dataDir = path.join(dir, 'gw');
    const first = (await keys(dataDir, 'issue', user)).lines.at(-1) ?? '';
    const rotated = await keys(dataDir, 'rotate', user);
    expect(rotated.lines[0]).to.match(/^revoked [0-9a-f]{12}, [0-9a-f]{12}$/);
    const second = rotated.lines.at(-1) ?? '';
    await delay(1100);
    expect(await status(first)).to.equal(401);
    expect(await status(second)).to.equal(200);

    const id = second.slice(3, 15);
    expect((await keys(dataDir, 'revoke', id)).lines).to.deep.equal([`revoked ${id}`]);
    await delay(1100);
    expect(await status(second)).to.equal(401);

    const listed = (await keys(dataDir, 'list')).lines;
    expect(listed).to.have.length(3);
    for (const line of listed) expect(line).to.match(new RegExp(`^[0-9a-f]{12}  ${user}\\s+issued \\S+  revoked \\S+$`));
    expect(listed.join('\n')).to.not.include(second.slice(16));
  });

  it('refuses unknown users and revoking nothing, with exit code 1', async () => {
    const unknown = await keys(path.join(dir, 'gw'), 'issue', 'nobody');
    expect(unknown.code).to.equal(1);
    expect(unknown.stderr).to.match(/unknown user nobody/);
    const nothing = await keys(path.join(dir, 'gw'), 'revoke', 'ffffffffffff');
    expect(nothing.code).to.equal(1);
    expect(nothing.stderr).to.match(/no live key/);
  });
});
