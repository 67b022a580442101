/** `@cargotrace/model/epcis`: GS1 EPCIS 2.0 ⇄ custody events, CBV 2.0 event hash ids, and GS1's
 * vendored EPCIS JSON Schemas with their validator. Pure functions (no I/O); the chaincode never
 * loads this part of the model. */
export { EPCIS_JSON_SCHEMA, EPCIS_JSON_SCHEMAS, type EpcisJsonSchema } from './official-schema';
export { EpcisSchemaValidator, type SchemaIssue } from './schema-validator';
export { cbvEventHash, preHashString, toDigitalLink } from './event-hash';
export { BIZSTEP_TO_KIND, CARGOTRACE_NS, EPCIS_CONTEXT_URL, EPCIS_EVENT_TYPES, KIND_TO_BIZSTEP, type EpcisObject } from './vocabulary';
export { epcisIdToEventId, eventIdToEpcisId, goodsToUri, uriToGoods } from './identifiers';
export type { EpcisExtension } from './epcis-extension';
export { custodyToEpcisEvent, toEpcisDocument, type ToDocumentOptions } from './custody-to-epcis';
export {
  epcisDocumentToCustody,
  epcisEventId,
  epcisEventList,
  epcisEventToCustody,
  type EpcisImportIssue,
  type FromEpcisOptions,
} from './epcis-to-custody';
