import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Level } from 'level';
import { BlockFile } from './block-file';
import { encodeFrame } from './block-frame';
import { EMPTY_STATE_HASH } from './state-hash';
import {
  META_KEY,
  P_BLOCK,
  P_STATE,
  P_TX,
  P_TXID,
  P_HISTORY,
  blockNumKey,
  decodeStateValue,
  decodeTxPointer,
  parseHistoryKey,
  prefixEnd,
  txPosKey,
} from './codec';
import type { BlockRecord } from './record';
import type { ValidationCode, Version } from './types';

/** What the index has applied of the block file: a reopen reads it and replays only what follows. */
export interface LedgerMeta {
  height: number;
  lastHash: string;
  /** Where the frame of the next block starts in the block file. */
  blockFileEnd: number;
  /** The world state's digest after block height-1 (state-hash.ts). */
  stateHash: string;
}

/** Where a transaction record lies in the block file. */
export interface TxPlace {
  offset: number;
  length: number;
}

export interface StateEntry {
  key: string;
  version: Version;
  value: Buffer;
}

export interface TxIndexEntry {
  b: number;
  t: number;
  c: ValidationCode;
}

export type BatchOp = { type: 'put'; key: string; value: Buffer } | { type: 'del'; key: string };

/** LevelDB settings of a channel store. A ledger writes several times the bytes of its state
 * (history index, record pointers, txid index), so a larger memtable than LevelDB's 4 MiB means
 * fewer level-0 files and less compaction per byte. Measured over 300,000 ingested events, CPU
 * per event on all threads: 220–230 µs with the defaults, 146–163 µs with a 32 MiB memtable,
 * 178–192 µs with 8 MiB table files as well (so those stay at 2 MiB), 140 µs with a 64 MiB
 * memtable (not worth another 32 MiB per channel). */
export const STORE_OPTIONS = { writeBufferSize: 32 * 2 ** 20 } as const;

type Snapshot = ReturnType<Level<string, Buffer>['snapshot']>;

/** Range bounds on state keys; `end` '' means unbounded. */
export interface KeyRange {
  start: string;
  end: string;
  endInclusive?: boolean;
}

/** Sequential reader over a key range; callers must close() it. */
export interface RangeReader {
  next(): Promise<StateEntry | undefined>;
  close(): Promise<void>;
}

/** A missing key reads as undefined. level's typings declare `Promise<V>`; abstract-level, which
 * level implements, and the runtime return `V | undefined`, so reads go through these two. */
function getRaw(db: Level<string, Buffer>, key: string, snapshot?: Snapshot): Promise<Buffer | undefined> {
  return db.get(key, snapshot ? { snapshot } : {});
}

function getRaws(db: Level<string, Buffer>, keys: string[], snapshot?: Snapshot): Promise<Array<Buffer | undefined>> {
  return db.getMany(keys, snapshot ? { snapshot } : {});
}

/** The LevelDB index of a channel store, inside the channel's directory (beside `chains/`). */
export const INDEX_DIR = 'index';

export const EMPTY_META: Readonly<LedgerMeta> = { height: 0, lastHash: '', blockFileEnd: 0, stateHash: EMPTY_STATE_HASH };

/** One channel's store: the block file (the blocks, which are the truth) and a LevelDB index derived
 * from it (state, history index, txid index, block records and pointers to the transaction records).
 * Reads take an optional snapshot so that a simulation sees one consistent committed state, as
 * Fabric's simulator does under its commit lock. Opening for writing (recovery.ts) checks the
 * index and catches it up with, or rebuilds it from, the block file. */
export class ChannelStore {
  constructor(
    private readonly db: Level<string, Buffer>,
    public meta: LedgerMeta,
    readonly dir: string,
    /** The writer's block file; a reader opens its own on first use. */
    private blocks: BlockFile | undefined,
    private readonly writable: boolean,
  ) {}

  /** Opens the index at `dir` for reading (the endorsing thread). Every thread of the process that
   * opens the same directory shares one LevelDB instance (classic-level's multithreading), which is
   * how it reads the state the committing thread writes; the writer opens it first (recovery.ts). */
  static async openReader(dir: string): Promise<ChannelStore> {
    const location = path.resolve(dir);
    const db = await openIndexDb(location);
    try {
      return new ChannelStore(db, await readMeta(db), location, undefined, false);
    } catch (err) {
      await db.close();
      throw err;
    }
  }

  /** The writer's block file. */
  get blockFile(): BlockFile {
    if (!this.writable || !this.blocks) throw new Error(`the store at ${this.dir} is open for reading only`);
    return this.blocks;
  }

  snapshot(): Snapshot {
    return this.db.snapshot();
  }

  async getState(key: string, snapshot?: Snapshot): Promise<StateEntry | undefined> {
    const raw = await getRaw(this.db, P_STATE + key, snapshot);
    if (!raw) return undefined;
    return { key, ...decodeStateValue(raw) };
  }

  /** Several state entries in one native call (one thread-pool round trip instead of one each). */
  async getStates(keys: string[], snapshot?: Snapshot): Promise<Array<StateEntry | undefined>> {
    if (keys.length === 0) return [];
    const raws = await getRaws(
      this.db,
      keys.map((k) => P_STATE + k),
      snapshot,
    );
    return raws.map((raw, i) => (raw ? { key: keys[i], ...decodeStateValue(raw) } : undefined));
  }

  async getVersions(keys: string[]): Promise<Array<Version | undefined>> {
    if (keys.length === 0) return [];
    const raws = await getRaws(
      this.db,
      keys.map((k) => P_STATE + k),
    );
    return raws.map((raw) => (raw ? decodeStateValue(raw).version : undefined));
  }

  range(range: KeyRange, snapshot?: Snapshot): RangeReader {
    const it = this.db.iterator({
      gte: P_STATE + range.start,
      ...(range.end === '' ? { lt: prefixEnd(P_STATE) } : range.endInclusive ? { lte: P_STATE + range.end } : { lt: P_STATE + range.end }),
      ...(snapshot ? { snapshot } : {}),
    });
    return {
      next: async () => {
        const entry = await it.next();
        if (!entry) return undefined;
        const [k, raw] = entry;
        return { key: k.slice(P_STATE.length), ...decodeStateValue(raw) };
      },
      close: () => it.close(),
    };
  }

  /** Versions at which `key` was written by valid transactions, newest first (Fabric 2.x order). */
  async *historyPointers(key: string, snapshot?: Snapshot): AsyncGenerator<Version> {
    const it = this.db.keys({
      gt: P_HISTORY + key + '\x00',
      lt: P_HISTORY + key + '\x01',
      reverse: true,
      ...(snapshot ? { snapshot } : {}),
    });
    try {
      for (let k = await it.next(); k !== undefined; k = await it.next()) {
        const v = parseHistoryKey(key, k);
        if (v) yield v;
      }
    } finally {
      await it.close();
    }
  }

  /** The stored bytes of a transaction record (what its hash covers). */
  async getRawTx(blockNum: number, txNum: number, snapshot?: Snapshot): Promise<Buffer | undefined> {
    const raw = await getRaw(this.db, P_TX + txPosKey(blockNum, txNum), snapshot);
    if (!raw) return undefined;
    const at = decodeTxPointer(raw);
    if (!at) throw new Error(`the index of ${this.dir} holds a transaction record inline (a format this version no longer reads)`);
    const blocks = this.blocks ?? (await this.openBlocksForRead());
    return blocks?.read(at.offset, at.length);
  }

  private blocksOpening: Promise<BlockFile | undefined> | undefined;

  /** One handle however many reads ask for it at once. */
  async openBlocksForRead(): Promise<BlockFile | undefined> {
    if (this.blocks) return this.blocks;
    this.blocksOpening ??= BlockFile.openForRead(this.dir).finally(() => (this.blocksOpening = undefined));
    const blocks = await this.blocksOpening;
    this.blocks ??= blocks;
    return this.blocks;
  }

  async getRawBlock(n: number, snapshot?: Snapshot): Promise<Buffer | undefined> {
    return getRaw(this.db, P_BLOCK + blockNumKey(n), snapshot);
  }

  /** The meta record as of `snapshot`. */
  async metaAt(snapshot: Snapshot): Promise<LedgerMeta> {
    const raw = await getRaw(this.db, META_KEY, snapshot);
    return raw ? parseMeta(raw) : { ...EMPTY_META };
  }

  async getBlockRecord(n: number): Promise<BlockRecord | undefined> {
    const raw = await this.getRawBlock(n);
    return raw ? (JSON.parse(raw.toString('utf8')) as BlockRecord) : undefined;
  }

  async getTxIndex(txId: string): Promise<TxIndexEntry | undefined> {
    const raw = await getRaw(this.db, P_TXID + txId);
    return raw ? (JSON.parse(raw.toString('utf8')) as TxIndexEntry) : undefined;
  }

  /** Writes one block: its frame into the block file, synced (the commit point), then everything
   * the index derives from it (`indexOps`, given where the records landed) and the new meta record
   * in one LevelDB WriteBatch. The batch needs no sync of its own: after a crash the index catches
   * up from the block file. A chained batch hands each operation straight to the native WriteBatch;
   * the array form costs several times more per operation. */
  async appendBlock(record: BlockRecord, txRaws: Buffer[], indexOps: (places: TxPlace[]) => BatchOp[]): Promise<void> {
    const blocks = this.blockFile;
    const frame = encodeFrame(record, txRaws);
    const start = await blocks.appendFrame(frame);
    const places = frame.txOffsets.map((o, i) => ({ offset: start + o, length: txRaws[i].length }));
    try {
      await this.writeIndex(indexOps(places), {
        height: record.number + 1,
        lastHash: record.hash,
        blockFileEnd: start + frame.length,
        stateHash: record.stateHash ?? this.meta.stateHash,
      });
    } catch (err) {
      // Nobody was told the block committed: take it back rather than leave a block the index lacks.
      await blocks.cutTornTail(start);
      throw err;
    }
  }

  /** Writes one block's index changes and the meta record that says it is applied. */
  async writeIndex(ops: BatchOp[], meta: LedgerMeta, { sync = false }: { sync?: boolean } = {}): Promise<void> {
    if (!this.writable) throw new Error(`the store at ${this.dir} is open for reading only`);
    const batch = this.db.batch();
    try {
      for (const op of ops) {
        if (op.type === 'put') batch.put(op.key, op.value);
        else batch.del(op.key);
      }
      batch.put(META_KEY, Buffer.from(JSON.stringify(meta), 'utf8'));
    } catch (err) {
      await batch.close();
      throw err;
    }
    await batch.write({ sync });
    this.meta = meta;
  }

  /** How many block records the index holds: a batch LevelDB lost in the middle shows here. */
  async countBlockRecords(): Promise<number> {
    let n = 0;
    for await (const _ of this.db.keys({ gte: P_BLOCK, lt: prefixEnd(P_BLOCK) })) n++;
    return n;
  }

  /** Closes the store. The writer first flushes LevelDB's memtable into a table: otherwise the next
   * open replays up to a whole memtable (STORE_OPTIONS) from LevelDB's log per channel: a gateway on a
   * 1,000,000-event ledger just ingested started in 1.9 s and peaked at 315 MiB, against 0.74 s and
   * 281 MiB with this flush (one run each).
   * LevelDB's CompactRange flushes the memtable before anything else; the range given holds no
   * keys (every key of the store starts below '~'), so nothing else is compacted. */
  async close(): Promise<void> {
    // `level` resolves to classic-level on Node, whose typings (not level's) declare compactRange.
    const compactable = this.db as unknown as { compactRange(start: string, end: string): Promise<void> };
    if (this.writable && this.db.status === 'open') await compactable.compactRange('~~', '~~~');
    await this.blocks?.close();
    this.blocks = undefined;
    await this.db.close();
    for (const closer of this.closers.splice(0)) await closer();
  }

  private readonly closers: Array<() => Promise<void>> = [];

  /** Runs `closer` after the store has closed (the writer's lock goes last). */
  onClose(closer: () => Promise<void>): void {
    this.closers.push(closer);
  }

  /** Raw access for tests and tools (e.g. the tamper test of verify). */
  get raw(): Level<string, Buffer> {
    return this.db;
  }
}

/** Opens (creating if need be) the LevelDB index of the channel store at `dir`. */
export async function openIndexDb(dir: string): Promise<Level<string, Buffer>> {
  const location = path.join(dir, INDEX_DIR);
  await fs.mkdir(location, { recursive: true });
  const db = new Level<string, Buffer>(location, {
    keyEncoding: 'utf8',
    valueEncoding: 'buffer',
    multithreading: true,
    ...STORE_OPTIONS,
  });
  try {
    await db.open();
  } catch (err) {
    const held = inUse(dir, err);
    if (held) throw held;
    throw new Error(`the ledger index ${location} does not open: ${causeOf(err).message}`, { cause: err });
  }
  return db;
}

/** level says only "Database failed to open"; the reason is in its cause. */
function causeOf(err: unknown): Error {
  return (err as { cause?: Error }).cause ?? (err as Error);
}

/** The store-in-use error when `err` is LevelDB refusing a lock another holder has, else undefined. */
export function inUse(storeDir: string, err: unknown): StoreInUseError | undefined {
  const cause = causeOf(err);
  if (!/\block\b/i.test(cause.message)) return undefined;
  return new StoreInUseError(
    `the ledger store ${storeDir} is in use by another process (or opened without sharing in this one): ${cause.message}`,
    { cause: err },
  );
}

/** Another process (or an unshared handle) holds the store: never a reason to rebuild it. */
export class StoreInUseError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StoreInUseError';
  }
}

export async function readMeta(db: Level<string, Buffer>): Promise<LedgerMeta> {
  const raw = await getRaw(db, META_KEY);
  return raw ? parseMeta(raw) : { ...EMPTY_META };
}

function parseMeta(raw: Buffer): LedgerMeta {
  return { ...EMPTY_META, ...(JSON.parse(raw.toString('utf8')) as Partial<LedgerMeta>) };
}
