import * as fs from 'node:fs';
import * as path from 'node:path';
import { peerOrg } from '../topology/endorsers';
import type { FabricUser, PeerOrg, Topology } from '../topology/types';
import { readMspCredentials, readOrgCa, writeMspDir } from './msp-dir';
import { issueUserCertificate, type Credentials } from './user-certificate';

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

function writeWalletEntry(file: string, credentials: Credentials, mspId: string): void {
  const entry = { credentials, mspId, type: 'X.509', version: 1 };
  fs.writeFileSync(file, JSON.stringify(entry, null, 2), { mode: 0o600 });
}

async function issueUser(user: FabricUser, org: PeerOrg, cryptoDir: string, walletDir: string): Promise<void> {
  const orgDir = path.join(cryptoDir, 'peerOrganizations', org.domain);
  const mspDir = path.join(orgDir, 'users', `${user.id}@${org.domain}`, 'msp');
  const walletFile = path.join(walletDir, `${user.id}.id`);
  if (fs.existsSync(walletFile) && fs.existsSync(mspDir)) return;
  const cred = await issueUserCertificate(readOrgCa(orgDir), user, org);
  writeMspDir(mspDir, path.join(orgDir, 'msp'), cred);
  writeWalletEntry(walletFile, cred, org.mspId);
}

/** Issues every configured user that has no certificate yet and puts the organisation admins
 * (cryptogen's) into the wallet as admin.<mspId>; returns the wallet dir. */
export async function issueUsers(topo: Topology, cryptoDir: string, walletDir: string): Promise<string> {
  fs.mkdirSync(walletDir, { recursive: true });
  for (const user of topo.users) await issueUser(user, peerOrg(topo.orgs, user.org), cryptoDir, walletDir);
  for (const org of topo.orgs) {
    const adminMsp = path.join(cryptoDir, 'peerOrganizations', org.domain, 'users', `Admin@${org.domain}`, 'msp');
    writeWalletEntry(path.join(walletDir, `admin.${org.mspId}.id`), readMspCredentials(adminMsp), org.mspId);
  }
  return walletDir;
}
