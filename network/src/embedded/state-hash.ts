import { createHash } from 'node:crypto';

/** A digest of a whole world state that a block can update from its own changes alone: the sum,
 * modulo 2^256, of sha256(key ‖ 0x00 ‖ value) over every state entry (an additive multiset hash).
 * Adding an entry adds its term, removing one subtracts it, so the committer carries the digest
 * from block to block, and `verify` recomputes it with one pass over the state, in any order. */
const MOD = 1n << 256n;

export const EMPTY_STATE_HASH = '0'.repeat(64);

function term(key: string, value: Buffer): bigint {
  const h = createHash('sha256').update(key, 'utf8').update(SEPARATOR).update(value).digest('hex');
  return BigInt(`0x${h}`);
}
const SEPARATOR = Buffer.from([0]);

export class StateHash {
  private sum: bigint;

  constructor(hex: string = EMPTY_STATE_HASH) {
    this.sum = BigInt(`0x${hex}`);
  }

  add(key: string, value: Buffer): void {
    this.sum = (this.sum + term(key, value)) % MOD;
  }

  remove(key: string, value: Buffer): void {
    this.sum = (this.sum - term(key, value) + MOD) % MOD;
  }

  hex(): string {
    return this.sum.toString(16).padStart(64, '0');
  }
}

/** The hash of the state changes one block made, in the order its valid transactions made them:
 * per key, its length, the key, then 0 (deleted) or 1, the value's length and the value. */
export function writeSetHash(updates: Iterable<[string, { value: Buffer | null }]>): string {
  const h = createHash('sha256');
  const len = Buffer.alloc(4);
  for (const [key, u] of updates) {
    const k = Buffer.from(key, 'utf8');
    len.writeUInt32BE(k.length, 0);
    h.update(len).update(k);
    if (u.value === null) h.update(DELETED);
    else {
      len.writeUInt32BE(u.value.length, 0);
      h.update(PUT).update(len).update(u.value);
    }
  }
  return h.digest('hex');
}
const DELETED = Buffer.from([0]);
const PUT = Buffer.from([1]);
