/** Time handling without clocks: parses RFC 3339 strings into fixed-width UTC keys. */

const RFC3339 = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,9})?(Z|([+-])([0-9]{2}):([0-9]{2}))$/;
export const DAY_MS = 86_400_000;
const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

function daysInMonth(year: number, month: number): number {
  return [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Recent answers of parseDateTime, a pure function: an appended event's time is parsed when it is
 * validated, when goods states are ordered and when its index keys are made. */
const parsed = new Map<string, number | undefined>();
const PARSED_MAX = 8192;

/** Milliseconds since the epoch of an RFC 3339 date-time with offset (fractions below a
 * millisecond are truncated), or undefined when the string is not a valid date-time. */
export function parseDateTime(value: string): number | undefined {
  const known = parsed.get(value);
  if (known !== undefined || parsed.has(value)) return known;
  const t = parse(value);
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(value, t);
  return t;
}

function parse(value: string): number | undefined {
  const m = RFC3339.exec(value);
  if (!m) return undefined;
  const local = localMillis(m);
  const offsetMinutes = offsetOf(m);
  if (local === undefined || offsetMinutes === undefined) return undefined;
  const t = local - offsetMinutes * 60_000;
  if (!Number.isFinite(t)) return undefined;
  // Keep UTC keys fixed-width (years 0000..9999).
  return t >= MIN_KEY_MS && t <= MAX_KEY_MS ? t : undefined;
}

/** The date and time fields of an RFC3339 match as if they were UTC, or undefined when they name
 * no calendar date or clock time. */
function localMillis(m: RegExpExecArray): number | undefined {
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = m[7] ? Number((m[7].slice(1) + '00').slice(0, 3)) : 0;
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC maps years 0..99 to 1900..1999; setUTCFullYear does not.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}

/** The offset of an RFC3339 match in minutes east of UTC, or undefined when out of range. */
function offsetOf(m: RegExpExecArray): number | undefined {
  if (m[8] === 'Z') return 0;
  const oh = Number(m[10]);
  const om = Number(m[11]);
  if (oh > 23 || om > 59) return undefined;
  return (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
}

/** 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: the range of 4-digit-year UTC keys. */
const MIN_KEY_MS = -62_167_219_200_000;
const MAX_KEY_MS = 253_402_300_799_999;

/** Fixed-width UTC ISO string with milliseconds (YYYY-MM-DDTHH:mm:ss.sssZ); sorts as time. */
export function utcKey(ms: number): string {
  return new Date(ms).toISOString();
}

/** UTC day (YYYY-MM-DD) of an epoch time. */
export function utcDay(ms: number): string {
  return utcKey(ms).slice(0, 10);
}

/** Normalises an RFC 3339 date-time with offset to its fixed-width UTC key, or undefined. */
export function toUtcKey(value: string): string | undefined {
  const t = parseDateTime(value);
  return t === undefined ? undefined : utcKey(t);
}

/** Validates a calendar date YYYY-MM-DD. */
export function isValidDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** The UTC days from the day of `fromMs` to the day of `toMs` inclusive. */
export function* daysBetween(fromMs: number, toMs: number): Generator<string> {
  for (let d = Math.floor(fromMs / DAY_MS); d <= Math.floor(toMs / DAY_MS); d++) yield utcDay(d * DAY_MS);
}

export function dayCount(fromMs: number, toMs: number): number {
  const startDay = Math.floor(fromMs / DAY_MS);
  const endDay = Math.floor(toMs / DAY_MS);
  return endDay - startDay + 1;
}
