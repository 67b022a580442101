import epcisJsonSchema from './schema/EPCIS-JSON-Schema.json';
import epcisDocumentSchema from './schema/EPCIS-Document-JSON-Schema.json';
import epcisEventSchema from './schema/EPCIS-Event-JSON-Schema.json';
import epcisQuerySchema from './schema/EPCIS-Query-JSON-Schema-root.json';

/** A JSON Schema document as GS1 publishes it (draft-07, identified by its `$id`). */
export type EpcisJsonSchema = Readonly<Record<string, unknown>> & { readonly $id: string };

/**
 * GS1's self-contained EPCIS 2.0 JSON Schema (`EPCIS-JSON-Schema.json`): an EPCIS document or a
 * single event validates against it. Imported as modules rather than read from disk so the schema
 * ships inside the built package and needs no path resolution (vendored in ./schema, GS1 licence
 * notice beside it).
 */
export const EPCIS_JSON_SCHEMA: EpcisJsonSchema = epcisJsonSchema;

/** Every vendored GS1 EPCIS 2.0 schema, the main one first; the others are added by `$id` so a
 * `$ref` to them resolves. */
export const EPCIS_JSON_SCHEMAS: readonly EpcisJsonSchema[] = [epcisJsonSchema, epcisDocumentSchema, epcisEventSchema, epcisQuerySchema];
