import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Level } from 'level';
import {
  META_KEY, P_BLOCK, P_STATE, P_TX, P_TXID, P_HISTORY, blockNumKey, decodeStateValue, parseHistoryKey, prefixEnd, txPosKey,
} from './codec';
import type { BlockRecord } from './record';
import type { ValidationCode, Version } from './types';

export interface LedgerMeta {
  height: number;
  lastHash: string;
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

/** One channel's LevelDB. Reads take an optional snapshot so that a simulation sees one
 * consistent committed state, as Fabric's simulator does under its commit lock. */
export class ChannelStore {
  private constructor(private readonly db: Level<string, Buffer>, public meta: LedgerMeta, readonly dir: string) {}

  /** Opens the store at `dir`. Every thread of the process that opens the same directory shares one
   * LevelDB instance (classic-level's multithreading), which is how the endorsing thread reads the
   * state this thread commits. */
  static async open(dir: string): Promise<ChannelStore> {
    const location = path.resolve(dir);
    await fs.mkdir(location, { recursive: true });
    const db = new Level<string, Buffer>(location, { keyEncoding: 'utf8', valueEncoding: 'buffer', multithreading: true });
    await db.open();
    const raw = await db.get(META_KEY);
    const meta: LedgerMeta = raw ? (JSON.parse(raw.toString('utf8')) as LedgerMeta) : { height: 0, lastHash: '' };
    return new ChannelStore(db, meta, location);
  }

  snapshot(): Snapshot {
    return this.db.snapshot();
  }

  async getState(key: string, snapshot?: Snapshot): Promise<StateEntry | undefined> {
    const raw = await this.db.get(P_STATE + key, snapshot ? { snapshot } : {});
    if (!raw) return undefined;
    return { key, ...decodeStateValue(raw) };
  }

  /** Several state entries in one native call (one thread-pool round trip instead of one each). */
  async getStates(keys: string[], snapshot?: Snapshot): Promise<Array<StateEntry | undefined>> {
    if (keys.length === 0) return [];
    const raws = await this.db.getMany(keys.map((k) => P_STATE + k), snapshot ? { snapshot } : {});
    return raws.map((raw, i) => (raw ? { key: keys[i]!, ...decodeStateValue(raw) } : undefined));
  }

  async getVersions(keys: string[]): Promise<Array<Version | undefined>> {
    if (keys.length === 0) return [];
    const raws = await this.db.getMany(keys.map((k) => P_STATE + k));
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

  async getRawTx(blockNum: number, txNum: number, snapshot?: Snapshot): Promise<Buffer | undefined> {
    return this.db.get(P_TX + txPosKey(blockNum, txNum), snapshot ? { snapshot } : {});
  }

  async getRawBlock(n: number): Promise<Buffer | undefined> {
    return this.db.get(P_BLOCK + blockNumKey(n));
  }

  async getBlockRecord(n: number): Promise<BlockRecord | undefined> {
    const raw = await this.getRawBlock(n);
    return raw ? (JSON.parse(raw.toString('utf8')) as BlockRecord) : undefined;
  }

  async getTxIndex(txId: string): Promise<TxIndexEntry | undefined> {
    const raw = await this.db.get(P_TXID + txId);
    return raw ? (JSON.parse(raw.toString('utf8')) as TxIndexEntry) : undefined;
  }

  /** Writes one block with all its effects and the new meta record, atomically and durably (one
   * LevelDB WriteBatch written with sync). A chained batch hands each operation straight to the
   * native WriteBatch; the array form costs several times more per operation. */
  async commit(ops: BatchOp[], meta: LedgerMeta): Promise<void> {
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
    await batch.write({ sync: true });
    this.meta = meta;
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  /** Raw access for tests and tools (e.g. the tamper test of verify). */
  get raw(): Level<string, Buffer> {
    return this.db;
  }
}
