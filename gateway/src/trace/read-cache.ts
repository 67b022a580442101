import type { LedgerBackend } from '../ledger/ledger-backend';

/** Tunables of the read cache. */
export interface ReadCacheOptions {
  /** Upper bound on the cached event records (summed over entries); oldest entries go first. */
  maxRecords?: number;
  /** Upper bound on the number of entries. */
  maxEntries?: number;
}

interface Entry {
  value: Promise<unknown>;
  weight: number;
}

/** Process-wide cache of what the gateway reads about one goods item across the district channels
 * (its holders, its events with their proofs), shared by every request's LedgerReader.
 *
 * Exactness: every entry is derived from reads of all district channels, so it is labelled with the
 * district channels' block heights taken *before* its reads started; as soon as any district
 * channel has a new block (a height differs), the whole cache is dropped. Heights only grow after
 * a block's state is visible (the embedded store sets its height after the durable write), so an
 * entry never claims a height newer than the state it read: at worst it is dropped one block early.
 * A read in flight is shared by concurrent requests (one ledger read per goods and height), and a
 * failed read is not kept. Only for ledgers whose height() is current when a submit resolves (the
 * embedded one); see `readCacheSuitable`. */
export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private epoch = '';
  private weight = 0;
  private readonly maxRecords: number;
  private readonly maxEntries: number;
  hits = 0;
  misses = 0;

  constructor(
    private readonly backend: Pick<LedgerBackend, 'height'>,
    private readonly channels: readonly string[],
    options: ReadCacheOptions = {},
  ) {
    this.maxRecords = options.maxRecords ?? 50_000;
    this.maxEntries = options.maxEntries ?? 5_000;
  }

  /** The district heights now, as one string; a changed epoch drops every entry. */
  private currentEpoch(): string {
    let e = '';
    for (const c of this.channels) e += `${this.backend.height(c)},`;
    if (e !== this.epoch) {
      this.entries.clear();
      this.weight = 0;
      this.epoch = e;
    }
    return e;
  }

  /** The cached value under `key`, or `load()`'s (read now, and kept while no district channel
   * gets a new block). `weigh` tells how many records the value holds. */
  get<T>(key: string, load: () => Promise<T>, weigh: (v: T) => number = () => 1): Promise<T> {
    const epoch = this.currentEpoch();
    const hit = this.entries.get(key);
    if (hit) {
      this.hits++;
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as Promise<T>;
    }
    this.misses++;
    const entry: Entry = { value: undefined as unknown as Promise<T>, weight: 0 };
    const value = load().then(
      (v) => {
        if (this.epoch === epoch && this.entries.get(key) === entry) {
          entry.weight = Math.max(1, weigh(v));
          this.weight += entry.weight;
          this.evict();
        }
        return v;
      },
      (err: unknown) => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
        throw err;
      },
    );
    entry.value = value;
    this.entries.set(key, entry);
    return value;
  }

  private evict(): void {
    for (const [key, e] of this.entries) {
      if (this.weight <= this.maxRecords && this.entries.size <= this.maxEntries) break;
      this.entries.delete(key);
      this.weight -= e.weight;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.weight = 0;
  }
}

/** True when the backend's heights move with its commits, so that the read cache stays exact: the
 * embedded ledger sets a channel's height when a block is durable, before submit resolves and
 * before its events. A Fabric backend learns heights from block events, which may lag a commit. */
export function readCacheSuitable(backend: LedgerBackend): boolean {
  return backend.kind === 'embedded';
}

/** Freezes a cached value so that no request can change what another one reads. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}
