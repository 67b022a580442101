import * as fs from 'fs';
import * as path from 'path';
import { EPCIS_JSON_SCHEMAS, EpcisSchemaValidator as ModelEpcisSchemaValidator, type EpcisJsonSchema } from '@cargotrace/model/epcis';

const MAIN_SCHEMA = 'EPCIS-JSON-Schema.json';

/** Reads GS1 schemas from a directory given explicitly (`--epcis-schema <dir>`), e.g. to try a
 * newer GS1 release than the one vendored in @cargotrace/model. The model does no I/O, so this
 * part lives here. */
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
    } catch {
      /* not a schema */
    }
  }
  return [main, ...others];
}

/**
 * The model's GS1 EPCIS 2.0 schema validator, which can also load the schemas of a directory.
 *
 * @example
 * import { EpcisSchemaValidator, toEpcisDocument } from '@cargotrace/client-sdk';
 * EpcisSchemaValidator.load().validate(toEpcisDocument(events)); // [] : the vendored GS1 schema
 * EpcisSchemaValidator.load('./gs1-epcis-2.0.1/'); // GS1's schemas from a directory
 */
export class EpcisSchemaValidator extends ModelEpcisSchemaValidator {
  /** The GS1 schema vendored in @cargotrace/model, or the schemas of `dir` when one is given
   * (`EPCIS-JSON-Schema.json` and the schemas its `$ref`s name). */
  static override load(dir?: string): EpcisSchemaValidator {
    if (dir) return new EpcisSchemaValidator(readSchemaDir(path.resolve(dir)), path.resolve(dir));
    return new EpcisSchemaValidator(EPCIS_JSON_SCHEMAS, '@cargotrace/model');
  }
}
