import { sha256, sha256hex } from './codec';
import type { BlockHeader } from './types';

/** Block hash: sha256 of the canonical header bytes (a JSON array in fixed field order). */
export function headerHash(h: BlockHeader): string {
  return sha256hex(JSON.stringify([h.number, h.previousHash, h.dataHash]));
}

/** Data hash: sha256 over the ordered transaction hashes (each the sha256 of the stored record). */
export function dataHash(txHashes: string[]): string {
  return sha256hex(Buffer.concat(txHashes.map((h) => Buffer.from(h, 'hex'))));
}

export function txHash(record: Buffer): string {
  return sha256(record).toString('hex');
}
