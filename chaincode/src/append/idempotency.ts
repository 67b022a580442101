import { canonicalJson } from '@cargotrace/model';
import { pointer, type FieldError } from '@cargotrace/model';
import { eventKey } from '../indexes/event-records';
import type { WorkingSet } from '../ledger/working-set';
import type { CustodyEvent, EventRecord } from '@cargotrace/model';

/** What an event id is worth: a new event, a repeat of one already here, or a conflict. */
export type Idempotency = { kind: 'new' } | { kind: 'duplicate' } | { kind: 'conflict'; error: FieldError };

function conflict(index: number, message: string): Idempotency {
  const path = pointer(index, 'id');
  return { kind: 'conflict', error: { code: 'CONFLICT', path, message: `${path}: ${message}`, index } };
}

/** Step 4, dropDuplicates: an event whose id is taken is a duplicate when its content is the
 * same (canonical JSON) and a conflict otherwise, within the batch first, then on the ledger.
 * `seen` maps the ids met so far in this batch to their canonical JSON (updated here). */
export async function checkIdempotency(
  ws: WorkingSet,
  seen: Map<string, string>,
  event: CustodyEvent,
  canonical: string,
  index: number,
): Promise<Idempotency> {
  const earlier = seen.get(event.id);
  if (earlier !== undefined) {
    return earlier === canonical
      ? { kind: 'duplicate' }
      : conflict(index, `event ${event.id} appears earlier in this batch with other content`);
  }
  seen.set(event.id, canonical);
  const stored = await ws.readJson<EventRecord>(eventKey(ws.stub, event.id));
  if (!stored) return { kind: 'new' };
  return canonicalJson(stored.event) === canonical
    ? { kind: 'duplicate' }
    : conflict(index, `event ${event.id} is already recorded with other content (tx ${stored.txId})`);
}
