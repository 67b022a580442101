/** Local date-times (as WMS exports write them) → RFC 3339 with offset, for a fixed offset or an IANA zone. */

import { formatOffset, parseOffset } from '@cargotrace/model';

// The fixed-offset helpers live in the model (the EPCIS mapping uses them too); re-exported because
// they have always been part of this module's API.
export { formatOffset, instantInOffset, parseOffset } from '@cargotrace/model';

const LOCAL = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?$/;
const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;
const pad2 = (n: number) => String(n).padStart(2, '0');

const dtfCache = new Map<string, Intl.DateTimeFormat>();
function zoneOffsetAt(timeZone: string, utcMs: number): number {
  let dtf = dtfCache.get(timeZone);
  if (!dtf) {
    dtf = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    dtfCache.set(timeZone, dtf);
  }
  const p: Record<string, number> = {};
  for (const part of dtf.formatToParts(new Date(utcMs))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
}

/**
 * Whether `tz` is a fixed offset or an IANA zone this runtime knows.
 *
 * @example
 * isValidTimeZone('Asia/Shanghai'); // true
 * isValidTimeZone('+08:00');        // true
 * isValidTimeZone('Mars/Olympus');  // false
 */
export function isValidTimeZone(tz: string): boolean {
  if (parseOffset(tz) !== undefined) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * Offset (minutes) of `timeZone` (fixed "+08:00" or IANA "Asia/Shanghai") for a local wall-clock
 * time, given as if it were UTC milliseconds.
 *
 * @example
 * offsetForLocal('Asia/Shanghai', Date.UTC(2026, 10, 20, 14, 0)); // 480
 * offsetForLocal('Europe/Berlin', Date.UTC(2026, 6, 1, 12, 0));   // 120 (summer time)
 */
export function offsetForLocal(timeZone: string, localAsUtcMs: number): number {
  const fixed = parseOffset(timeZone);
  if (fixed !== undefined) return fixed;
  let off = zoneOffsetAt(timeZone, localAsUtcMs);
  off = zoneOffsetAt(timeZone, localAsUtcMs - off * 60000);
  return off;
}

/**
 * Converts a date-time cell to RFC 3339 with offset. Values that already carry an offset are
 * normalised (offset kept); local values get the offset of `timeZone`. Returns undefined when the
 * value is not a recognisable date-time.
 *
 * @example
 * toRfc3339('2026-11-20 14:00', 'Asia/Shanghai'); // '2026-11-20T14:00:00+08:00'
 * toRfc3339('2026-11-20T06:00Z');                 // '2026-11-20T06:00:00Z'
 * toRfc3339('2026-02-30 10:00', '+08:00');        // undefined (no such date)
 */
export function toRfc3339(value: string, timeZone?: string): string | undefined {
  const v = value.trim();
  if (HAS_OFFSET.test(v)) return normaliseWithOffset(v);
  const m = LOCAL.exec(v);
  if (!m || !timeZone) return undefined;
  return localToRfc3339(m.slice(1), timeZone);
}

/** A value that carries its own offset, in RFC 3339 form (seconds added, offset kept). */
function normaliseWithOffset(v: string): string | undefined {
  const iso = v.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(iso) || Number.isNaN(Date.parse(iso))) return undefined;
  return iso.replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(Z|[+-])/i, '$1:00$2').replace(/z$/, 'Z');
}

/** A local wall-clock time (the LOCAL pattern's groups) with the offset `timeZone` has then. */
function localToRfc3339(parts: string[], timeZone: string): string | undefined {
  const [y, mo, d, h = '0', mi = '0', s = '0', frac] = parts;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (!isWallClockTime(ms, Number(mo), Number(d), Number(h), Number(mi), Number(s))) return undefined;
  const off = offsetForLocal(timeZone, ms);
  return `${y}-${pad2(Number(mo))}-${pad2(Number(d))}T${pad2(Number(h))}:${mi.padStart(2, '0')}:${s.padStart(2, '0')}${frac ? `.${frac}` : ''}${formatOffset(off)}`;
}

/** Whether the fields name a real time: Date.UTC rolls 30 February over to March, 25:00 to the next day. */
function isWallClockTime(ms: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  const check = new Date(ms);
  return check.getUTCMonth() === month - 1 && check.getUTCDate() === day && hour <= 23 && minute <= 59 && second <= 59;
}
