/**
 * The kinds of custody event, as the custody-event JSON Schema enumerates them.
 *
 * @example
 * (EVENT_KINDS as readonly string[]).includes('STORED'); // true
 */
export const EVENT_KINDS = [
  'MANIFEST_FILED',
  'DECLARED',
  'ARRIVED',
  'GATE_IN',
  'GATE_OUT',
  'INSPECTION_ORDERED',
  'INSPECTED',
  'QUARANTINE_RESULT',
  'HELD',
  'RELEASED',
  'RECEIVED',
  'STORED',
  'MOVED',
  'PICKED',
  'DISPATCHED',
  'STOCKTAKE',
  'STATUS_CHANGED',
  'PROCESSED',
  'PACKED',
  'UNPACKED',
  'LOADED',
  'DEPARTED',
  'UNLOADED',
  'HANDED_OFF',
  'TAKEN_OVER',
  'EXPORTED',
  'CORRECTION',
] as const;
/**
 * One of {@link EVENT_KINDS}.
 *
 * @example
 * const kind: EventKind = 'HANDED_OFF';
 */
export type EventKind = (typeof EVENT_KINDS)[number];
