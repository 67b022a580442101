/** ISO 6346 freight container identification: owner code (3 letters), equipment category
 * (U, J or Z), 6-digit serial number and a check digit. */

const CONTAINER_RE = /^([A-Z]{3})([UJZ])([0-9]{6})([0-9])$/;

/** Numeric value of a letter: A=10, then counting up but skipping multiples of 11 (11, 22, 33). */
function letterValue(ch: string): number {
  let v = 10;
  for (let c = 'A'.charCodeAt(0); c < ch.charCodeAt(0); c++) {
    v++;
    if (v % 11 === 0) v++;
  }
  return v;
}

/** Check digit for the first 10 characters (owner code, category, serial). */
export function iso6346CheckDigit(first10: string): number {
  if (!/^[A-Z]{4}[0-9]{6}$/.test(first10)) throw new Error(`not an ISO 6346 prefix: ${first10}`);
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const ch = first10[i];
    const value = ch >= 'A' && ch <= 'Z' ? letterValue(ch) : ch.charCodeAt(0) - 48;
    sum += value * 2 ** i;
  }
  return (sum % 11) % 10;
}

export type ContainerCheck = { ok: true } | { ok: false; reason: string };

/** Checks format and check digit of a container number such as CSQU3054383. */
export function checkContainerNumber(id: string): ContainerCheck {
  const m = CONTAINER_RE.exec(id);
  if (!m) {
    return { ok: false, reason: 'expected ISO 6346: 3-letter owner code, category U/J/Z, 6 digits and a check digit (e.g. CSQU3054383)' };
  }
  const expected = iso6346CheckDigit(id.slice(0, 10));
  if (expected !== Number(m[4])) return { ok: false, reason: `check digit is ${m[4]}, ISO 6346 gives ${expected}` };
  return { ok: true };
}

export function isValidContainerNumber(id: string): boolean {
  return checkContainerNumber(id).ok;
}
