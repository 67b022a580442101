import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { prototypeMemberPath } from '@cargotrace/model';

/** RFC 3339 date-time. Output keeps the offset the event was recorded with. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'RFC 3339 date-time, e.g. 2026-11-20T08:00:00+08:00',
  serialize(value) {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return value;
    throw new GraphQLError('DateTime cannot represent this value');
  },
  parseValue(value) {
    return parseDateTime(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseDateTime(ast.value);
  },
});

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

function parseDateTime(value: unknown): string {
  if (typeof value !== 'string' || !RFC3339.test(value) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError('DateTime must be an RFC 3339 date-time with an offset', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
}

function literal(ast: ValueNode, variables?: Record<string, unknown> | null): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map((v) => literal(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literal(f.value, variables)]));
    case Kind.VARIABLE:
      return variables ? variables[ast.name.value] : undefined;
    default:
      return undefined;
  }
}

/** A JSON argument as given, unless it carries a prototype-named member (PROTOTYPE_MEMBER with
 * the member's JSON Pointer): such input is refused before any resolver sees it. */
function jsonInput(value: unknown): unknown {
  const path = prototypeMemberPath(value);
  if (path !== undefined)
    throw new GraphQLError(`${path}: prototype-named members are not accepted`, { extensions: { code: 'PROTOTYPE_MEMBER', path } });
  return value;
}

export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value',
  serialize: (v) => v,
  parseValue: jsonInput,
  parseLiteral: (ast, variables) => jsonInput(literal(ast, variables)),
});
