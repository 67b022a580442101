import { pointer } from '../errors/json-pointer';

/** Member names that reach an object's prototype or constructor when code reads them by name
 * (`obj[name]`). JSON.parse keeps `"__proto__"` as an own member, which a plain object would
 * otherwise carry past a schema and into state; no input of the network uses these names. */
export const PROTOTYPE_MEMBER_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Members deeper than this are not looked at (a deeper value fails elsewhere). */
const MAX_DEPTH = 64;

/** The JSON Pointer (prefixed by `base`) of the first prototype-named member anywhere in
 * `value`, or undefined when there is none.
 *
 * @example
 * ```ts
 * prototypeMemberPath(JSON.parse('[{"goods":[{"__proto__":{}}]}]')); // '/0/goods/0/__proto__'
 * ```
 */
export function prototypeMemberPath(value: unknown, base: Array<string | number> = []): string | undefined {
  return find(value, base, 0);
}

function find(value: unknown, path: Array<string | number>, depth: number): string | undefined {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = find(value[i], [...path, i], depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const name of Object.keys(value)) {
    if (PROTOTYPE_MEMBER_NAMES.has(name)) return pointer(...path, name);
    const found = find((value as Record<string, unknown>)[name], [...path, name], depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
