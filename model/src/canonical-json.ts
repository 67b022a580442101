/** Canonical JSON: object keys sorted by UTF-16 code unit order (as Array.prototype.sort does and as
 * json-stringify-deterministic does by default), no whitespace. Every endorser and every client
 * serialises the same value to the same bytes, so it is used both for ledger state and for
 * content ids.
 *
 * Where JSON.stringify is lenient, this is strict and deterministic:
 * - a non-finite number (NaN, ±Infinity) throws a TypeError instead of being written as `null`
 *   (a value that changes on a round trip must not be hashed or stored);
 * - a bigint throws a TypeError (as JSON.stringify does);
 * - an object's `toJSON()` is honoured (a Date becomes its ISO string), as JSON.stringify does;
 * - `undefined`, functions and symbols are dropped as members and written as `null` in arrays;
 *   as the whole value they throw a TypeError (there is no JSON text for them).
 *
 * @example
 * canonicalJson({ b: 1, a: [true, null] }); // '{"a":[true,null],"b":1}'
 * canonicalJson({ n: NaN });                // throws TypeError
 */
export function canonicalJson(value: unknown): string {
  const out = serialise(value);
  if (out === undefined) throw new TypeError('canonicalJson: value is not serialisable');
  return out;
}

function serialise(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value !== 'object') return serialiseScalar(value);
  const obj = value as { toJSON?: () => unknown };
  if (typeof obj.toJSON === 'function') return serialise(obj.toJSON());
  return Array.isArray(value) ? serialiseArray(value as unknown[]) : serialiseRecord(value as Record<string, unknown>);
}

/** Anything but an object or null: undefined for what JSON has no text for. */
function serialiseScalar(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value))
        throw new TypeError(`canonicalJson: ${value} is not a JSON number (non-finite numbers are rejected, not written as null)`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('canonicalJson: bigint is not JSON');
    default:
      // undefined, functions and symbols
      return undefined;
  }
}

// String concatenation rather than arrays and join: this runs for every value written to state.

function serialiseArray(value: unknown[]): string {
  let out = '[';
  for (let i = 0; i < value.length; i++) {
    if (i > 0) out += ',';
    const s = serialise(value[i]);
    out += s === undefined ? 'null' : s;
  }
  return out + ']';
}

function serialiseRecord(record: Record<string, unknown>): string {
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const s = serialise(record[key]);
    if (s === undefined) continue;
    out += (first ? '' : ',') + quoteKey(key) + ':' + s;
    first = false;
  }
  return out + '}';
}

/** JSON.stringify of a member name, memoised (member names come from a small vocabulary). */
const quotedKeys = new Map<string, string>();
function quoteKey(key: string): string {
  let q = quotedKeys.get(key);
  if (q === undefined) {
    q = JSON.stringify(key);
    if (quotedKeys.size < 4096) quotedKeys.set(key, q);
  }
  return q;
}

/** canonicalJson of the object with the members of `members` and of `canonicalMembers`, where the
 * latter are given as canonical JSON text already (e.g. an event serialised once for its
 * idempotency check and then embedded in its stored record). Same output as serialising the whole. */
export function canonicalJsonWith(members: Record<string, unknown>, canonicalMembers: Record<string, string>): string {
  const keys = [...new Set([...Object.keys(members), ...Object.keys(canonicalMembers)])].sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const s = Object.prototype.hasOwnProperty.call(canonicalMembers, key) ? canonicalMembers[key] : serialise(members[key]);
    if (s === undefined) continue;
    out += (first ? '' : ',') + quoteKey(key) + ':' + s;
    first = false;
  }
  return out + '}';
}

/** Canonical JSON as UTF-8 bytes, for putState. */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}
