import { expect } from 'chai';
import { spawn, type ChildProcess } from 'child_process';
import { mkdtemp, rm } from 'fs/promises';
import { tmpdir } from 'os';
import * as path from 'path';
import { stripVTControlCharacters } from 'util';
import { isExpectedNotFound } from '@cargotrace/gateway/chaincode-logging';
import { binOf } from '../support/bin';

const CLI = binOf('@cargotrace/gateway', 'cargotrace-gateway');

/** `npm start` on a fresh data dir: the demo-presence probe and traces of unknown ids get the
 * chaincode's NOT_FOUND, an answer that must not print as a red `error` line. */
describe('gateway start-up output', function () {
  this.timeout(180_000);
  let dir: string;
  let child: ChildProcess | undefined;
  let output = '';

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cargotrace-start-'));
  });
  after(async () => {
    const running = child;
    if (running && running.exitCode === null) {
      running.kill('SIGTERM');
      await new Promise((resolve) => running.once('exit', resolve));
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('seeds the demo into an empty ledger and answers lookups of unknown ids without an error line', async () => {
    // The chaincode's logging level as a user gets it (the CLI's default), not the test suite's.
    const env = { ...process.env };
    delete env.CORE_CHAINCODE_LOGGING_LEVEL;
    const gateway = spawn(process.execPath, [CLI, '--data-dir', dir, '--port', '0', '--host', '127.0.0.1'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = gateway;
    const base = await new Promise<string>((resolve, reject) => {
      const onData = (d: Buffer) => {
        output += d.toString();
        const m = output.match(/demo data seeded[\s\S]*GraphiQL\s+(http:\/\/\S+)\/graphql/);
        if (m) resolve(m[1]);
      };
      gateway.stdout.on('data', onData);
      gateway.stderr.on('data', onData);
      gateway.once('exit', (code) => reject(new Error(`gateway exited with ${String(code)} before it was ready:\n${output}`)));
    });

    const query = async (q: string) => {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer demo-gacc-analyst' },
        body: JSON.stringify({ query: q }),
      });
      return (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    };
    const trace = await query('{ trace(id: "NOSUCH0000001") { events { id } } }');
    expect(trace.data?.trace ?? null, JSON.stringify(trace)).to.satisfy(
      (t: unknown) => t === null || (t as { events: unknown[] }).events.length === 0,
    );
    const goods = await query('{ goods(id: "NOSUCH0000001") { id } }');
    expect(goods.data?.goods ?? null, JSON.stringify(goods)).to.equal(null);
    const aeo = await query('{ mutualRecognition(enterpriseCode: "0000000000") { enterpriseCode } }');
    expect(aeo.data?.mutualRecognition ?? null, JSON.stringify(aeo)).to.equal(null);
    // Let any log line of those transactions reach the pipes.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const lines = stripVTControlCharacters(output).split('\n');
    expect(
      lines.filter((l) => /\berror\b/i.test(l)),
      output,
    ).to.deep.equal([]);
  });

  it('demotes only NOT_FOUND answers: other chaincode errors stay at error level', () => {
    expect(
      isExpectedNotFound(
        '[district-2200-679aa370] ChaincodeError: {"code":"NOT_FOUND","message":"event demo-a01 is not recorded on this channel","path":""}',
      ),
    ).to.equal(true);
    expect(isExpectedNotFound('[district-2200-679aa370] ChaincodeError: {"code":"FORBIDDEN","message":"not allowed","path":""}')).to.equal(
      false,
    );
    expect(isExpectedNotFound('[district-2200-679aa370] TypeError: Cannot read properties of undefined')).to.equal(false);
    expect(isExpectedNotFound({ code: 'NOT_FOUND' })).to.equal(false);
  });
});
