import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { DevWallet, FABRIC_CERT_ATTR_OID, isIssuedBy, signBytes, verifySignature } from '@cargotrace/network';
import { demoConfig, removeDir, tempDir } from './helpers';
import { ClientIdentity, type ChaincodeStub } from 'fabric-shim';
import { defined } from '../support/defined';

// fabric-shim's own ClientIdentity: what ctx.clientIdentity is inside chaincode.
function clientIdentityOf(mspid: string, pem: string): ClientIdentity {
  const stub = {
    getChannelID: () => 'ch',
    getTxID: () => 'tx',
    getCreator: () => ({ mspid, idBytes: new Uint8Array(Buffer.from(pem, 'utf8')) }),
  };
  // The constructor reads only these three stub methods.
  return new ClientIdentity(stub as unknown as ChaincodeStub);
}

describe('embedded identity: development CA and wallet', () => {
  let dir: string;
  let wallet: DevWallet;
  const config = demoConfig();

  before(async () => {
    dir = await tempDir('identity');
    wallet = await DevWallet.open(dir, config);
  });
  after(() => removeDir(dir));

  it('issues each config user a cert that fabric-shim ClientIdentity reads: MSP id, x509 id, attributes', () => {
    const id = wallet.identity('sip-officer');
    expect(id.mspId).to.equal('NanjingCustomsMSP');
    const ci = clientIdentityOf(id.mspId, id.certificate);
    expect(ci.getMSPID()).to.equal('NanjingCustomsMSP');
    expect(ci.getID()).to.equal('x509::/OU=client/CN=sip-officer::/O=NanjingCustomsMSP/CN=ca.NanjingCustomsMSP');
    expect(ci.getAttributeValue('role')).to.equal('officer');
    expect(ci.getAttributeValue('district')).to.equal('2305');
    expect(ci.getAttributeValue('level')).to.equal('subordinate');
    expect(ci.getAttributeValue('hf.EnrollmentID')).to.equal('sip-officer');
    expect(ci.getAttributeValue('hf.Type')).to.equal('client');
    expect(ci.getAttributeValue('missing')).to.equal(null);
  });

  it('encodes the attributes as Fabric CA does: non-critical extension 1.2.3.4.5.6.7.8.1 with raw JSON', () => {
    const pem = wallet.identity('gateway-service').certificate;
    const der = new X509Certificate(pem).raw;
    const json = Buffer.from(JSON.stringify({ attrs: { 'hf.EnrollmentID': 'gateway-service' } }).slice(0, 30));
    expect(der.includes(json)).to.equal(true);
    expect(FABRIC_CERT_ATTR_OID).to.equal('1.2.3.4.5.6.7.8.1');
  });

  it('signs with the user key and verifies against the cert; certs chain to their org CA only', () => {
    const id = wallet.identity('shanghai-officer');
    const data = Buffer.from('proposal bytes');
    const sig = signBytes(id.privateKey, data);
    expect(verifySignature(id.certificate, data, sig)).to.equal(true);
    expect(verifySignature(id.certificate, Buffer.from('other'), sig)).to.equal(false);
    const ca = wallet.caCertificates();
    expect(isIssuedBy(id.certificate, defined(ca.get('ShanghaiCustomsMSP'), 'the Shanghai CA'))).to.equal(true);
    expect(isIssuedBy(id.certificate, defined(ca.get('GACCMSP'), 'the GACC CA'))).to.equal(false);
  });

  it('persists under <dataDir>/msp and reuses it; only users new in the config are issued', async () => {
    const before = wallet.identity('shanghai-officer');
    const caPem = readFileSync(path.join(dir, 'msp', 'ShanghaiCustomsMSP', 'ca-cert.pem'), 'utf8');
    const extended = {
      ...config,
      users: [
        ...config.users,
        { id: 'new-officer', org: 'ShanghaiCustomsMSP', role: 'officer', district: '2248', level: 'subordinate' as const },
      ],
    };
    const again = await DevWallet.open(dir, extended);
    expect(again.identity('shanghai-officer')).to.deep.equal(before);
    expect(readFileSync(path.join(dir, 'msp', 'ShanghaiCustomsMSP', 'ca-cert.pem'), 'utf8')).to.equal(caPem);
    const added = again.identity('new-officer');
    expect(isIssuedBy(added.certificate, caPem)).to.equal(true);
    expect(clientIdentityOf(added.mspId, added.certificate).getAttributeValue('district')).to.equal('2248');
    expect(() => again.identity('nobody')).to.throw(/no identity/);
  });
});
