import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { Version } from './types';

/** Byte layouts of a channel store's LevelDB index. The blocks themselves are frames in the block
 * file (block-frame.ts), the ledger's truth; everything here is derived from them, one LevelDB batch
 * per block, and is rebuilt from them when it must be (recovery.ts):
 *   s!<key>                 state: 10-byte version header (6-byte blockNum, 4-byte txNum) ‖ value
 *   h!<key>\0<block><tx>    history index: pointer only; the value lives in the stored transaction
 *   b!<block>               block record (header, hash, tx ids and tx hashes) as JSON
 *   t!<block><tx>           where the transaction record is in the block file (see txPointer); its
 *                           sha256 is the tx hash
 *   x!<txId>                txid index: {b, t, c}
 *   m!meta                  what the index has applied: height, last block hash, where the next
 *                           frame starts in the block file, the state hash */
export const P_STATE = 's!';
export const P_HISTORY = 'h!';
export const P_BLOCK = 'b!';
export const P_TX = 't!';
export const P_TXID = 'x!';
export const META_KEY = 'm!meta';
/** The character after '!' bounds a prefix scan. */
export function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

const VERSION_BYTES = 10;

export function encodeStateValue(version: Version, value: Buffer): Buffer {
  const out = Buffer.allocUnsafe(VERSION_BYTES + value.length);
  out.writeUIntBE(version.blockNum, 0, 6);
  out.writeUInt32BE(version.txNum, 6);
  value.copy(out, VERSION_BYTES);
  return out;
}

export function decodeStateValue(raw: Buffer): { version: Version; value: Buffer } {
  return {
    version: { blockNum: raw.readUIntBE(0, 6), txNum: raw.readUInt32BE(6) },
    value: raw.subarray(VERSION_BYTES),
  };
}

export function sameVersion(a: Version | undefined, b: Version | undefined): boolean {
  if (!a || !b) return a === b;
  return a.blockNum === b.blockNum && a.txNum === b.txNum;
}

/** Fixed-width hex keeps numeric order equal to byte order. */
export function blockNumKey(n: number): string {
  return n.toString(16).padStart(12, '0');
}

export function txPosKey(blockNum: number, txNum: number): string {
  return blockNumKey(blockNum) + txNum.toString(16).padStart(8, '0');
}

const TX_POS_LEN = 20;

/** A t! value that points into the block file: tag 0x01, 6-byte offset, 4-byte length. */
const TX_POINTER_TAG = 0x01;
const TX_POINTER_BYTES = 11;

export function encodeTxPointer(offset: number, length: number): Buffer {
  const out = Buffer.allocUnsafe(TX_POINTER_BYTES);
  out[0] = TX_POINTER_TAG;
  out.writeUIntBE(offset, 1, 6);
  out.writeUInt32BE(length, 7);
  return out;
}

/** The record's place in the block file, or undefined when `raw` is not a pointer (the earlier
 * layout kept records inline; `ledger migrate` moves them into the block file). */
export function decodeTxPointer(raw: Buffer): { offset: number; length: number } | undefined {
  if (raw.length !== TX_POINTER_BYTES || raw[0] !== TX_POINTER_TAG) return undefined;
  return { offset: raw.readUIntBE(1, 6), length: raw.readUInt32BE(7) };
}

export function historyKey(stateKey: string, blockNum: number, txNum: number): string {
  return P_HISTORY + stateKey + '\x00' + txPosKey(blockNum, txNum);
}

/** Parses a history index key of `stateKey`; undefined when it belongs to a longer key that merely
 * shares the prefix (simple keys may contain \x00 after their first character). */
export function parseHistoryKey(stateKey: string, full: string): Version | undefined {
  if (full.length !== P_HISTORY.length + stateKey.length + 1 + TX_POS_LEN) return undefined;
  const pos = full.slice(-TX_POS_LEN);
  return { blockNum: parseInt(pos.slice(0, 12), 16), txNum: parseInt(pos.slice(12), 16) };
}

export function sha256(...parts: Array<Buffer | string>): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

export function sha256hex(...parts: Array<Buffer | string>): string {
  return sha256(...parts).toString('hex');
}

/** Stored values are usually UTF-8 JSON; keep them readable in the tx record and fall back to
 * base64 for anything that would not round-trip. */
export function encodeBytes(buf: Buffer): { u: string } | { b: string } {
  // Well-formed UTF-8 (no overlong forms, surrogates or truncated sequences) decodes and encodes
  // back to the same bytes, which is what the round trip used to check with a copy.
  return isUtf8(buf) ? { u: buf.toString('utf8') } : { b: buf.toString('base64') };
}

export function decodeBytes(enc: { u: string } | { b: string }): Buffer {
  return 'u' in enc ? Buffer.from(enc.u, 'utf8') : Buffer.from(enc.b, 'base64');
}
