import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { NetworkConfig } from '../config/types';
import { createCa, issueEnrolment } from './dev-ca';
import type { CaMaterial, Identity } from './types';

/** File-system wallet of the embedded development CA, under <dataDir>/msp/:
 *   <mspId>/ca-cert.pem, <mspId>/ca-key.pem   the organisation CA
 *   users/<userId>.json                       one wallet entry per user (Identity JSON)
 * Material is created once and reused, so identities (and the x509 ids chaincode records) stay
 * stable across restarts; users added to the config later are issued on the next open. */
export class DevWallet {
  private constructor(
    private readonly cas: Map<string, CaMaterial>,
    private readonly users: Map<string, Identity>,
  ) {}

  static async open(dataDir: string, config: NetworkConfig): Promise<DevWallet> {
    const mspDir = path.join(dataDir, 'msp');
    await fs.mkdir(path.join(mspDir, 'users'), { recursive: true });
    const cas = new Map<string, CaMaterial>();
    for (const org of config.organisations) {
      cas.set(org.mspId, await loadOrCreateCa(mspDir, org.mspId));
    }
    const users = new Map<string, Identity>();
    for (const user of config.users) {
      const file = path.join(mspDir, 'users', `${safeName(user.id)}.json`);
      let identity = await readJson<Identity>(file);
      if (!identity || identity.mspId !== user.org) {
        const ca = cas.get(user.org);
        if (!ca) throw new Error(`user ${user.id}: unknown organisation ${user.org}`);
        identity = await issueEnrolment(ca, user);
        await writeAtomic(file, JSON.stringify(identity, null, 2));
      }
      users.set(user.id, identity);
    }
    return new DevWallet(cas, users);
  }

  identity(userId: string): Identity {
    const id = this.users.get(userId);
    if (!id) throw new Error(`no identity for user ${userId} in the wallet`);
    return id;
  }

  /** PEM of the CA certificate of every organisation: the channel MSPs' root certs. */
  caCertificates(): Map<string, string> {
    return new Map([...this.cas].map(([mspId, ca]) => [mspId, ca.certificate]));
  }
}

async function loadOrCreateCa(mspDir: string, mspId: string): Promise<CaMaterial> {
  const dir = path.join(mspDir, safeName(mspId));
  const certFile = path.join(dir, 'ca-cert.pem');
  const keyFile = path.join(dir, 'ca-key.pem');
  try {
    const [certificate, privateKey] = await Promise.all([fs.readFile(certFile, 'utf8'), fs.readFile(keyFile, 'utf8')]);
    return { mspId, certificate, privateKey };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const ca = await createCa(mspId);
  await fs.mkdir(dir, { recursive: true });
  // Key first: a cert without its key would be reused but could never issue again.
  await writeAtomic(keyFile, ca.privateKey, 0o600);
  await writeAtomic(certFile, ca.certificate);
  return ca;
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Write-then-rename so that a crash never leaves a truncated key or certificate behind. */
async function writeAtomic(file: string, text: string, mode = 0o644): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, text, { mode });
  await fs.rename(tmp, file);
}

/** User and MSP ids come from config; keep them from escaping the msp directory. */
function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}
