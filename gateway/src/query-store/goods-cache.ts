/** Tunables of the goods cache. */
export interface GoodsCacheOptions {
  /** Upper bound on the cached values' estimated size in bytes (default 64 MiB); least recently
   * used first out. */
  maxBytes?: number;
}

interface Entry {
  goods: string;
  value: Promise<unknown>;
  bytes: number;
}

export const DEFAULT_GOODS_CACHE_BYTES = 64 * 1024 * 1024;

/** A cached value's size: its JSON length as UTF-16 code units, twice (the parsed objects cost
 * about as much again as their text). An estimate, enough to bound memory. */
export function estimatedBytes(value: unknown): number {
  const json = JSON.stringify(value instanceof Map ? [...value] : value) as string | undefined;
  return 4 * (json?.length ?? 1);
}

/** What the gateway read about goods items from the query store (holders, events with proofs),
 * shared by every request. Sized in bytes; an entry goes when a block the store applies touches
 * its goods (see touchedGoods), so under continuous ingestion reads of untouched goods still hit.
 * A read in flight is shared by concurrent requests; a read that was in flight when its goods were
 * touched, or that failed, is not kept. */
export class GoodsCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byGoods = new Map<string, Set<string>>();
  private readonly maxBytes: number;
  private total = 0;
  hits = 0;
  misses = 0;
  invalidations = 0;

  constructor(options: GoodsCacheOptions = {}) {
    this.maxBytes = options.maxBytes ?? DEFAULT_GOODS_CACHE_BYTES;
  }

  /** The cached value of `part` for `goods` (a goodsKey), or `load()`'s, kept until the goods are touched. */
  get<T>(goods: string, part: string, load: () => Promise<T>, weigh: (v: T) => number = estimatedBytes): Promise<T> {
    const key = `${part}|${goods}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.hits++;
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as Promise<T>;
    }
    this.misses++;
    const entry: Entry = { goods, value: Promise.resolve(undefined), bytes: 0 };
    const value = load().then(
      (v) => {
        if (this.entries.get(key) === entry) {
          entry.bytes = Math.max(1, weigh(v));
          this.total += entry.bytes;
          this.evict();
        }
        return v;
      },
      (err: unknown) => {
        if (this.entries.get(key) === entry) this.remove(key, entry);
        throw err;
      },
    );
    entry.value = value;
    this.entries.set(key, entry);
    let keys = this.byGoods.get(goods);
    if (!keys) this.byGoods.set(goods, (keys = new Set()));
    keys.add(key);
    return value;
  }

  /** Drops everything cached about these goods. */
  invalidate(goods: Iterable<string>): void {
    for (const g of goods) {
      const keys = this.byGoods.get(g);
      if (!keys) continue;
      for (const key of keys) {
        const e = this.entries.get(key);
        if (e) this.remove(key, e);
      }
      this.invalidations++;
    }
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.total -= entry.bytes;
    const keys = this.byGoods.get(entry.goods);
    keys?.delete(key);
    if (keys?.size === 0) this.byGoods.delete(entry.goods);
  }

  private evict(): void {
    for (const [key, e] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.remove(key, e);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** Estimated bytes held. */
  get bytes(): number {
    return this.total;
  }
}
