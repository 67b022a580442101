import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadNetworkConfig } from '@cargotrace/network';
import { defined } from '../support/defined';

/** The Fabric configuration generated from network/config/network.json, checked without Fabric
 * (runs under `npm test`). */
const ROOT = path.resolve(__dirname, '../../..');
const FABRIC = path.join(ROOT, 'network/fabric');
const GENERATE = path.join(ROOT, 'network/dist/fabric/generate.js');

describe('Fabric configuration generated from the network configuration', function () {
  this.timeout(60_000);
  let work: string;
  const config = loadNetworkConfig();

  before(() => {
    work = mkdtempSync(path.join(tmpdir(), 'cargotrace-fabric-gen-'));
    execFileSync(process.execPath, [GENERATE, 'config', '--work', work], { stdio: 'pipe' });
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it('has one configtx profile per configured channel, with the channel members as application orgs and 3 Raft consenters', () => {
    const text = readFileSync(path.join(work, 'config/configtx.yaml'), 'utf8');
    for (const ch of config.channels) expect(text).to.include(`${ch.name.replace(/[^A-Za-z0-9]/g, '_')}:`);
    expect(defined(text.match(/ClientTLSCert:/g), 'ClientTLSCert entries').length).to.equal(3 * config.channels.length);
    expect(text).to.include('OrdererType: etcdraft');
    for (const o of config.organisations) expect(text).to.include(`ID: ${o.mspId}`);
  });

  it('configures every peer without Docker and with the external builders', () => {
    for (const o of config.organisations) {
      const label = o.mspId.replace(/MSP$/, '').toLowerCase();
      const core = readFileSync(path.join(work, 'nodes', `peer0.${label}.cargotrace.local`, 'core.yaml'), 'utf8');
      expect(core).to.match(/\nvm:\n {2}endpoint: ''\n/);
      expect(core).to.include('name: cargotrace-node');
      expect(core).to.include(`localMspId: ${o.mspId}`);
    }
  });

  it('keeps the checked-in docker-compose.yaml in step with the generator', () => {
    const out = path.join(work, 'docker-compose.yaml');
    execFileSync(process.execPath, [GENERATE, 'compose', '--out', out], { stdio: 'pipe' });
    expect(readFileSync(path.join(FABRIC, 'docker/docker-compose.yaml'), 'utf8')).to.equal(readFileSync(out, 'utf8'));
  });

  it('registers every configured user with role/district/level ecert attributes in the Fabric CA configs', () => {
    for (const u of config.users) {
      const label = u.org.replace(/MSP$/, '').toLowerCase();
      const ca = readFileSync(path.join(work, 'ca', label, 'fabric-ca-server-config.yaml'), 'utf8');
      expect(ca).to.include(`name: ${u.id}`);
    }
    const gacc = readFileSync(path.join(work, 'ca', 'gacc', 'fabric-ca-server-config.yaml'), 'utf8');
    expect(gacc).to.match(/name: role\n\s+value: service\n\s+ecert: true/);
  });
});
