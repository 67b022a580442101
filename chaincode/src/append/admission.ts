import { canonicalJson } from '@cargotrace/model';
import type { ErrorCollector, FieldError } from '@cargotrace/model';
import type { WorkingSet } from '../ledger/working-set';
import { parseDateTime, utcKey } from '@cargotrace/model';
import type { AppendResult, CustodyEvent } from '@cargotrace/model';
import { applyEvent } from '../rules/goods-state';
import { authorise, type AuthorisationScope, type GoodsStates } from './authorise';
import type { Batch } from './batch';
import { checkIdempotency } from './idempotency';
import type { Writer } from './writer';

/** An event to record. */
export interface Accepted {
  event: CustodyEvent;
  /** canonicalJson(event), computed once for the idempotency check. */
  canonical: string;
  /** Event time as fixed-width ISO UTC: the time attribute of the index entries. */
  utc: string;
}

/** The outcome of admission: what to record, the per-position results, the goods states after. */
export interface Admission {
  accepted: Accepted[];
  results: AppendResult['results'];
  states: GoodsStates;
}

interface Run extends AuthorisationScope {
  errors: ErrorCollector;
  seen: Map<string, string>;
  acceptedIds: Set<string>;
  admission: Admission;
}

function reject(run: Run, error: FieldError, index: number): void {
  run.errors.add(error.code, error.path, error.message, index);
}

/** Step 6, apply: derives the goods states after `event` and marks it accepted. */
function accept(run: Run, event: CustodyEvent, canonical: string, index: number): void {
  applyEvent(run.states, event, run.writer.recorder);
  const eventMs = parseDateTime(event.eventTime);
  // Only validated events reach admission; an unparsable time here is a bug upstream.
  if (eventMs === undefined) throw new Error(`event ${event.id} reached admission with an invalid eventTime`);
  run.admission.accepted.push({ event, canonical, utc: utcKey(eventMs) });
  run.acceptedIds.add(event.id);
  run.admission.results[index] = { id: event.id, status: 'accepted' };
}

async function admitEvent(run: Run, event: CustodyEvent, index: number): Promise<void> {
  const canonical = canonicalJson(event);
  const idempotency = await checkIdempotency(run.ws, run.seen, event, canonical, index);
  if (idempotency.kind === 'duplicate') run.admission.results[index] = { id: event.id, status: 'duplicate' };
  if (idempotency.kind === 'conflict') reject(run, idempotency.error, index);
  if (idempotency.kind !== 'new') return;
  const denied = await authorise(run, event, index);
  if (denied) reject(run, denied, index);
  else accept(run, event, canonical, index);
}

/** Steps 4 to 6 for each valid event in batch order (dropDuplicates → authorise → apply): each
 * sees the goods states and ids that the events before it left. Errors go to `batch.errors`. */
export async function admitEvents(ws: WorkingSet, writer: Writer, batch: Batch): Promise<Admission> {
  const admission: Admission = { accepted: [], results: [], states: new Map() };
  const run: Run = { ws, writer, states: admission.states, errors: batch.errors, seen: new Map(), acceptedIds: new Set(), admission };
  for (let i = 0; i < batch.events.length; i++) {
    const event = batch.events[i];
    if (event) await admitEvent(run, event, i);
  }
  return admission;
}
