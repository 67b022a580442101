'use strict';
/**
 * Development identities on Fabric. cryptogen makes each organisation's CA, its peer, its
 * orderers and an Admin; it cannot put attributes into certificates. The configured users
 * (role / district / level) are therefore issued here, signed with the organisation CA key that
 * cryptogen produced, carrying the attributes exactly as Fabric CA would: X.509 extension
 * 1.2.3.4.5.6.7.8.1, value JSON {"attrs":{…}} — what fabric-shim's ClientIdentity reads.
 *
 * Output per user:
 *   crypto/peerOrganizations/<domain>/users/<id>@<domain>/msp   (peer CLI MSP dir)
 *   wallet/<id>.id                                              (fabric-network 2.2 wallet)
 */
const fs = require('node:fs');
const path = require('node:path');
const { webcrypto, randomBytes } = require('node:crypto');
require('reflect-metadata'); // @peculiar/x509 (tsyringe) needs the polyfill
const x509 = require('@peculiar/x509');

x509.cryptoProvider.set(webcrypto);

const EC = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' };
const ATTR_OID = '1.2.3.4.5.6.7.8.1';

function caFiles(cryptoDir, org) {
  const dir = path.join(cryptoDir, 'peerOrganizations', org.domain, 'ca');
  const cert = fs.readdirSync(dir).find((f) => f.endsWith('-cert.pem'));
  return { certPem: fs.readFileSync(path.join(dir, cert), 'utf8'), keyPem: fs.readFileSync(path.join(dir, 'priv_sk'), 'utf8') };
}

// The attribute set Fabric CA embeds for a registered user: the same function the embedded
// development CA uses (up.sh builds the network workspace first).
const { enrolmentAttributes: attributesOf } = require('../../dist/identity/dev-ca');

function authorityKeyId(caCert) {
  const ski = caCert.getExtension(x509.SubjectKeyIdentifierExtension);
  return new x509.AuthorityKeyIdentifierExtension(ski.keyId);
}

async function issue(ca, user, org) {
  const caCert = new x509.X509Certificate(ca.certPem);
  const caKey = await webcrypto.subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(ca.keyPem), EC, false, ['sign']);
  const keys = await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify']);
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  // Fabric's MSP verifies the chain as of the leaf's notBefore, so it must not precede the CA's.
  const notBefore = new Date(Math.max(caCert.notBefore.getTime(), Date.now() - 60_000));
  const notAfter = new Date(notBefore.getTime() + 5 * 365 * 24 * 3600_000);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial.toString('hex'),
    notBefore,
    notAfter,
    // OU=client makes it a client under the organisation's NodeOU rules.
    subject: `C=CN, O=${org.mspId}, OU=client, CN=${user.id}`,
    // The issuer must be the CA subject byte for byte (Go chains certificates by raw names).
    issuer: caCert.subjectName,
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      authorityKeyId(caCert),
      new x509.Extension(ATTR_OID, false, Buffer.from(JSON.stringify({ attrs: attributesOf(user) }), 'utf8')),
    ],
  });
  const der = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { certificate: cert.toString('pem') + '\n', privateKey: x509.PemConverter.encode(der, 'PRIVATE KEY') + '\n' };
}

function writeMspDir(dir, orgMspDir, cred) {
  for (const sub of ['signcerts', 'keystore', 'cacerts', 'tlscacerts']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  fs.writeFileSync(path.join(dir, 'signcerts', 'cert.pem'), cred.certificate);
  fs.writeFileSync(path.join(dir, 'keystore', 'priv_sk'), cred.privateKey, { mode: 0o600 });
  for (const sub of ['cacerts', 'tlscacerts']) {
    for (const f of fs.readdirSync(path.join(orgMspDir, sub))) fs.copyFileSync(path.join(orgMspDir, sub, f), path.join(dir, sub, f));
  }
  fs.copyFileSync(path.join(orgMspDir, 'config.yaml'), path.join(dir, 'config.yaml'));
}

/** Issues every configured user that has no certificate yet; returns the wallet dir. */
async function issueUsers(topo, cryptoDir, walletDir) {
  fs.mkdirSync(walletDir, { recursive: true });
  for (const user of topo.users) {
    const org = topo.orgs.find((o) => o.mspId === user.org);
    const orgDir = path.join(cryptoDir, 'peerOrganizations', org.domain);
    const mspDir = path.join(orgDir, 'users', `${user.id}@${org.domain}`, 'msp');
    const walletFile = path.join(walletDir, `${user.id}.id`);
    if (fs.existsSync(walletFile) && fs.existsSync(mspDir)) continue;
    const cred = await issue(caFiles(cryptoDir, org), user, org);
    writeMspDir(mspDir, path.join(orgDir, 'msp'), cred);
    const entry = { credentials: cred, mspId: org.mspId, type: 'X.509', version: 1 };
    fs.writeFileSync(walletFile, JSON.stringify(entry, null, 2), { mode: 0o600 });
  }
  // The organisation admins (cryptogen) also go into the wallet, as admin.<mspId>.
  for (const org of topo.orgs) {
    const adminMsp = path.join(cryptoDir, 'peerOrganizations', org.domain, 'users', `Admin@${org.domain}`, 'msp');
    const certificate = fs.readFileSync(path.join(adminMsp, 'signcerts', fs.readdirSync(path.join(adminMsp, 'signcerts'))[0]), 'utf8');
    const privateKey = fs.readFileSync(path.join(adminMsp, 'keystore', fs.readdirSync(path.join(adminMsp, 'keystore'))[0]), 'utf8');
    const entry = { credentials: { certificate, privateKey }, mspId: org.mspId, type: 'X.509', version: 1 };
    fs.writeFileSync(path.join(walletDir, `admin.${org.mspId}.id`), JSON.stringify(entry, null, 2), { mode: 0o600 });
  }
  return walletDir;
}

module.exports = { issueUsers, attributesOf, ATTR_OID };
