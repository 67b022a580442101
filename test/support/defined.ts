/** `value`, which the test needs to be there; fails the test, naming `what`, when it is not. */
export function defined<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined) throw new Error(`expected ${what} to be defined, got ${String(value)}`);
  return value;
}
