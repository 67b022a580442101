import { msp } from '@hyperledger/fabric-protos';
import { randomBytes } from 'node:crypto';
import type { Identity } from '../identity/types';
import { isIssuedBy, signBytes, verifySignature } from '../identity/signing';
import { sha256, sha256hex } from './codec';
import { AccessDeniedError, EndorsementError } from './errors';

/** A signed proposal, the embedded counterpart of Fabric's SignedProposal. */
export interface SignedProposal {
  channel: string;
  txId: string;
  nonce: Buffer;
  mspId: string;
  certificate: string;
  timestampMs: number;
  fcn: string;
  args: string[];
  /** The bytes the creator signed. */
  bytes: Buffer;
  signature: Buffer;
}

/** Protobuf msp.SerializedIdentity {1: mspid, 2: id_bytes}: the creator bytes Fabric hashes into
 * the tx id. */
export function serializeIdentity(mspId: string, certificatePem: string): Buffer {
  const identity = new msp.SerializedIdentity();
  identity.setMspid(mspId);
  identity.setIdBytes(Buffer.from(certificatePem, 'utf8'));
  return Buffer.from(identity.serializeBinary());
}

/** Fabric's tx id: hex sha256(nonce ‖ creator). */
export function computeTxId(nonce: Buffer, creator: Buffer): string {
  return sha256hex(nonce, creator);
}

/** fabric-shim's binding: hex sha256(nonce ‖ creator ‖ epoch as 8 little-endian bytes, epoch 0). */
export function computeBinding(nonce: Buffer, creator: Buffer): string {
  return sha256hex(nonce, creator, Buffer.alloc(8));
}

function proposalBytes(p: Omit<SignedProposal, 'bytes' | 'signature'>): Buffer {
  return Buffer.from(
    JSON.stringify([p.channel, p.txId, p.nonce.toString('base64'), p.mspId, p.certificate, p.timestampMs, p.fcn, p.args]),
    'utf8',
  );
}

/** Builds and signs a proposal as a client SDK would. The timestamp is taken once, here. */
export function createProposal(
  channel: string,
  id: Identity,
  fcn: string,
  args: string[],
  nonce: Buffer = randomBytes(24),
): SignedProposal {
  if (typeof fcn !== 'string' || fcn.length === 0) throw new TypeError('fcn must be a non-empty string');
  if (!Array.isArray(args) || args.some((a) => typeof a !== 'string')) throw new TypeError('args must be an array of strings');
  const creator = serializeIdentity(id.mspId, id.certificate);
  const unsigned = {
    channel,
    txId: computeTxId(nonce, creator),
    nonce,
    mspId: id.mspId,
    certificate: id.certificate,
    timestampMs: Date.now(),
    fcn,
    args: [...args],
  };
  const bytes = proposalBytes(unsigned);
  return { ...unsigned, bytes, signature: signBytes(id.privateKey, bytes) };
}

/** The endorser's checks before simulation (Fabric: ValidateProposalMessage + the channel's
 * Writers/Readers policy): well-formed tx id, creator org is a channel member, creator cert issued
 * by that org's CA, signature verifies. Fabric answers these with "access denied"; so do we, with
 * the reason appended because this is a development ledger. */
export function checkProposal(p: SignedProposal, members: ReadonlySet<string>, caCerts: ReadonlyMap<string, string>): void {
  const denied = (why: string) => new AccessDeniedError(`access denied: channel [${p.channel}] creator org [${p.mspId}]: ${why}`, p.txId);
  const expected = computeTxId(p.nonce, serializeIdentity(p.mspId, p.certificate));
  if (p.txId !== expected) throw new EndorsementError(`incorrectly computed txid [${p.txId}]`, p.txId);
  if (!members.has(p.mspId)) throw denied('the organisation is not a member of the channel');
  const ca = caCerts.get(p.mspId);
  if (!ca || !isIssuedBy(p.certificate, ca)) throw denied('the creator certificate is not issued by the organisation CA');
  if (!verifySignature(p.certificate, p.bytes, p.signature)) throw denied('the proposal signature is not valid');
}

export function certHash(certificatePem: string): string {
  return sha256(certificatePem).toString('hex');
}
