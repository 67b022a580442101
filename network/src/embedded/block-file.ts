import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { FRAME_HEAD_BYTES, bodyChecks, decodeFrameBody, decodeFrameHead, type FrameBody, type FrameLayout } from './block-frame';
import type { BlockRecord } from './record';

/** The block file and its directory inside a channel store's directory (Fabric's names). */
export const BLOCK_FILE_NAME = 'blockfile_000000';
export const BLOCKS_DIR = 'chains';

/** Append-only storage of blocks, as Fabric keeps its blocks in block files beside LevelDB indexes.
 * Each block is one checksummed frame (block-frame.ts); a block exists once its frame is synced.
 * Everything in LevelDB is derived from these frames and is rebuilt from them when it is behind or
 * damaged, so the file is never cut to agree with LevelDB: only a torn frame at its end (a block
 * whose write never finished, so never acknowledged) is cut off. */
export class BlockFile {
  private constructor(
    private readonly handle: FileHandle,
    private end: number,
    readonly file: string,
    private readonly writable: boolean,
  ) {}

  /** The file of the channel store at `dir`. */
  static pathIn(dir: string): string {
    return path.join(dir, BLOCKS_DIR, BLOCK_FILE_NAME);
  }

  /** The writer's view, positioned at the file's end (the store decides what to keep of it). */
  static async openForAppend(dir: string, relative = path.join(BLOCKS_DIR, BLOCK_FILE_NAME)): Promise<BlockFile> {
    const file = path.join(dir, relative);
    await fs.mkdir(path.dirname(file), { recursive: true });
    let handle: FileHandle;
    try {
      handle = await fs.open(file, 'r+');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      handle = await fs.open(file, 'w+');
      await syncDirectory(path.dirname(file));
      if (path.dirname(file) !== dir) await syncDirectory(dir);
    }
    const { size } = await handle.stat();
    return new BlockFile(handle, size, file, true);
  }

  /** A reader's view (the endorsing thread, verify): never changes the file. */
  static async openForRead(dir: string, relative = path.join(BLOCKS_DIR, BLOCK_FILE_NAME)): Promise<BlockFile | undefined> {
    const file = path.join(dir, relative);
    try {
      const handle = await fs.open(file, 'r');
      return new BlockFile(handle, (await handle.stat()).size, file, false);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  /** Where the next frame will go. */
  get size(): number {
    return this.end;
  }

  /** Writes one block's frame at the end and syncs it; returns where it starts. */
  async appendFrame(frame: FrameLayout): Promise<number> {
    if (!this.writable) throw new Error(`${this.file} is open for reading only`);
    const start = this.end;
    try {
      let written = 0;
      while (written < frame.length) {
        const { bytesWritten } = await this.handle.writev(unwritten(frame.bytes, written), start + written);
        written += bytesWritten;
      }
      await this.handle.datasync();
    } catch (err) {
      // The next append overwrites whatever part of this one reached the file.
      await this.handle.truncate(start).catch(() => undefined);
      throw err;
    }
    this.end = start + frame.length;
    return start;
  }

  /** Cuts a torn frame off the end (its block was never acknowledged). */
  async cutTornTail(at: number): Promise<void> {
    if (!this.writable) throw new Error(`${this.file} is open for reading only`);
    await this.handle.truncate(at);
    await this.handle.sync();
    this.end = at;
  }

  /** The frame starting at `offset`: whole and checked, torn (the file ends inside it), or damaged.
   * A reader's end moves on with the file (the writer appends while it reads). */
  async readFrame(offset: number): Promise<FrameRead> {
    if (!this.writable) this.end = (await this.handle.stat()).size;
    if (offset >= this.end) return { kind: 'end' };
    const head = await this.read(offset, FRAME_HEAD_BYTES);
    if (!head) return { kind: 'torn', start: offset };
    const decoded = decodeFrameHead(head);
    if (!decoded.ok) return { kind: 'damaged', start: offset, reason: decoded.reason };
    const body = await this.read(offset + FRAME_HEAD_BYTES, decoded.bodyLength);
    if (!body) return { kind: 'torn', start: offset };
    let parsed: FrameBody;
    try {
      parsed = decodeFrameBody(body);
    } catch (err) {
      return { kind: 'damaged', start: offset, reason: `block frame unreadable: ${(err as Error).message}` };
    }
    const bodyStart = offset + FRAME_HEAD_BYTES;
    return {
      kind: 'frame',
      start: offset,
      end: bodyStart + body.length,
      checksumOk: bodyChecks(body, decoded.bodyCrc),
      record: parsed.record,
      txs: parsed.txs.map((t) => ({ offset: bodyStart + t.offset, raw: body.subarray(t.offset, t.offset + t.length) })),
    };
  }

  /** Reads `length` bytes at `offset`; undefined when the file ends first. */
  async read(offset: number, length: number): Promise<Buffer | undefined> {
    const buf = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const { bytesRead } = await this.handle.read(buf, got, length - got, offset + got);
      if (bytesRead === 0) return undefined;
      got += bytesRead;
    }
    return buf;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/** One frame as read back. `checksumOk` false: the bytes are not what was written (verify then
 * looks for the transaction whose hash no longer matches). */
export type FrameRead =
  | { kind: 'end' }
  | { kind: 'torn'; start: number }
  | { kind: 'damaged'; start: number; reason: string }
  | {
      kind: 'frame';
      start: number;
      end: number;
      checksumOk: boolean;
      record: BlockRecord;
      txs: Array<{ offset: number; raw: Buffer }>;
    };

/** The part of `records` from byte `skip` of their concatenation on. */
function unwritten(records: Buffer[], skip: number): Buffer[] {
  if (skip === 0) return records;
  const out: Buffer[] = [];
  for (const r of records) {
    if (skip >= r.length) skip -= r.length;
    else {
      out.push(skip > 0 ? r.subarray(skip) : r);
      skip = 0;
    }
  }
  return out;
}

/** A new file's directory entry must be durable before anything that points into the file. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
