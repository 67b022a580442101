// The domain types clients build events with come from @cargotrace/model; re-exported so that an
// SDK user needs one import.
export { EVENT_KINDS, GOODS_TYPES, canonicalJson } from '@cargotrace/model';
export type { CustodyEvent, CustodyEventInput, EventKind, EventRecord, GoodsRef, GoodsType, Party } from '@cargotrace/model';
export * from './validation';
export * from './canonical';
export * from './client';
export * from './outbox';
export * as operations from './graphql/operations';
export * from './csv/mapping';
export * from './csv/timezone';
export * from './epcis/index';
export * from './importer';
