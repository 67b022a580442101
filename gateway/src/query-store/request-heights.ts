import { AsyncLocalStorage } from 'node:async_hooks';
import { BadInputError } from '../services/gateway-error';

/** The read-your-writes header: on a write's answer, the heights its transactions reached; on a
 * read, the heights the gateway's query store must have applied before it answers. */
export const HEIGHTS_HEADER = 'X-CargoTrace-Heights';

/** One request's heights: those the client asked reads to wait for, those its writes reached. */
export interface RequestHeights {
  wanted: Map<string, number>;
  reached: Map<string, number>;
}

const current = new AsyncLocalStorage<RequestHeights>();

/** Runs `fn` (the rest of a request) with its heights. */
export function withRequestHeights<T>(heights: RequestHeights, fn: () => T): T {
  return current.run(heights, fn);
}

/** The height the current request wants `channel` to be read at (0 when it names none). */
export function wantedHeight(channel: string): number {
  return current.getStore()?.wanted.get(channel) ?? 0;
}

/** Notes that the current request's write reached `height` on `channel`. */
export function noteReached(channel: string, height: number): void {
  const reached = current.getStore()?.reached;
  if (reached && height > (reached.get(channel) ?? 0)) reached.set(channel, height);
}

/** The heights the current request's writes reached, as a JSON object. */
export function reachedHeights(): Record<string, number> {
  return Object.fromEntries(current.getStore()?.reached ?? []);
}

/** `shanghai=12,suzhou=5`: channel names and heights (blocks), in name order. */
export function formatHeights(heights: ReadonlyMap<string, number>): string {
  return [...heights]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([c, h]) => `${c}=${h}`)
    .join(',');
}

const MAX_HEIGHT = 2 ** 48;

/** The header's value, checked: each pair names a known channel and a non-negative integer. */
export function parseHeights(value: string | undefined, channels: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  if (value === undefined || value.trim() === '') return out;
  const bad = (why: string) =>
    new BadInputError(`${HEIGHTS_HEADER}: ${why} (expected channel=height,... e.g. district-2200=12)`, {
      code: 'BAD_HEIGHTS',
      argument: HEIGHTS_HEADER,
    });
  const pairs = value.split(',');
  if (pairs.length > channels.length) throw bad('more pairs than channels');
  for (const pair of pairs) {
    const m = /^\s*([A-Za-z0-9_.-]{1,64})\s*=\s*([0-9]{1,15})\s*$/.exec(pair);
    if (!m) throw bad(`malformed pair '${pair.slice(0, 80)}'`);
    const [, channel, height] = m;
    if (!channels.includes(channel)) throw bad(`unknown channel '${channel}'`);
    const n = Number(height);
    if (n > MAX_HEIGHT) throw bad(`height ${height} out of range`);
    out.set(channel, Math.max(n, out.get(channel) ?? 0));
  }
  return out;
}
