/** The custody-event shapes the gateway reads (the model's own types, plus where a record was
 * read from) and how the trace code interprets event kinds. */

import { goodsKeyId, type CustodyEvent, type EventRecord, type GoodsRef, type Party, type Quantity } from '@cargotrace/model';

export type { CustodyEvent, EventRecord, GoodsRef, Party };
export type Measure = Quantity;

/** A record as the gateway holds it after reading it from a channel. */
export interface LocatedRecord extends EventRecord {
  channel: string;
  /** Position in the channel's answer, the tie-breaker after block and transaction order. */
  seq: number;
  /** Where the record's transaction is; validationCode is set when it was read from the ledger's
   * transaction index (LedgerReader.attachProofs), and then the proof is complete. */
  proof?: { blockNumber: number; txIndex: number; blockHash: string; validationCode?: string };
}

/** A map key for a goods item in traces: `<type>:<goods key id>`. */
export const goodsKey = (g: { type: string; id: string; book?: string }): string => `${g.type}:${goodsKeyId(g)}`;

/** Event kinds the gateway interprets. Facts of other kinds pass through untouched. */
export const KIND = {
  HANDED_OFF: 'HANDED_OFF',
  TAKEN_OVER: 'TAKEN_OVER',
  RELEASED: 'RELEASED',
  GATE_OUT: 'GATE_OUT',
  GATE_IN: 'GATE_IN',
  EXPORTED: 'EXPORTED',
  DECLARED: 'DECLARED',
  MANIFEST_FILED: 'MANIFEST_FILED',
  PROCESSED: 'PROCESSED',
} as const;

/** Customs or quarantine holds, and the decisions that lift them. */
export const HOLD_KINDS = new Set(['HELD', 'HOLD', 'HOLD_PLACED', 'DETAINED', 'QUARANTINE_HOLD']);
export const HOLD_LIFT_KINDS = new Set(['HOLD_LIFTED', 'HOLD_RELEASED', 'RELEASED', 'QUARANTINE_CLEARED', 'UNHELD']);
/** Kinds that physically move goods (a held good must not do these). */
export const MOVEMENT_KINDS = new Set([
  'DEPARTED',
  'GATE_OUT',
  'GATE_IN',
  'HANDED_OFF',
  'TAKEN_OVER',
  'LOADED',
  'UNLOADED',
  'MOVED',
  'DISPATCHED',
  'PICKED',
  'EXPORTED',
  'ARRIVED',
  'SHIPPED',
]);
/** Kinds that take goods out of supervision and therefore need a release. */
export const EXIT_KINDS = new Set(['GATE_OUT', 'EXPORTED']);
/** Aggregation kinds whose parent→children flow runs downstream (the children come out of the parent). */
export const DISAGGREGATION_KINDS = new Set(['UNPACKED', 'DISAGGREGATED', 'UNLOADED_FROM', 'DEVANNED', 'STRIPPED']);

/** Parsed event times by event object: traces sort and window the same (often cached, frozen)
 * records many times, and Date.parse of an offset time is the costliest step of a comparison. */
const parsedEventTimes = new WeakMap<object, number>();

export function eventTimeMs(e: { eventTime: string }): number {
  let t = parsedEventTimes.get(e);
  if (t === undefined) {
    t = Date.parse(e.eventTime);
    if (Number.isNaN(t)) t = 0;
    parsedEventTimes.set(e, t);
  }
  return t;
}

/** Weight in kilograms, or undefined when the unit is unknown. */
export function weightKg(m: Measure | undefined): number | undefined {
  if (!m || typeof m.value !== 'number') return undefined;
  const unit = m.unit.toLowerCase();
  if (unit === 'kg' || unit === 'kgm') return m.value;
  if (unit === 't' || unit === 'tne' || unit === 'tonne') return m.value * 1000;
  if (unit === 'g' || unit === 'grm') return m.value / 1000;
  if (unit === 'lb' || unit === 'lbr') return m.value * 0.45359237;
  return undefined;
}

/** The organisations involved in an event as custodians or actors. */
export function involvedOrgs(r: EventRecord): Set<string> {
  const e = r.event;
  const out = new Set<string>();
  const add = (p: Party | undefined) => p?.org && out.add(p.org);
  add(e.actor);
  add(e.custody?.from);
  add(e.custody?.to);
  if (r.recordedBy.mspId) out.add(r.recordedBy.mspId);
  return out;
}
