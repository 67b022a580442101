import { createHash } from 'crypto';
import { canonicalJson, type CustodyEvent, type CustodyEventInput } from '@cargotrace/model';

/**
 * SHA-256 of a string (UTF-8) or bytes, as lower-case hex.
 *
 * @example
 * sha256Hex('abc'); // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Stable content id for an event without one: `ct-` + sha-256 of the canonical JSON (id excluded),
 * so sending the same event twice is answered `duplicate`.
 *
 * @example
 * contentId({ kind: 'STORED', goods: [{ type: 'container', id: 'COSU6331218' }], eventTime: '2026-11-20T14:05:00+08:00', district: '2305' }); // 'ct-…'
 */
export function contentId(event: CustodyEventInput): string {
  const { id: _ignored, ...rest } = event;
  return `ct-${sha256Hex(canonicalJson(rest))}`;
}

/**
 * Returns the event with its id set (given id kept, otherwise the content id).
 *
 * @example
 * await outbox.enqueue(inputs.map((e) => ({ event: withId(e) })));
 */
export function withId(event: CustodyEventInput): CustodyEvent {
  if (event.id) return event as CustodyEvent;
  return { ...event, id: contentId(event) };
}

/**
 * Equality of JSON values by canonical JSON (member order does not matter).
 *
 * @example
 * deepEqual({ a: 1, b: [2] }, { b: [2], a: 1 }); // true
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
