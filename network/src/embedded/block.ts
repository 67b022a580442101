import { sha256, sha256hex } from './codec';
import type { BlockHeader } from './types';

/** Block hash: sha256 of the canonical header bytes (a JSON array in fixed field order). Headers
 * written before blocks carried their state changes' hashes keep their three-field form, so that
 * their hashes (which users hold as proofs) never change. */
export function headerHash(h: BlockHeader): string {
  const fields: Array<number | string> = [h.number, h.previousHash, h.dataHash];
  if (h.writeSetHash !== undefined && h.stateHash !== undefined) fields.push(h.writeSetHash, h.stateHash);
  return sha256hex(JSON.stringify(fields));
}

/** Data hash: sha256 over the ordered transaction hashes (each the sha256 of the stored record). */
export function dataHash(txHashes: string[]): string {
  return sha256hex(Buffer.concat(txHashes.map((h) => Buffer.from(h, 'hex'))));
}

export function txHash(record: Buffer): string {
  return sha256(record).toString('hex');
}
