// @peculiar/x509 resolves its ASN.1 schemas through tsyringe, which needs the Reflect polyfill.
import 'reflect-metadata';
import { webcrypto, randomBytes } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { User } from '../config/types';
import { FABRIC_CERT_ATTR_OID, type CaMaterial, type Identity } from './types';

// @peculiar/x509 needs a WebCrypto implementation; Node's is complete for P-256 ECDSA.
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const EC_PARAMS = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
/** Development certificates live long enough never to expire under a demo or test run. */
const VALIDITY_YEARS = 10;

type Key = webcrypto.CryptoKey;

async function generateKeys(): Promise<webcrypto.CryptoKeyPair> {
  return webcrypto.subtle.generateKey(EC_PARAMS, true, ['sign', 'verify']);
}

async function exportPkcs8Pem(key: Key): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

async function importPkcs8Pem(pem: string): Promise<Key> {
  const der = x509.PemConverter.decodeFirst(pem);
  return webcrypto.subtle.importKey('pkcs8', der, EC_PARAMS, true, ['sign']);
}

function validity(): { notBefore: Date; notAfter: Date; serialNumber: string } {
  // Back-date by a minute so that a cert issued now verifies on a host with slight clock skew.
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(notBefore.getTime() + VALIDITY_YEARS * 365 * 24 * 3600 * 1000);
  // Positive 16-byte serial, as RFC 5280 asks.
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  return { notBefore, notAfter, serialNumber: serial.toString('hex') };
}

/** Creates an organisation's self-signed CA (O=<mspId>, CN=ca.<mspId>; RDN order as Fabric CA writes it). */
export async function createCa(mspId: string): Promise<CaMaterial> {
  const keys = await generateKeys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    ...validity(),
    name: `O=${mspId}, CN=ca.${mspId}`,
    keys: keys,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { mspId, certificate: cert.toString('pem'), privateKey: await exportPkcs8Pem(keys.privateKey) };
}

/** The attributes Fabric CA would embed for this user (registered with role/district/level attrs). */
export function enrolmentAttributes(user: User): Record<string, string> {
  return {
    'hf.EnrollmentID': user.id,
    'hf.Type': 'client',
    'hf.Affiliation': '',
    role: user.role,
    district: user.district,
    level: user.level,
  };
}

/** Issues an enrolment certificate for `user`, signed by its organisation's CA. */
export async function issueEnrolment(ca: CaMaterial, user: User): Promise<Identity> {
  const caCert = new x509.X509Certificate(ca.certificate);
  const caKey = await importPkcs8Pem(ca.privateKey);
  const keys = await generateKeys();
  const attrs = Buffer.from(JSON.stringify({ attrs: enrolmentAttributes(user) }), 'utf8');
  const cert = await x509.X509CertificateGenerator.create({
    ...validity(),
    subject: `OU=client, CN=${user.id}`,
    issuer: caCert.subject,
    publicKey: keys.publicKey as never,
    signingKey: caKey as never,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey),
      // Fabric CA writes the raw JSON bytes as the extension value, non-critical.
      new x509.Extension(FABRIC_CERT_ATTR_OID, false, attrs),
    ],
  });
  return {
    userId: user.id,
    mspId: user.org,
    certificate: cert.toString('pem'),
    privateKey: await exportPkcs8Pem(keys.privateKey),
  };
}
