import { createHash } from 'crypto';
import type { CustodyEvent, CustodyEventInput } from './model';

/** JSON with object keys sorted recursively (undefined members dropped), for stable hashing. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Stable content id for an event without one: `ct-` + sha-256 of the canonical JSON (id excluded). */
export function contentId(event: CustodyEventInput): string {
  const { id: _ignored, ...rest } = event;
  return `ct-${sha256Hex(canonicalJson(rest))}`;
}

/** Returns the event with its id set (given id kept, otherwise the content id). */
export function withId(event: CustodyEventInput): CustodyEvent {
  if (event.id) return event as CustodyEvent;
  return { ...event, id: contentId(event) } as CustodyEvent;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
