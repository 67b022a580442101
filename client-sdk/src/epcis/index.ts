// The EPCIS 2.0 mapping and hash ids are the model's (@cargotrace/model/epcis); the SDK re-exports
// what its API has always offered, so `import { toEpcisDocument } from '@cargotrace/client-sdk'`
// keeps working. Only reading schemas from a directory is the SDK's own.
export {
  cbvEventHash,
  custodyToEpcisEvent,
  epcisDocumentToCustody,
  epcisEventList,
  epcisEventToCustody,
  preHashString,
  toEpcisDocument,
  type FromEpcisOptions,
  type SchemaIssue,
  type ToDocumentOptions,
} from '@cargotrace/model/epcis';
export { EpcisSchemaValidator } from './schema-validator';
