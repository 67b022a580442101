/** @cargotrace/model: the CargoTrace domain model shared by the chaincode, the gateway, the client
 * SDK and (types only) the webapp. Pure TypeScript: no Fabric dependency, deterministic code only
 * (the chaincode runs it on every endorser). The GraphQL answer shapes are in
 * `@cargotrace/model/graphql`; the GS1 EPCIS 2.0 mapping, event hash ids and GS1's JSON Schemas in
 * `@cargotrace/model/epcis` (the chaincode never loads them). */

// Custody events
export * from './event/event-kind';
export * from './event/custody-event';
export * from './event/event-record';
export * from './event/append';
export * from './event/event-validation';

// Goods
export * from './goods/goods-ref';
export * from './goods/goods-key';
export * from './goods/touched-goods';
export * from './goods/goods-state';
export * from './goods/goods-link';
export * from './goods/iso6346';

// Registry, mutual recognition, ledger pages
export * from './registry/registry';
export * from './mutual-recognition/mutual-recognition';
export * from './ledger/page';

// Time, canonical JSON
export * from './time/date-time';
export * from './time/utc-offset';
export * from './canonical-json';
export * from './json/prototype-members';

// JSON Schemas and their validator
export * from './schema/validator';
export { prepareSchema, type PreparedSchema } from './schema/schema-context';

// Errors
export * from './errors/error-codes';
export * from './errors/chaincode-error';
export * from './errors/error-collector';
export * from './errors/json-pointer';
export * from './errors/parse-chaincode-error';
