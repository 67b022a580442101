import { createPrivateKey, createPublicKey, sign, verify, X509Certificate, type KeyObject } from 'node:crypto';

/** ECDSA-SHA256 signature (DER) over `data`, as a Fabric client signs a proposal. */
export function signBytes(privateKeyPem: string, data: Buffer): Buffer {
  return sign('sha256', data, keyCache(privateKeyPem));
}

/** Verifies `signature` over `data` with the public key of `certificatePem`. */
export function verifySignature(certificatePem: string, data: Buffer, signature: Buffer): boolean {
  try {
    return verify('sha256', data, publicKeyOf(certificatePem), signature);
  } catch {
    return false;
  }
}

/** True when `certificatePem` was signed by the CA certificate `caPem` (the MSP root-of-trust check). */
export function isIssuedBy(certificatePem: string, caPem: string): boolean {
  // Parsing and verifying the chain dominated proposal checks; the answer only changes at expiry.
  const cacheKey = `${caPem}\n${certificatePem}`;
  const cached = issuedCache.get(cacheKey);
  if (cached !== undefined) return cached.ok && cached.validTo > Date.now();
  let result = { ok: false, validTo: Infinity };
  try {
    const cert = new X509Certificate(certificatePem);
    const ca = new X509Certificate(caPem);
    result = { ok: cert.checkIssued(ca) && cert.verify(ca.publicKey), validTo: new Date(cert.validTo).getTime() };
  } catch {
    // unparsable: not issued
  }
  if (issuedCache.size > 10_000) issuedCache.clear();
  issuedCache.set(cacheKey, result);
  return result.ok && result.validTo > Date.now();
}

const issuedCache = new Map<string, { ok: boolean; validTo: number }>();

// Parsing PEM keys costs more than the signature itself; identities are few and long-lived.
const privateKeys = new Map<string, KeyObject>();
const publicKeys = new Map<string, KeyObject>();

function keyCache(pem: string): KeyObject {
  let key = privateKeys.get(pem);
  if (!key) {
    key = createPrivateKey(pem);
    privateKeys.set(pem, key);
  }
  return key;
}

function publicKeyOf(certPem: string): KeyObject {
  let key = publicKeys.get(certPem);
  if (!key) {
    key = createPublicKey(new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'pem' }));
    publicKeys.set(certPem, key);
  }
  return key;
}
