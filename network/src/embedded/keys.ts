/** Key rules of fabric-shim's stub (messages copied from fabric-shim/lib/stub.js) plus the
 * stricter checks of Fabric's Go shim and state database, so that whatever passes here passes on
 * a real peer. */

export const COMPOSITEKEY_NS = '\x00';
export const MIN_UNICODE_RUNE_VALUE = '\u0000';
export const MAX_UNICODE_RUNE_VALUE = '\u{10ffff}';
/** fabric-shim replaces an empty range start key with this, which keeps composite keys out of
 * simple-key range scans. */
export const EMPTY_KEY_SUBSTITUTE = '\x01';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A JS string is valid UTF-8 once encoded exactly when it has no unpaired surrogate. */
export function isValidUtf8(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

/** fabric-shim: range keys must not enter the composite key namespace. */
export function validateSimpleKeys(...keys: Array<string | undefined>): void {
  for (const key of keys) {
    if (key && typeof key === 'string' && key.charAt(0) === COMPOSITEKEY_NS) {
      throw new Error(`first character of the key [${key}] contains a null character which is not allowed`);
    }
  }
}

/** fabric-shim's message, plus the Go shim's refusal of U+0000 / U+10FFFF inside an attribute
 * (they would make the key ambiguous or escape its prefix range). */
export function validateCompositeKeyAttribute(attr: unknown): asserts attr is string {
  if (!attr || typeof attr !== 'string' || attr.length === 0) {
    throw new Error('object type or attribute not a non-zero length string');
  }
  if (!isValidUtf8(attr)) throw new Error(`input attribute [${attr}] is not a valid UTF-8 string`);
  const bad = attr.includes(MIN_UNICODE_RUNE_VALUE) ? 'U+0000' : attr.includes(MAX_UNICODE_RUNE_VALUE) ? 'U+10FFFF' : undefined;
  if (bad) {
    throw new Error(`input contains unicode ${bad} which is not allowed in the input attribute of a composite key`);
  }
}

export function createCompositeKey(objectType: string, attributes: string[]): string {
  validateCompositeKeyAttribute(objectType);
  if (!Array.isArray(attributes)) throw new Error('attributes must be an array');
  let key = COMPOSITEKEY_NS + objectType + MIN_UNICODE_RUNE_VALUE;
  for (const attribute of attributes) {
    validateCompositeKeyAttribute(attribute);
    key += attribute + MIN_UNICODE_RUNE_VALUE;
  }
  return key;
}

/** Same result shape as fabric-shim (objectType null for a non-composite key). */
export function splitCompositeKey(compositeKey: string): { objectType: string; attributes: string[] } {
  const result: { objectType: string | null; attributes: string[] } = { objectType: null, attributes: [] };
  if (compositeKey && compositeKey.length > 1 && compositeKey.charAt(0) === COMPOSITEKEY_NS) {
    const split = compositeKey.substring(1).split(MIN_UNICODE_RUNE_VALUE);
    result.objectType = split[0];
    split.pop();
    if (split.length > 1) {
      split.shift();
      result.attributes = split;
    }
  }
  // fabric-shim-api types objectType as string although fabric-shim returns null; keep the null.
  return result as { objectType: string; attributes: string[] };
}

/** True when `key` has exactly the shape createCompositeKey produces. */
export function isWellFormedCompositeKey(key: string): boolean {
  if (key.length < 3 || key[0] !== COMPOSITEKEY_NS || !key.endsWith(MIN_UNICODE_RUNE_VALUE)) return false;
  const parts = key.slice(1, -1).split(MIN_UNICODE_RUNE_VALUE);
  return parts.every((p) => p.length > 0 && !p.includes(MAX_UNICODE_RUNE_VALUE));
}

/** Keys written by putState/deleteState: non-empty valid UTF-8; the \x00 namespace is reserved for
 * keys built by createCompositeKey. */
export function validateWriteKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || key.length === 0) throw new Error('key must not be an empty string');
  if (!isValidUtf8(key)) throw new Error(`invalid key [${key}], must be a UTF-8 string`);
  if (key[0] === COMPOSITEKEY_NS && !isWellFormedCompositeKey(key)) {
    throw new Error(`first character of the key [${key}] contains a null character which is not allowed`);
  }
}

/** Keys read by getState/getHistoryForKey. */
export function validateReadKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || key.length === 0) throw new Error('key must not be an empty string');
  if (!isValidUtf8(key)) throw new Error(`invalid key [${key}], must be a UTF-8 string`);
}
