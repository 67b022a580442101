import * as path from 'node:path';
import type { NetworkConfig } from '@cargotrace/network';
import type { LedgerBackend } from '../ledger/ledger-backend';
import { GoodsCache } from './goods-cache';
import { QueryStore, feedsQueryStore } from './query-store';
import { DEFAULT_READ_WAIT_MS, StoreReads } from './store-reads';

/** Tunables of the query store. */
export interface QueryStoreOptions {
  /** Where the store lives (default `<dataDir>/query-store`). */
  dir?: string;
  /** Bound of the goods cache in bytes (default 64 MiB; 0 caches nothing). */
  cacheBytes?: number;
  /** How long a read waits for the heights it needs before HEIGHT_NOT_REACHED (default 5 s). */
  readWaitMs?: number;
}

/** Opens the query store over every channel of `config` with its goods cache, unless switched
 * off, the backend has no committed-blocks feed, or the store cannot be opened (logged; reads then
 * evaluate chaincode). Rebuilds of channels are logged. */
export async function openQueryStore(
  option: boolean | QueryStoreOptions | undefined,
  backend: LedgerBackend,
  config: NetworkConfig,
  dataDir: string,
): Promise<StoreReads | undefined> {
  if (option === false || !feedsQueryStore(backend)) return undefined;
  const o = typeof option === 'object' ? option : {};
  const channels = config.channels.map((c) => c.name);
  const dir = o.dir ?? path.join(dataDir, 'query-store');
  let store: QueryStore;
  try {
    store = await QueryStore.open(dir, backend, channels);
  } catch (err) {
    // E.g. locked by another gateway on the same data directory: serve, slower, by evaluating chaincode.
    console.warn(`[gateway] query store ${dir} cannot be opened (${(err as Error).message}); reads evaluate chaincode`);
    return undefined;
  }
  for (const [channel, why] of store.rebuilt) console.warn(`[gateway] query store: rebuilding channel ${channel} from block 0 (${why})`);
  const cache = new GoodsCache(o.cacheBytes !== undefined ? { maxBytes: o.cacheBytes } : {});
  store.onApplied((_channel, touched) => cache.invalidate(touched));
  return new StoreReads(store, cache, backend, o.readWaitMs ?? DEFAULT_READ_WAIT_MS);
}
