import * as jsonschema from 'jsonschema';
import type { Options, Schema, SchemaContext, Validator } from 'jsonschema';

/** Prepared validation contexts for jsonschema.
 *
 * `Validator.validate(instance, schema, options)` without a context re-scans the whole schema
 * (every sub-schema, resolving a URL for each) on every call, and every child context then
 * resolves its base URL again (`new URL` twice per property and array item). For a fixed schema
 * the answers never change, so this module does the root scan once per schema and hands
 * jsonschema a context (its public `validate(instance, schema, options, ctx)` parameter) whose
 * children memoise the same URL resolution. Results and errors are exactly jsonschema's: the same
 * keyword validators run on the same sub-schemas with the same paths.
 *
 * On top of that, `$ref`s in schema positions whose error messages do not mention the reference
 * (properties, items, additionalProperties, …) are replaced by the sub-schema they point to,
 * once, so that validation does not fall back to jsonschema's own (uncached) context for them. */

type SchemaMap = { [uri: string]: Schema };

/** The schema known at `uri`, if any (the map's type, jsonschema's, does not say that it may not be). */
function schemaAt(schemas: SchemaMap, uri: string): Schema | undefined {
  return schemas[uri];
}

/** jsonschema's own schema scanner (exported by its index.js, missing from its typings): what
 * validate() runs on every call to index the ids of the schema it is given. */
const scan = (jsonschema as unknown as { scan: (base: string, schema: Schema) => { id: SchemaMap } }).scan;

/** jsonschema's helpers.resolveUrl, memoised (a few distinct (base, id) pairs per schema). */
const resolvedUrls = new Map<string, string>();
export function resolveUrl(from: string | undefined, to: string): string {
  const key = (from === undefined ? '\u0001' : from) + '\u0000' + to;
  let out = resolvedUrls.get(key);
  if (out === undefined) {
    const url = new URL(to, new URL(from as string, 'resolve://'));
    out = url.protocol === 'resolve:' ? url.pathname + url.search + url.hash : url.toString();
    if (resolvedUrls.size < 10_000) resolvedUrls.set(key, out);
  }
  return out;
}

/** jsonschema's helpers.makeSuffix (the `instance.a[0]` property path), memoised by key. */
const suffixes = new Map<string, string>();
function makeSuffix(key: string | number): string {
  const k = String(key);
  let out = suffixes.get(k);
  if (out === undefined) {
    if (!/[.\s[\]]/.test(k) && !/^[\d]/.test(k)) out = '.' + k;
    else if (/^\d+$/.test(k)) out = '[' + k + ']';
    else out = '[' + JSON.stringify(k) + ']';
    if (suffixes.size < 10_000) suffixes.set(k, out);
  }
  return out;
}

/** `schema` is whatever a schema holds in a schema position: usually an object, possibly a boolean
 * (or, in a broken schema, anything else). */
function idOf(schema: unknown): string | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const s = schema as Schema;
  return s.$id || s.id;
}

/** A schema object (not a boolean schema, null or an array). */
function isSchemaObject(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Same fields and behaviour as jsonschema's SchemaContext, with memoised URL work. */
class PreparedContext implements SchemaContext {
  constructor(
    readonly schema: Schema,
    readonly options: Options,
    readonly path: Array<string | number>,
    readonly propertyPath: string,
    readonly base: string,
    readonly schemas: SchemaMap,
    /** base is already what resolveUrl(base, '') makes of it (that function is idempotent). */
    private readonly baseIsNormal = false,
  ) {}

  resolve(target: string): string {
    return resolveUrl(this.base, target);
  }

  makeChild(schema: Schema, propertyName?: string | number): PreparedContext {
    const path = propertyName === undefined ? this.path : this.path.concat([propertyName]);
    const propertyPath = propertyName === undefined ? this.propertyPath : this.propertyPath + makeSuffix(propertyName);
    const id = idOf(schema);
    const base = id ? resolveUrl(this.base, id) : this.baseIsNormal ? this.base : resolveUrl(this.base, '');
    // jsonschema gives every child its own Object.create(parent.schemas) but writes to it only
    // when the child schema has an id; sharing the parent's map otherwise is equivalent.
    let schemas = this.schemas;
    if (id && !schemaAt(schemas, base)) {
      schemas = Object.create(this.schemas) as SchemaMap;
      schemas[base] = schema;
    }
    return new PreparedContext(schema, this.options, path, propertyPath, base, schemas, !id);
  }
}

/** Schema keywords whose sub-schemas may be inlined in place of a `$ref` (jsonschema's messages
 * for these keywords never name the sub-schema; allOf/anyOf/oneOf/not do, so they keep theirs). */
const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties'] as const;
const SCHEMA_KEYWORDS = ['additionalProperties', 'additionalItems', 'contains', 'propertyNames', 'if', 'then', 'else'] as const;

/** True when no object in `value` carries a string `$ref`, `$id` or `id`: a sub-schema whose
 * validation cannot depend on the base URI of its context (conservative: data inside `enum` or
 * `const` that looks like a reference also counts). */
function baseIndependent(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) return value.every(baseIndependent);
  const o = value as Record<string, unknown>;
  if (typeof o.$ref === 'string' || typeof o.$id === 'string' || typeof o.id === 'string') return false;
  return Object.values(o).every(baseIndependent);
}

/** A copy of `schema` where each `$ref` in the positions above is replaced by its target (as
 * jsonschema resolves it: relative to the enclosing base, siblings of `$ref` ignored) when the
 * inlined target is base-independent, so that validating it needs no URL resolution at all.
 * Any other reference stays as it is and jsonschema resolves it as usual. */
function inlineRefs(schema: Schema, base: string, schemas: SchemaMap, active: Set<Schema> = new Set()): Schema {
  // Callers outside this module can hand over anything jsonschema accepts as a schema.
  if (!isSchemaObject(schema)) return schema;
  const ref = (schema as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') return inlineRef(schema, resolveUrl(base, ref), schemas, active);
  const id = idOf(schema);
  const ownBase = id ? resolveUrl(base, id) : base;
  return inlineMembers(schema, (s) => (isSchemaObject(s) ? inlineRefs(s, ownBase, schemas, active) : s));
}

/** `schema`, a `$ref` to `uri`, replaced by its inlined target when that is base-independent;
 * `active` holds the targets being inlined, so that a cycle stays a reference. */
function inlineRef(schema: Schema, uri: string, schemas: SchemaMap, active: Set<Schema>): Schema {
  const target = schemaAt(schemas, uri);
  if (!target || typeof target !== 'object' || active.has(target)) return schema;
  active.add(target);
  try {
    const inlined = inlineRefs(target, uri, schemas, active);
    return baseIndependent(inlined) ? inlined : schema;
  } finally {
    active.delete(target);
  }
}

/** A copy of `schema` with `sub` applied to the sub-schemas in the positions that may be inlined. */
function inlineMembers(schema: Schema, sub: (s: unknown) => unknown): Schema {
  const out: Record<string, unknown> = { ...schema };
  for (const k of SCHEMA_MAP_KEYWORDS) {
    const map = schema[k] as Record<string, unknown> | undefined;
    if (map && typeof map === 'object') out[k] = Object.fromEntries(Object.entries(map).map(([p, s]) => [p, sub(s)]));
  }
  for (const k of SCHEMA_KEYWORDS) if (k in schema) out[k] = sub((schema as Record<string, unknown>)[k]);
  if ('items' in schema) out.items = Array.isArray(schema.items) ? schema.items.map(sub) : sub(schema.items);
  if (schema.dependencies && typeof schema.dependencies === 'object') {
    out.dependencies = Object.fromEntries(Object.entries(schema.dependencies).map(([p, s]) => [p, sub(s)]));
  }
  return out;
}

export interface PreparedSchema {
  schema: Schema;
  context: SchemaContext;
}

/** The root context jsonschema's validate() would build for `schema` (its ids scanned into a
 * child of the validator's schema map), and `schema` with its $refs inlined where safe.
 * Prepare after every `addSchema` the schema refers to. */
export function prepareSchema(validator: Validator, schema: Schema, options: Options): PreparedSchema {
  const id = idOf(schema);
  const base = resolveUrl(options.base, id || '');
  const schemas = Object.create(validator.schemas) as SchemaMap;
  if (!schemaAt(schemas, base)) schemas[base] = schema;
  const found = scan(base, schema);
  for (const n in found.id) schemas[n] = found.id[n];
  const inlined = inlineRefs(schema, base, schemas);
  return { schema: inlined, context: new PreparedContext(inlined, options, [], 'instance', base, schemas, resolveUrl(base, '') === base) };
}
