import { expect } from 'chai';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const CLIENT_SDK = path.resolve(__dirname, '../../../client-sdk');

/** npm links a package's `bin` at install time, before any build: the entry it names must be a
 * committed file (not dist/) that loads the build. */
describe('cargotrace command entry', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(CLIENT_SDK, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  const bin = path.join(CLIENT_SDK, pkg.bin.cargotrace);

  it('is a committed, executable node script outside dist/', () => {
    expect(pkg.bin.cargotrace).to.equal('bin/cargotrace.js');
    expect(fs.readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n'), 'shebang').to.equal(true);
    expect(fs.statSync(bin).mode & 0o111, 'executable bits').to.not.equal(0);
  });

  it('prints the usage with every command', () => {
    const out = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(out).to.match(/^Usage: cargotrace \[options\] \[command\]/);
    for (const command of ['import', 'trace', 'gate-check', 'verify', 'export-epcis', 'outbox']) {
      expect(out, command).to.match(new RegExp(`\\n  ${command} `));
    }
  });

  it('runs a command and passes its exit code through', () => {
    let status: number | null = 0;
    try {
      execFileSync(process.execPath, [bin, 'trace'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      status = (err as { status: number | null }).status;
    }
    expect(status, 'missing <goods-id> is a usage error').to.equal(1);
  });
});
