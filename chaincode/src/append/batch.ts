import { ErrorCollector } from '@cargotrace/model';
import type { CustodyEvent } from '@cargotrace/model';
import { parseJsonArgument, validateEventBatch } from '@cargotrace/model';

/** A parsed batch: each position holds its event when schema-valid, else undefined (its errors
 * are in `errors`). Later steps add their errors to the same collector, so one failure lists
 * every bad event in batch order. */
export interface Batch {
  events: ReadonlyArray<CustodyEvent | undefined>;
  errors: ErrorCollector;
}

/** Step 1, parseBatch: JSON and schema. Throws at once when no event is valid (nothing later
 * could add to the answer). */
export function parseBatch(eventsJson: string): Batch {
  const validation = validateEventBatch(parseJsonArgument(eventsJson, 'events'));
  const errors = new ErrorCollector();
  errors.addAll(validation.errors);
  if (validation.events.length === 0) errors.throwIfAny();
  return { events: validation.events, errors };
}
