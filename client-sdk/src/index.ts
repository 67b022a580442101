// The domain types clients build events with come from @cargotrace/model; re-exported so that an
// SDK user needs one import.
export { EVENT_KINDS, GOODS_TYPES, canonicalJson } from '@cargotrace/model';
export type { CustodyEvent, CustodyEventInput, EventKind, EventRecord, GoodsRef, GoodsType, Party } from '@cargotrace/model';
export * from './validation';
export * from './canonical';
export * from './client';
export * from './outbox';
/**
 * Every GraphQL document the SDK sends, with the field that holds its answer; run one with
 * {@link CargoTraceClient.run} or reuse its selections in your own documents.
 *
 * @example
 * import { CargoTraceClient, operations } from '@cargotrace/client-sdk';
 * const trace = await new CargoTraceClient({ gateway: 'http://127.0.0.1:4000', apiKey: 'demo-gacc-analyst' }).run(operations.TRACE, { id: 'CSQU3054383' });
 */
export * as operations from './graphql/operations';
export * from './csv/mapping';
export * from './csv/timezone';
export * from './epcis/index';
export * from './importer';
