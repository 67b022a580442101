import { createHash, hash } from 'node:crypto';

/** A digest of a whole world state that a block can update from its own changes alone: the sum,
 * modulo 2^256, of sha256(key ‖ 0x00 ‖ value) over every state entry (an additive multiset hash).
 * Adding an entry adds its term, removing one subtracts it, so the committer carries the digest
 * from block to block, and `verify` recomputes it with one pass over the state, in any order. */
export const EMPTY_STATE_HASH = '0'.repeat(64);
const SEPARATOR = Buffer.from([0]);
const LANES = 8;

/** sha256(key ‖ 0x00 ‖ value) in one native call (one-shot hashing costs a fraction of a Hash
 * object's per-entry setup, and the committer hashes several entries per event). */
function term(key: string, value: Buffer): Buffer {
  return hash('sha256', Buffer.concat([Buffer.from(key, 'utf8'), SEPARATOR, value]), 'buffer');
}

/** The 256-bit sum as eight 32-bit lanes, most significant first (no BigInt per entry). */
export class StateHash {
  private readonly lanes = new Uint32Array(LANES);

  constructor(hex: string = EMPTY_STATE_HASH) {
    const bytes = Buffer.from(hex, 'hex');
    for (let i = 0; i < LANES; i++) this.lanes[i] = bytes.readUInt32BE(4 * i);
  }

  add(key: string, value: Buffer): void {
    const t = term(key, value);
    let carry = 0;
    for (let i = LANES - 1; i >= 0; i--) {
      const sum = this.lanes[i] + t.readUInt32BE(4 * i) + carry;
      this.lanes[i] = sum >>> 0;
      carry = sum > 0xffffffff ? 1 : 0;
    }
  }

  remove(key: string, value: Buffer): void {
    const t = term(key, value);
    let borrow = 0;
    for (let i = LANES - 1; i >= 0; i--) {
      const diff = this.lanes[i] - t.readUInt32BE(4 * i) - borrow;
      this.lanes[i] = diff >>> 0;
      borrow = diff < 0 ? 1 : 0;
    }
  }

  hex(): string {
    const out = Buffer.alloc(4 * LANES);
    for (let i = 0; i < LANES; i++) out.writeUInt32BE(this.lanes[i], 4 * i);
    return out.toString('hex');
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
