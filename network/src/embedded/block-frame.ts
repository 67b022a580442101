import { crc32c } from '@node-rs/crc32';
import type { BlockRecord } from './record';

/** How one block is laid out in the block file. The frame is the commit point of the block: once
 * its bytes are synced, the block exists, whatever the LevelDB index says.
 *
 *   0  'CTB2'                       magic
 *   4  u32 BE  body length
 *   8  u32 BE  CRC32C of the body
 *  12  u32 BE  CRC32C of bytes 0..12 (so that a damaged length is told from a torn tail)
 *  16  body:   u32 BE header length, header JSON (the BlockRecord), then per transaction
 *              u32 BE record length and the record's bytes (what its hash covers)
 */
export const FRAME_MAGIC = Buffer.from('CTB2', 'latin1');
export const FRAME_HEAD_BYTES = 16;
const LEN_BYTES = 4;

export interface FrameLayout {
  bytes: Buffer[];
  /** Offset of each transaction record relative to the frame's start. */
  txOffsets: number[];
  length: number;
}

/** The frame of a block, as buffers to write back to back. */
export function encodeFrame(record: BlockRecord, txRaws: Buffer[]): FrameLayout {
  const header = Buffer.from(JSON.stringify(record), 'utf8');
  const parts: Buffer[] = [u32(header.length), header];
  const txOffsets: number[] = [];
  let at = FRAME_HEAD_BYTES + LEN_BYTES + header.length;
  for (const raw of txRaws) {
    parts.push(u32(raw.length), raw);
    txOffsets.push(at + LEN_BYTES);
    at += LEN_BYTES + raw.length;
  }
  let crc = 0;
  for (const p of parts) crc = crc32c(p, crc);
  const head = Buffer.alloc(FRAME_HEAD_BYTES);
  FRAME_MAGIC.copy(head, 0);
  head.writeUInt32BE(at - FRAME_HEAD_BYTES, 4);
  head.writeUInt32BE(crc, 8);
  head.writeUInt32BE(crc32c(head.subarray(0, 12)), 12);
  return { bytes: [head, ...parts], txOffsets, length: at };
}

function u32(n: number): Buffer {
  const b = Buffer.allocUnsafe(LEN_BYTES);
  b.writeUInt32BE(n, 0);
  return b;
}

/** What the 16 bytes at the start of a frame say. */
export type FrameHead = { ok: true; bodyLength: number; bodyCrc: number } | { ok: false; reason: string };

export function decodeFrameHead(head: Buffer): FrameHead {
  if (!head.subarray(0, 4).equals(FRAME_MAGIC)) return { ok: false, reason: 'no block frame starts here' };
  if (crc32c(head.subarray(0, 12)) !== head.readUInt32BE(12)) return { ok: false, reason: 'block frame header checksum mismatch' };
  return { ok: true, bodyLength: head.readUInt32BE(4), bodyCrc: head.readUInt32BE(8) };
}

/** A frame's body taken apart. Offsets are relative to the body's start. */
export interface FrameBody {
  record: BlockRecord;
  txs: Array<{ offset: number; length: number }>;
}

/** Parses a body whose checksum has been checked (or, for verify, that is being examined). */
export function decodeFrameBody(body: Buffer): FrameBody {
  const headerLength = body.readUInt32BE(0);
  const record = JSON.parse(body.toString('utf8', LEN_BYTES, LEN_BYTES + headerLength)) as BlockRecord;
  const txs: FrameBody['txs'] = [];
  let at = LEN_BYTES + headerLength;
  while (at < body.length) {
    const length = body.readUInt32BE(at);
    txs.push({ offset: at + LEN_BYTES, length });
    at += LEN_BYTES + length;
  }
  if (at !== body.length) throw new Error('block frame body does not end at its last record');
  return { record, txs };
}

export function bodyChecks(body: Buffer, crc: number): boolean {
  return crc32c(body) === crc;
}
