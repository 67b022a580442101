import * as fs from 'fs';
import * as path from 'path';
import { Validator } from 'jsonschema';

/** Environment variable naming the directory that holds the GS1 EPCIS 2.0 JSON Schemas. */
export const EPCIS_SCHEMA_ENV = 'CARGOTRACE_EPCIS_SCHEMA_DIR';
const MAIN_SCHEMA = 'EPCIS-JSON-Schema.json';

/**
 * Finds the official schema directory: explicit option, then $CARGOTRACE_EPCIS_SCHEMA_DIR, then
 * `shared/epcis/schema` or `../shared/epcis/schema` above the working directory and above this
 * package (the repository layout keeps it at ../shared/epcis/schema from the checkout).
 */
export function resolveEpcisSchemaDir(explicit?: string): string | undefined {
  const candidates: string[] = [];
  if (explicit) candidates.push(path.resolve(explicit));
  if (process.env[EPCIS_SCHEMA_ENV]) candidates.push(path.resolve(process.env[EPCIS_SCHEMA_ENV] as string));
  for (const start of [process.cwd(), __dirname]) {
    let dir = start;
    for (let i = 0; i < 8; i++) {
      candidates.push(path.join(dir, 'shared', 'epcis', 'schema'), path.join(dir, '..', 'shared', 'epcis', 'schema'));
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return candidates.find((c) => fs.existsSync(path.join(c, MAIN_SCHEMA)));
}

export interface SchemaIssue { path: string; message: string }

export class EpcisSchemaValidator {
  private readonly validator = new Validator();
  private readonly schema: Record<string, unknown>;

  constructor(readonly dir: string) {
    this.schema = JSON.parse(fs.readFileSync(path.join(dir, MAIN_SCHEMA), 'utf8'));
    for (const f of fs.readdirSync(dir)) {
      if (!f.endsWith('.json') || f === MAIN_SCHEMA) continue;
      try {
        const s = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
        if (s.$id) this.validator.addSchema(s, s.$id);
      } catch { /* not a schema */ }
    }
  }

  static load(dir?: string): EpcisSchemaValidator {
    const d = resolveEpcisSchemaDir(dir);
    if (!d) throw new Error(`GS1 EPCIS 2.0 JSON Schema not found: pass --epcis-schema <dir> or set ${EPCIS_SCHEMA_ENV}`);
    return new EpcisSchemaValidator(d);
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
