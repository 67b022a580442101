import { Validator, type ValidationError as SchemaError, type Options, type Schema } from 'jsonschema';
import custodyEventSchema from './schemas/custody-event.schema.json';
import registrySchema from './schemas/registry.schema.json';
import mutualRecognitionSchema from './schemas/mutual-recognition.schema.json';
import { ChaincodeError } from '../errors/chaincode-error';
import type { FieldError } from '../errors/error-codes';
import { pointer } from '../errors/json-pointer';
import { prototypeMemberPath } from '../json/prototype-members';
import { prepareSchema, type PreparedSchema } from './schema-context';
import { isValidDate } from '../time/date-time';

/** The one validator of the JSON Schemas in ./schemas (custody events, registry entries,
 * mutual-recognition records): errors come back as FieldErrors with JSON Pointer paths. */

export { custodyEventSchema, registrySchema, mutualRecognitionSchema };

const validator = new Validator();
validator.addSchema(custodyEventSchema, (custodyEventSchema as { $id: string }).$id);
validator.addSchema(registrySchema, (registrySchema as { $id: string }).$id);
validator.addSchema(mutualRecognitionSchema, (mutualRecognitionSchema as { $id: string }).$id);

/** A sub-schema by reference, e.g. `registry.schema.json#/definitions/districts`. */
function ref(schemaId: string, fragment: string): Schema {
  return { $ref: `${schemaId}#${fragment}` };
}

const SCHEMAS = {
  event: custodyEventSchema as unknown as Schema,
  districts: ref((registrySchema as { $id: string }).$id, '/definitions/districts'),
  organisations: ref((registrySchema as { $id: string }).$id, '/definitions/organisations'),
  aeoCertificate: ref((mutualRecognitionSchema as { $id: string }).$id, '/definitions/aeoCertificate'),
  mrConsignment: ref((mutualRecognitionSchema as { $id: string }).$id, '/definitions/mrConsignment'),
};
export type SchemaName = keyof typeof SCHEMAS;

const OPTIONS: Options = { nestedErrors: false };
/** Each schema scanned once (see schema-context.ts): validate() would otherwise rescan the whole
 * schema and resolve URLs for every call and every property. */
const prepared = new Map<SchemaName, PreparedSchema>();
function preparedSchema(name: SchemaName): PreparedSchema {
  let p = prepared.get(name);
  if (!p) {
    p = prepareSchema(validator, SCHEMAS[name], OPTIONS);
    prepared.set(name, p);
  }
  return p;
}

/** Validates `value` against one of the model's schemas; errors carry JSON Pointers prefixed
 * by `base` (e.g. ['3'] for the 4th event of a batch). */
export function schemaErrors(name: SchemaName, value: unknown, base: Array<string | number> = [], index?: number): FieldError[] {
  // Before the schema: a prototype-named member may slip past `additionalProperties` checks.
  const protoPath = prototypeMemberPath(value, base);
  if (protoPath !== undefined) {
    return [
      {
        code: 'VALIDATION_FAILED',
        path: protoPath,
        message: `${protoPath}: prototype-named members are not accepted`,
        ...(index !== undefined ? { index } : {}),
      },
    ];
  }
  const { schema, context } = preparedSchema(name);
  const result = validator.validate(value, schema, OPTIONS, context);
  return result.errors.map((e) => toFieldError(e, base, index));
}

function toFieldError(e: SchemaError, base: Array<string | number>, index?: number): FieldError {
  const segments: Array<string | number> = [...base, ...e.path];
  // For a missing or unknown member, point at the member itself.
  if ((e.name === 'required' || e.name === 'additionalProperties') && typeof e.argument === 'string') segments.push(e.argument);
  const path = pointer(...segments);
  let message: string;
  if (e.name === 'required') message = `${path}: is required`;
  else if (e.name === 'additionalProperties') message = `${path}: unknown member (not allowed here)`;
  else if (e.name === 'enum') message = `${path}: must be one of ${(e.argument as unknown[]).join(', ')}`;
  else message = `${path || '(argument)'}: ${e.message}`;
  const err: FieldError = { code: 'VALIDATION_FAILED', path, message };
  if (index !== undefined) err.index = index;
  return err;
}

/** Parses a JSON transaction argument; BAD_ARGUMENT when it is not JSON. */
export function parseJsonArgument(json: string, what = 'argument'): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch (e) {
    throw new ChaincodeError('BAD_ARGUMENT', `${what} is not valid JSON: ${(e as Error).message}`, '');
  }
}

/** Calendar validity of YYYY-MM-DD members (schemas only check the shape). */
export function dateErrors(value: Record<string, unknown>, members: string[]): FieldError[] {
  return members
    .filter((m) => typeof value[m] === 'string' && !isValidDate(value[m]))
    .map((m) => ({ code: 'VALIDATION_FAILED' as const, path: pointer(m), message: `${pointer(m)}: not a valid date` }));
}
