import { Gauge, type Registry } from 'prom-client';
import type { GoodsCache } from './goods-cache';
import type { QueryStore } from './query-store';

/** The query store's applied heights and the goods cache's size and hit counts, read at scrape time. */
export function registerStoreMetrics(registry: Registry, store: QueryStore, cache: GoodsCache): void {
  new Gauge({
    name: 'cargotrace_query_store_height',
    help: 'Blocks the query store has applied, per channel',
    labelNames: ['channel'] as const,
    registers: [registry],
    collect() {
      for (const c of store.channels) this.set({ channel: c }, store.applied.height(c));
    },
  });
  new Gauge({
    name: 'cargotrace_goods_cache_bytes',
    help: 'Estimated bytes held by the goods cache',
    registers: [registry],
    collect() {
      this.set(cache.bytes);
    },
  });
  new Gauge({
    name: 'cargotrace_goods_cache_reads',
    help: 'Goods cache reads since start, by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
    collect() {
      this.set({ outcome: 'hit' }, cache.hits);
      this.set({ outcome: 'miss' }, cache.misses);
    },
  });
}
