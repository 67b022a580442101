import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';

/** The file, inside a channel store's directory, that holds its transaction records. LevelDB only
 * ever touches files whose names it made, so the two can share the directory. */
export const BLOCK_FILE_NAME = 'blockfile_000000';

/** Append-only storage of transaction records, as Fabric keeps its blocks in block files beside
 * LevelDB indexes. Records written here never go through LevelDB's compactions, which were a third
 * of all CPU time of a long ingest while the records were LevelDB values.
 *
 * Crash safety comes from the order of writes: a block's records are appended and synced first,
 * and only then does the LevelDB batch that points at them (and records the new end of this file)
 * commit. Bytes past the committed end are the tail of a block that never committed, and the
 * writer cuts them off when it opens the file. */
export class BlockFile {
  private constructor(
    private readonly handle: FileHandle,
    private end: number,
    readonly file: string,
  ) {}

  /** The writer's view: cuts off an uncommitted tail; refuses a file shorter than `committedEnd`. */
  static async openForAppend(dir: string, committedEnd: number): Promise<BlockFile> {
    const file = path.join(dir, BLOCK_FILE_NAME);
    let created = false;
    let handle: FileHandle;
    try {
      handle = await fs.open(file, 'r+');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      handle = await fs.open(file, 'w+');
      created = true;
    }
    try {
      const { size } = await handle.stat();
      if (size < committedEnd) {
        throw new Error(
          `${file} holds ${size} bytes but the ledger has committed ${committedEnd}: transaction records are missing (restore the channel directory from a backup)`,
        );
      }
      if (size > committedEnd) {
        await handle.truncate(committedEnd);
        await handle.sync();
      }
      if (created) await syncDirectory(dir);
    } catch (err) {
      await handle.close();
      throw err;
    }
    return new BlockFile(handle, committedEnd, file);
  }

  /** A reader's view (the endorsing thread): never changes the file. */
  static async openForRead(dir: string): Promise<BlockFile | undefined> {
    const file = path.join(dir, BLOCK_FILE_NAME);
    try {
      return new BlockFile(await fs.open(file, 'r'), -1, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  /** Where the next record will go (the committed end, plus what an append in progress adds). */
  get size(): number {
    return this.end;
  }

  /** Writes `records` back to back at the end and syncs them; returns the offset of each. */
  async append(records: Buffer[]): Promise<number[]> {
    if (this.end < 0) throw new Error(`${this.file} is open for reading only`);
    const start = this.end;
    const offsets: number[] = [];
    let at = start;
    for (const r of records) {
      offsets.push(at);
      at += r.length;
    }
    try {
      let written = 0;
      while (written < at - start) {
        const { bytesWritten } = await this.handle.writev(unwritten(records, written), start + written);
        written += bytesWritten;
      }
      await this.handle.datasync();
    } catch (err) {
      // The next append overwrites whatever part of this one reached the file.
      await this.handle.truncate(start).catch(() => undefined);
      throw err;
    }
    this.end = at;
    return offsets;
  }

  /** Forgets an append whose LevelDB batch failed: the next append writes over it. */
  rewind(to: number): void {
    if (to >= 0 && to < this.end) this.end = to;
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
