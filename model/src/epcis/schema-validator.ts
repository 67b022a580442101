import { Validator } from 'jsonschema';
import { EPCIS_JSON_SCHEMAS, type EpcisJsonSchema } from './official-schema';

/**
 * A place where a document breaks the GS1 schema: a JSON Pointer and the schema validator's wording.
 *
 * @example
 * for (const i of EpcisSchemaValidator.load().validate(doc)) console.error(`${i.path}: ${i.message}`);
 */
export interface SchemaIssue {
  path: string;
  message: string;
}

/**
 * Validates EPCIS 2.0 documents and events against GS1's EPCIS-JSON-Schema (the one vendored in
 * this package, or schemas given explicitly, e.g. a newer GS1 release).
 *
 * @example
 * const validator = EpcisSchemaValidator.load();
 * validator.validate(doc); // [] when doc is a valid EPCISDocument, EPCISQueryDocument or event
 */
export class EpcisSchemaValidator {
  private readonly validator = new Validator();
  private readonly schema: EpcisJsonSchema;

  /**
   * @param schemas the main schema first, then the schemas its `$ref`s may name (by `$id`).
   * @param source where they come from: `@cargotrace/model` (vendored) or the directory read.
   */
  constructor(
    schemas: readonly EpcisJsonSchema[],
    readonly source: string,
  ) {
    if (schemas.length === 0) throw new Error('no GS1 EPCIS 2.0 JSON Schema given');
    this.schema = schemas[0];
    for (const s of schemas.slice(1)) this.validator.addSchema(s, s.$id);
  }

  /** The GS1 schema vendored in @cargotrace/model. */
  static load(): EpcisSchemaValidator {
    return new EpcisSchemaValidator(EPCIS_JSON_SCHEMAS, '@cargotrace/model');
  }

  /** Validates an EPCIS document (or a single event) against the official EPCIS-JSON-Schema. */
  validate(doc: unknown): SchemaIssue[] {
    const r = this.validator.validate(doc, this.schema, { nestedErrors: false });
    return r.errors.map((e) => ({
      path: '/' + e.path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/'),
      message: e.stack.replace(/^instance/, '') || e.message,
    }));
  }
}
