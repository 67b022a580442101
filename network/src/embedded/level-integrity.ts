import { crc32c } from '@node-rs/crc32';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { uncompress } from 'snappyjs';

/** LevelDB's own corruption checks, done before LevelDB opens the files. LevelDB writes a CRC32C
 * into every record of its write-ahead log and MANIFEST and into every block of its tables, but
 * checks them only with `paranoid_checks` / `verify_checksums`, which classic-level does not expose:
 * without them a damaged log record is dropped on recovery, silently, with every later write of its
 * 32 KiB block. A store that fails these checks is rebuilt from the block file.
 *
 * Tables never change once written, so each is checked once (by name, size and modification time,
 * recorded in `checked`); damage to a table checked before shows in `verify`'s state hash. */
export interface LevelCheck {
  /** Why the files cannot be trusted; undefined when they can. */
  problem?: string;
  /** Tables checked and found whole, to remember for the next open. */
  tables: Record<string, string>;
}

const LOG_BLOCK = 32768;
const LOG_HEADER = 7;
const MASK_DELTA = 0xa282ead8;
const TABLE_FOOTER = 48;
const TABLE_MAGIC = Buffer.from('57fb808b247547db', 'hex');
const BLOCK_TRAILER = 5;

function unmask(masked: number): number {
  const rot = (masked - MASK_DELTA) >>> 0;
  return ((rot >>> 17) | (rot << 15)) >>> 0;
}

export async function checkLevelFiles(dir: string, checked: Readonly<Record<string, string>>): Promise<LevelCheck> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { tables: {} };
    throw err;
  }
  const tables: Record<string, string> = {};
  const problem =
    (await checkCurrent(dir, names)) ??
    (await firstProblem(names.filter((n) => /^(MANIFEST-\d+|\d+\.log)$/.test(n)).map((n) => () => checkLogFile(dir, n)))) ??
    (await firstProblem(names.filter((n) => /^\d+\.(ldb|sst)$/.test(n)).map((n) => () => checkTableFile(dir, n, checked, tables))));
  return { ...(problem ? { problem } : {}), tables };
}

async function firstProblem(checks: Array<() => Promise<string | undefined>>): Promise<string | undefined> {
  for (const check of checks) {
    const problem = await check();
    if (problem) return problem;
  }
  return undefined;
}

/** CURRENT names the MANIFEST in use, and that file exists. */
async function checkCurrent(dir: string, names: string[]): Promise<string | undefined> {
  const levelFiles = names.filter((n) => /^(CURRENT|MANIFEST-\d+|\d+\.(log|ldb|sst))$/.test(n));
  if (levelFiles.length === 0) return undefined;
  if (!names.includes('CURRENT')) return 'CURRENT is missing';
  const current = await fs.readFile(path.join(dir, 'CURRENT'), 'latin1');
  const m = /^(MANIFEST-\d+)\n$/.exec(current);
  if (!m) return 'CURRENT does not name a MANIFEST';
  if (!names.includes(m[1])) return `CURRENT names ${m[1]}, which is missing`;
  return undefined;
}

/** The log format (write-ahead logs and MANIFESTs): 32 KiB blocks of checksummed records. A record
 * cut short by the file's end is a write that never finished, which LevelDB ignores too. */
async function checkLogFile(dir: string, name: string): Promise<string | undefined> {
  const buf = await fs.readFile(path.join(dir, name));
  let at = 0;
  while (at < buf.length) {
    const blockEnd = Math.min(buf.length, (Math.floor(at / LOG_BLOCK) + 1) * LOG_BLOCK);
    if (blockEnd - at < LOG_HEADER) {
      at = blockEnd;
      continue;
    }
    const length = buf.readUInt16LE(at + 4);
    const type = buf[at + 6];
    // Zero-filled space (preallocation) carries no record.
    if (type === 0 && length === 0) {
      at = blockEnd;
      continue;
    }
    const end = at + LOG_HEADER + length;
    if (end > blockEnd) return blockEnd === buf.length ? undefined : `${name}: record at byte ${at} overruns its block`;
    const crc = crc32c(buf.subarray(at + LOG_HEADER, end), crc32c(buf.subarray(at + 6, at + 7)));
    if (crc !== unmask(buf.readUInt32LE(at))) return `${name}: checksum mismatch in the record at byte ${at}`;
    at = end;
  }
  return undefined;
}

async function checkTableFile(
  dir: string,
  name: string,
  checked: Readonly<Record<string, string>>,
  tables: Record<string, string>,
): Promise<string | undefined> {
  const file = path.join(dir, name);
  const st = await fs.stat(file);
  const stamp = `${st.size}:${st.mtimeMs}`;
  if (checked[name] !== stamp) {
    let problem: string | undefined;
    try {
      problem = checkTable(await fs.readFile(file));
    } catch (err) {
      problem = `unreadable (${(err as Error).message})`;
    }
    if (problem) return `${name}: ${problem}`;
  }
  tables[name] = stamp;
  return undefined;
}

interface Handle {
  offset: number;
  size: number;
}

/** A table: footer, then the index and metaindex blocks, then every block they point at. */
export function checkTable(buf: Buffer): string | undefined {
  if (buf.length < TABLE_FOOTER || !buf.subarray(buf.length - 8).equals(TABLE_MAGIC)) return 'no table footer';
  const footer = new Reader(buf, buf.length - TABLE_FOOTER);
  const metaindex = footer.handle();
  const index = footer.handle();
  for (const top of [metaindex, index]) {
    const contents = blockContents(buf, top);
    if (typeof contents === 'string') return contents;
    // The blocks they point at need only their checksums checked, not uncompressing.
    for (const h of blockHandles(contents)) {
      const problem = blockChecksumProblem(buf, h);
      if (problem) return problem;
    }
  }
  return undefined;
}

function blockChecksumProblem(buf: Buffer, h: Handle): string | undefined {
  const end = h.offset + h.size;
  if (end + BLOCK_TRAILER > buf.length) return `block at ${h.offset} runs past the file`;
  const crc = crc32c(buf.subarray(h.offset, end + 1));
  if (crc !== unmask(buf.readUInt32LE(end + 1))) return `checksum mismatch in the block at byte ${h.offset}`;
  return undefined;
}

/** A block's contents after its checksum is checked and, when compressed, uncompressed. */
function blockContents(buf: Buffer, h: Handle): Buffer | string {
  const problem = blockChecksumProblem(buf, h);
  if (problem) return problem;
  const end = h.offset + h.size;
  const type = buf[end];
  if (type === 0) return buf.subarray(h.offset, end);
  if (type === 1) {
    try {
      return Buffer.from(uncompress(buf.subarray(h.offset, end)));
    } catch {
      return `block at ${h.offset} does not uncompress`;
    }
  }
  return `block at ${h.offset} has unknown compression ${type}`;
}

/** The values of an index or metaindex block, each a block handle. */
function blockHandles(block: Buffer): Handle[] {
  const restarts = block.readUInt32LE(block.length - 4);
  const entriesEnd = block.length - 4 - 4 * restarts;
  const r = new Reader(block, 0);
  const out: Handle[] = [];
  while (r.at < entriesEnd) {
    r.varint(); // shared key bytes
    const unshared = r.varint();
    const valueLength = r.varint();
    r.at += unshared;
    const value = new Reader(block.subarray(r.at, r.at + valueLength), 0);
    out.push(value.handle());
    r.at += valueLength;
  }
  return out;
}

class Reader {
  constructor(
    private readonly buf: Buffer,
    public at: number,
  ) {}

  varint(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      if (this.at >= this.buf.length) throw new RangeError('varint runs past its buffer');
      const byte = this.buf[this.at++];
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) return result;
      scale *= 128;
    }
  }

  handle(): Handle {
    return { offset: this.varint(), size: this.varint() };
  }
}
