import { validateEvent } from '@cargotrace/model';

/** A reason an import line or event cannot be sent: a JSON Pointer into the event (or a CSV
 * column name) and a message relative to it. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** The ledger's own checks of one event (@cargotrace/model's JSON Schema and semantic rules, the
 * same the chaincode runs), so that malformed lines are reported before they are queued.
 * Returns [] when the event would pass them. */
export function validateForLedger(event: unknown): ValidationIssue[] {
  return validateEvent(event).map((e) => ({ path: e.path, message: e.message.startsWith(`${e.path}: `) ? e.message.slice(e.path.length + 2) : e.message }));
}
