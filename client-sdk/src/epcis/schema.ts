import * as fs from 'fs';
import * as path from 'path';
import { Validator, type Schema } from 'jsonschema';
import { EPCIS_JSON_SCHEMAS, type EpcisJsonSchema } from '@cargotrace/model';

const MAIN_SCHEMA = 'EPCIS-JSON-Schema.json';

export interface SchemaIssue { path: string; message: string }

/** Reads GS1 schemas from a directory given explicitly (`--epcis-schema <dir>`), e.g. to try a
 * newer GS1 release than the one vendored in @cargotrace/model. */
function readSchemaDir(dir: string): EpcisJsonSchema[] {
  const mainFile = path.join(dir, MAIN_SCHEMA);
  if (!fs.existsSync(mainFile)) throw new Error(`GS1 EPCIS 2.0 JSON Schema not found: ${mainFile} does not exist`);
  const main = JSON.parse(fs.readFileSync(mainFile, 'utf8')) as EpcisJsonSchema;
  const others: EpcisJsonSchema[] = [];
  for (const f of fs.readdirSync(dir)) {
    if (!f.endsWith('.json') || f === MAIN_SCHEMA) continue;
    try {
      const s = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as EpcisJsonSchema;
      if (s.$id) others.push(s);
    } catch { /* not a schema */ }
  }
  return [main, ...others];
}

export class EpcisSchemaValidator {
  private readonly validator = new Validator();
  private readonly schema: EpcisJsonSchema;

  /**
   * @param schemas the main schema first, then the schemas its `$ref`s may name (by `$id`).
   * @param source where they come from: `@cargotrace/model` (vendored) or the directory read.
   */
  constructor(schemas: readonly EpcisJsonSchema[], readonly source: string) {
    if (schemas.length === 0) throw new Error('no GS1 EPCIS 2.0 JSON Schema given');
    this.schema = schemas[0];
    for (const s of schemas.slice(1)) this.validator.addSchema(s as Schema, s.$id);
  }

  /** The GS1 schema vendored in @cargotrace/model, or the schemas of `dir` when one is given. */
  static load(dir?: string): EpcisSchemaValidator {
    if (dir) return new EpcisSchemaValidator(readSchemaDir(path.resolve(dir)), path.resolve(dir));
    return new EpcisSchemaValidator(EPCIS_JSON_SCHEMAS, '@cargotrace/model');
  }

  /** Validates an EPCIS document (or a single event) against the official EPCIS-JSON-Schema. */
  validate(doc: unknown): SchemaIssue[] {
    const r = this.validator.validate(doc, this.schema as Schema, { nestedErrors: false });
    return r.errors.map((e) => ({
      path: '/' + e.path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/'),
      message: e.stack.replace(/^instance/, '') || e.message,
    }));
  }
}
