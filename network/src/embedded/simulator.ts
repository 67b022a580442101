import type { Iterators, QueryResponseMetadata } from 'fabric-shim-api';
import Long from 'long';
import { decodeTxRecord } from './record';
import { QueryIterator } from './iterators';
import { settle } from './settle';
import { coalescedGet } from './coalesced-get';
import type { ChannelStore, RangeReader, StateEntry } from './store';
import type { ChaincodeEventRecord, KVRead, RangeQueryInfo, RwSet, Version } from './types';

type Snapshot = ReturnType<ChannelStore['snapshot']>;

/** Fabric's transaction simulator for one proposal: reads committed state only (from one snapshot),
 * buffers writes, and records the read set, range queries and the chaincode event. Also enforces
 * Fabric's read-only rule for paginated queries, with Fabric's messages. */
export class TxSimulator {
  private readonly reads = new Map<string, Version | undefined>();
  private readonly ranges: RangeQueryInfo[] = [];
  private readonly writes = new Map<string, Buffer | null>();
  private event?: ChaincodeEventRecord;
  private paginated = false;
  private done = false;
  private readonly open = new Set<RangeReader>();

  constructor(
    readonly txId: string,
    private readonly namespace: string,
    private readonly store: ChannelStore,
    private readonly snapshot: Snapshot,
  ) {}

  checkDone(): void {
    if (this.done) {
      throw new Error(`txid [${this.txId}]: the transaction has completed; the stub cannot be used any more`);
    }
  }

  async getState(key: string): Promise<Buffer> {
    this.checkDone();
    const entry = await this.readCoalesced(key);
    // Fabric keeps the first version read; reads from one snapshot all agree anyway.
    if (!this.reads.has(key)) this.reads.set(key, entry?.version);
    // fabric-shim yields an empty buffer for a missing key. The entry's bytes were read for this
    // call alone (a fresh buffer from the store), so the chaincode may keep or alter them.
    return entry ? entry.value : Buffer.alloc(0);
  }

  /** getState calls issued together (e.g. under Promise.all) are answered by one getMany on the
   * simulation's snapshot: same committed values, one native round trip. (fabric-shim serialises
   * such calls over its stream; the results are the same.) */
  private readonly readCoalesced = coalescedGet<StateEntry>((keys) => this.store.getStates(keys, this.snapshot));

  putState(key: string, value: Buffer | null): void {
    this.checkDone();
    if (this.paginated) {
      throw new Error(`txid [${this.txId}]: Transaction has already performed a paginated query. Writes are not allowed`);
    }
    this.writes.set(key, value);
  }

  setEvent(name: string, payload: Buffer): void {
    this.checkDone();
    this.event = { name, payload };
  }

  /** A non-paginated range scan, read lazily; observed results are recorded for phantom checks. */
  scan(startKey: string, endKey: string): Iterators.StateQueryIterator {
    this.checkDone();
    const info: RangeQueryInfo = { startKey, endKey, itrExhausted: false, results: [] };
    this.ranges.push(info);
    const reader = this.store.range({ start: startKey, end: endKey }, this.snapshot);
    this.open.add(reader);
    const release = async () => {
      if (this.open.delete(reader)) await reader.close();
    };
    return new QueryIterator<Iterators.KV>(async () => {
      this.checkDone();
      const entry = await reader.next();
      if (!entry) {
        info.itrExhausted = true;
        await release();
        return undefined;
      }
      info.results.push({ key: entry.key, version: entry.version });
      return { namespace: this.namespace, key: entry.key, value: Buffer.from(entry.value) };
    }, release);
  }

  /** A paginated range scan: read-only transactions only, as in Fabric. The page is read eagerly
   * (Fabric's handler does too, to fill in the metadata). */
  async scanPage(
    startKey: string,
    endKey: string,
    pageSize: number,
    bookmark: string,
  ): Promise<{ iterator: Iterators.StateQueryIterator; metadata: QueryResponseMetadata }> {
    this.checkDone();
    if (this.writes.size > 0) {
      throw new Error(`txid [${this.txId}]: Paginated queries are not supported for transaction with writes`);
    }
    if (!Number.isInteger(pageSize) || pageSize <= 0) throw new Error(`pageSize must be a positive integer, got ${pageSize}`);
    this.paginated = true;
    const start = bookmark || startKey;
    const reader = this.store.range({ start, end: endKey }, this.snapshot);
    const page: Array<{ key: string; version: Version; value: Buffer }> = [];
    let next: string = '';
    try {
      for (let e = await reader.next(); e; e = await reader.next()) {
        if (page.length === pageSize) {
          // Fabric's bookmark is the first key of the next page, '' when the range is exhausted.
          next = e.key;
          break;
        }
        page.push(e);
      }
    } finally {
      await reader.close();
    }
    this.ranges.push({
      startKey: start,
      endKey,
      itrExhausted: next === '',
      results: page.map((e) => ({ key: e.key, version: e.version })),
    });
    let i = 0;
    const iterator = new QueryIterator<Iterators.KV>(
      () =>
        settle(() => {
          this.checkDone();
          if (i >= page.length) return undefined;
          const e = page[i++];
          return { namespace: this.namespace, key: e.key, value: Buffer.from(e.value) };
        }),
      () => Promise.resolve(),
    );
    return { iterator, metadata: { fetchedRecordsCount: page.length, bookmark: next } };
  }

  /** Committed history of `key`, newest first as Fabric 2.x returns it; not part of the read set
   * (Fabric does not re-validate history queries either). */
  history(key: string): Iterators.HistoryQueryIterator {
    this.checkDone();
    const pointers = this.store.historyPointers(key, this.snapshot);
    // Tracked like range readers so that finish() releases it (and with it the snapshot).
    const handle: RangeReader = {
      next: () => Promise.resolve(undefined),
      close: async () => {
        await pointers.return(undefined);
      },
    };
    this.open.add(handle);
    const release = async () => {
      if (this.open.delete(handle)) await handle.close();
    };
    return new QueryIterator<Iterators.KeyModification>(async () => {
      this.checkDone();
      const p = await pointers.next();
      if (p.done) return undefined;
      const raw = await this.store.getRawTx(p.value.blockNum, p.value.txNum, this.snapshot);
      if (!raw) throw new Error(`history of ${key}: transaction ${p.value.blockNum}/${p.value.txNum} is missing`);
      const tx = decodeTxRecord(raw);
      const write = tx.rwset.writes.find((w) => w.key === key);
      return {
        txId: tx.txId,
        isDelete: write?.isDelete ?? false,
        value: write?.value ?? Buffer.alloc(0),
        // fabric-shim hands out the protobuf Timestamp's toObject(): plain numbers.
        timestamp: { seconds: tx.timestamp.seconds as unknown as Long, nanos: tx.timestamp.nanos },
      };
    }, release);
  }

  /** Ends the simulation: later stub calls throw, open iterators are released. */
  async finish(): Promise<void> {
    this.done = true;
    await Promise.all([...this.open].map((r) => r.close()));
    this.open.clear();
  }

  results(): { rwset: RwSet; event?: ChaincodeEventRecord } {
    const reads: KVRead[] = [...this.reads].map(([key, version]) => (version ? { key, version } : { key }));
    // Sorted like Fabric's rwset so that identical simulations produce identical records.
    const writes = [...this.writes.keys()].sort().map((key) => {
      const value = this.writes.get(key);
      return value ? { key, isDelete: false, value } : { key, isDelete: true };
    });
    return { rwset: { reads, rangeQueries: this.ranges, writes }, ...(this.event ? { event: this.event } : {}) };
  }
}
