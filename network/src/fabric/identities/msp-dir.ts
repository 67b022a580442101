import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Credentials, OrgCa } from './user-certificate';

/** The CA cryptogen made for an organisation (crypto/peerOrganizations/<domain>/ca). */
export function readOrgCa(orgDir: string): OrgCa {
  const dir = path.join(orgDir, 'ca');
  const cert = fs.readdirSync(dir).find((f) => f.endsWith('-cert.pem'));
  if (!cert) throw new Error(`no CA certificate in ${dir}`);
  return { certPem: fs.readFileSync(path.join(dir, cert), 'utf8'), keyPem: fs.readFileSync(path.join(dir, 'priv_sk'), 'utf8') };
}

/** Writes a user's MSP dir for the peer CLI: its own certificate and key, the organisation's CA
 * certificates and NodeOU config.yaml. */
export function writeMspDir(dir: string, orgMspDir: string, cred: Credentials): void {
  for (const sub of ['signcerts', 'keystore', 'cacerts', 'tlscacerts']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  fs.writeFileSync(path.join(dir, 'signcerts', 'cert.pem'), cred.certificate);
  fs.writeFileSync(path.join(dir, 'keystore', 'priv_sk'), cred.privateKey, { mode: 0o600 });
  for (const sub of ['cacerts', 'tlscacerts']) {
    for (const f of fs.readdirSync(path.join(orgMspDir, sub))) fs.copyFileSync(path.join(orgMspDir, sub, f), path.join(dir, sub, f));
  }
  fs.copyFileSync(path.join(orgMspDir, 'config.yaml'), path.join(dir, 'config.yaml'));
}

/** The credentials in an MSP dir cryptogen wrote (first file of signcerts and keystore). */
export function readMspCredentials(mspDir: string): Credentials {
  const first = (sub: string) => path.join(mspDir, sub, fs.readdirSync(path.join(mspDir, sub))[0]);
  return { certificate: fs.readFileSync(first('signcerts'), 'utf8'), privateKey: fs.readFileSync(first('keystore'), 'utf8') };
}
