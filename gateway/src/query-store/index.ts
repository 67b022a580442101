// `@cargotrace/gateway/query-store`: the gateway's block-fed query store, its goods cache and read-your-writes heights.
export { QueryStore, feedsQueryStore, type AppliedListener, type FeedingBackend } from './query-store';
export { GoodsCache, estimatedBytes, DEFAULT_GOODS_CACHE_BYTES, type GoodsCacheOptions } from './goods-cache';
export { HEIGHTS_HEADER, formatHeights, parseHeights } from './request-heights';
export { HeightNotReachedError, QueryStoreFailedError } from './store-errors';
export type { QueryStoreOptions } from './open-query-store';
export { StoreReads, DEFAULT_READ_WAIT_MS } from './store-reads';
