import { createHash } from 'crypto';
import { canonicalJson, type CustodyEvent, type CustodyEventInput } from '@cargotrace/model';

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
