import { validateEvent } from '@cargotrace/model';

/**
 * A reason an import line or event cannot be sent: a JSON Pointer into the event (or a CSV column
 * name) and a message relative to it.
 *
 * @example
 * const issues: ValidationIssue[] = validateForLedger(event);
 * for (const i of issues) console.error(`${i.path}: ${i.message}`);
 */
export interface ValidationIssue {
  path: string;
  message: string;
}

/**
 * The ledger's own checks of one event (@cargotrace/model's JSON Schema and semantic rules, the
 * same the chaincode runs), so that malformed lines are reported before they are queued.
 * Returns [] when the event would pass them.
 *
 * @example
 * validateForLedger({ id: 'v1', kind: 'ARRIVED', goods: [{ type: 'container', id: 'CSQU3054384' }], eventTime: '2026-11-20T08:30:00+08:00', district: '2305' });
 * // [{ path: '/goods/0/id', message: '… check digit is 4, ISO 6346 gives 3 …' }]
 */
export function validateForLedger(event: unknown): ValidationIssue[] {
  return validateEvent(event).map((e) => ({
    path: e.path,
    message: e.message.startsWith(`${e.path}: `) ? e.message.slice(e.path.length + 2) : e.message,
  }));
}
