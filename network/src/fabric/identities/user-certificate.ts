// @peculiar/x509 resolves its ASN.1 schemas through tsyringe, which needs the Reflect polyfill.
import 'reflect-metadata';
import { randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { enrolmentAttributes } from '../../identity/dev-ca';
import { FABRIC_CERT_ATTR_OID } from '../../identity/types';
import type { FabricUser, PeerOrg } from '../topology/types';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
const VALIDITY_MS = 5 * 365 * 24 * 3600_000;

/** An organisation CA as cryptogen wrote it (PEM certificate and PKCS#8 key). */
export interface OrgCa {
  certPem: string;
  keyPem: string;
}

/** A certificate and its private key, both PEM, as wallets and MSP dirs hold them. */
export interface Credentials {
  certificate: string;
  privateKey: string;
}

function authorityKeyId(caCert: x509.X509Certificate): x509.AuthorityKeyIdentifierExtension {
  const ski = caCert.getExtension(x509.SubjectKeyIdentifierExtension);
  if (!ski) throw new Error(`CA certificate ${caCert.subject} has no subject key identifier`);
  return new x509.AuthorityKeyIdentifierExtension(ski.keyId);
}

function serialNumber(): string {
  const serial = randomBytes(16);
  serial[0] &= 0x7f; // positive
  return serial.toString('hex');
}

/** The attribute extension as Fabric CA writes it: JSON {"attrs":{…}}. */
function attributeExtension(user: FabricUser): x509.Extension {
  return new x509.Extension(FABRIC_CERT_ATTR_OID, false, Buffer.from(JSON.stringify({ attrs: enrolmentAttributes(user) }), 'utf8'));
}

/** Issues a client enrolment certificate for a configured user, signed by its organisation's CA
 * key and carrying role/district/level exactly as Fabric CA would. */
export async function issueUserCertificate(ca: OrgCa, user: FabricUser, org: PeerOrg): Promise<Credentials> {
  const caCert = new x509.X509Certificate(ca.certPem);
  const caKey = await webcrypto.subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(ca.keyPem), EC, false, ['sign']);
  const keys = await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify']);
  // Fabric's MSP verifies the chain as of the leaf's notBefore, so it must not precede the CA's.
  const notBefore = new Date(Math.max(caCert.notBefore.getTime(), Date.now() - 60_000));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    notBefore,
    notAfter: new Date(notBefore.getTime() + VALIDITY_MS),
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
      attributeExtension(user),
    ],
  });
  const der = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { certificate: cert.toString('pem') + '\n', privateKey: x509.PemConverter.encode(der, 'PRIVATE KEY') + '\n' };
}
