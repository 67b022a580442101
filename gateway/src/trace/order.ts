import { eventTimeMs, type LocatedRecord } from '../model/custody';

/** Total order of a stitched trace: event time first; ties by ledger time, then by ledger order
 * (block, transaction, position in the answer), then by id so that the order is stable. */
export function compareRecords(a: LocatedRecord, b: LocatedRecord): number {
  return (
    eventTimeMs(a.event) - eventTimeMs(b.event) ||
    recordedTimeMs(a) - recordedTimeMs(b) ||
    compareLedgerPositions(a, b) ||
    (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0)
  );
}

const recordedTimeMs = (r: LocatedRecord): number => Date.parse(r.recordedTime) || 0;

/** Within a channel: block, transaction, then position in the answer; across channels (whose
 * blocks are not comparable), channel name order. */
function compareLedgerPositions(a: LocatedRecord, b: LocatedRecord): number {
  if (a.channel !== b.channel) return a.channel < b.channel ? -1 : 1;
  return blockOf(a) - blockOf(b) || txIndexOf(a) - txIndexOf(b) || a.seq - b.seq;
}

const blockOf = (r: LocatedRecord): number => r.proof?.blockNumber ?? 0;
const txIndexOf = (r: LocatedRecord): number => r.proof?.txIndex ?? 0;

/** Merges records read from several channels (or several goods) into one ordered list, each
 * event once. */
export function mergeRecords(lists: Iterable<LocatedRecord[]>): LocatedRecord[] {
  const byId = new Map<string, LocatedRecord>();
  for (const list of lists) for (const r of list) if (!byId.has(r.event.id)) byId.set(r.event.id, r);
  return [...byId.values()].sort(compareRecords);
}
