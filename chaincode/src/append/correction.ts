import { pointer, type FieldError } from '@cargotrace/model';
import { eventKey } from '../indexes/event-records';
import type { WorkingSet } from '../ledger/working-set';
import type { CustodyEvent, EventRecord } from '@cargotrace/model';

/** Who recorded the event a CORRECTION corrects (undefined for other kinds), or NOT_FOUND. */
export type Correction = { correctedBy: string | undefined } | { error: FieldError };

/** Part of authorise: a correction needs its target, recorded earlier in this batch (by the
 * caller, `callerMsp`) or on the ledger. `acceptedIds` are the ids accepted so far. */
export async function resolveCorrection(
  ws: WorkingSet,
  acceptedIds: ReadonlySet<string>,
  callerMsp: string,
  event: CustodyEvent,
  index: number,
): Promise<Correction> {
  if (event.kind !== 'CORRECTION' || event.correctionOf === undefined) return { correctedBy: undefined };
  if (acceptedIds.has(event.correctionOf)) return { correctedBy: callerMsp };
  const corrected = await ws.readJson<EventRecord>(eventKey(ws.stub, event.correctionOf));
  if (corrected) return { correctedBy: corrected.recordedBy.mspId };
  const path = pointer(index, 'correctionOf');
  return { error: { code: 'NOT_FOUND', path, message: `${path}: event ${event.correctionOf} is not recorded on this channel`, index } };
}
