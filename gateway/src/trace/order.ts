import { eventTimeMs, type LocatedRecord } from '../model/custody';

/** Total order of a stitched trace: event time first; ties by ledger time, then by ledger order
 * (block, transaction, position in the answer), then by id so that the order is stable. */
export function compareRecords(a: LocatedRecord, b: LocatedRecord): number {
  return (
    eventTimeMs(a.event) - eventTimeMs(b.event) ||
    (Date.parse(a.recordedTime) || 0) - (Date.parse(b.recordedTime) || 0) ||
    (a.channel === b.channel
      ? (a.proof?.blockNumber ?? 0) - (b.proof?.blockNumber ?? 0) || (a.proof?.txIndex ?? 0) - (b.proof?.txIndex ?? 0)
      : 0) ||
    (a.channel === b.channel ? a.seq - b.seq : a.channel < b.channel ? -1 : 1) ||
    (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0)
  );
}

/** Merges records read from several channels (or several goods) into one ordered list, each
 * event once. */
export function mergeRecords(lists: Iterable<LocatedRecord[]>): LocatedRecord[] {
  const byId = new Map<string, LocatedRecord>();
  for (const list of lists) for (const r of list) if (!byId.has(r.event.id)) byId.set(r.event.id, r);
  return [...byId.values()].sort(compareRecords);
}
