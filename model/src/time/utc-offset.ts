/** UTC offsets as RFC 3339 and EPCIS write them ("+08:00", "-06:00", "Z"), in minutes east of UTC. */

const FIXED = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * An offset in minutes as `±hh:mm`.
 *
 * @example
 * formatOffset(-360); // '-06:00'
 * formatOffset(0);    // '+00:00'
 */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `${sign}${pad2(Math.floor(a / 60))}:${pad2(a % 60)}`;
}

/**
 * A fixed offset → minutes east of UTC; undefined when `s` is not one (an IANA zone name, for
 * instance).
 *
 * @example
 * parseOffset('+08:00');        // 480
 * parseOffset('UTC-5');         // -300
 * parseOffset('Z');             // 0
 * parseOffset('Asia/Shanghai'); // undefined
 */
export function parseOffset(s: string): number | undefined {
  if (/^(Z|UTC|GMT)$/i.test(s)) return 0;
  const m = FIXED.exec(s.trim());
  if (!m) return undefined;
  // The minutes group is optional: undefined for 'UTC-5'.
  const minutes = m.at(3);
  const v = Number(m[2]) * 60 + Number(minutes ?? 0);
  return m[1] === '-' ? -v : v;
}

/**
 * Renders an instant in a given offset (minutes), keeping the fraction digits it was written with.
 *
 * @example
 * instantInOffset('2005-04-05T02:33:31.116Z', -360); // '2005-04-04T20:33:31.116-06:00'
 */
export function instantInOffset(iso: string, offsetMinutes: number): string {
  const ms = Date.parse(iso);
  const fracMatch = /\.(\d+)/.exec(iso.replace(/(Z|[+-]\d{2}:\d{2})$/i, ''));
  const local = new Date(ms + offsetMinutes * 60000).toISOString();
  let base = local.slice(0, 19);
  if (fracMatch) {
    const digits = fracMatch[1];
    base += '.' + (digits.length <= 3 ? local.slice(20, 20 + digits.length) : local.slice(20, 23) + digits.slice(3));
  }
  return base + formatOffset(offsetMinutes);
}
