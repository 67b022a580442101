// `@cargotrace/gateway/trace`: the trace analysis as pure functions over ledger records, for tools and tests that analyse records without a running gateway.
export { analyseTrace } from './analyse';
export { anomaliesOf } from './anomalies';
export { crossingsOf } from './crossings';
export { custodySegments } from './custody-segments';
export { compareRecords, mergeRecords } from './order';
export { stitch, type GoodsEventSource, type StitchedGraph, type TraceDirection, type TraceNode } from './stitch';
export { ReadCache, type ReadCacheOptions } from './read-cache';
export { goodsKey, type CustodyEvent, type EventRecord, type GoodsRef, type LocatedRecord } from '../model/custody';
