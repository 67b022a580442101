import { writeDayBucketEntries } from '../indexes/day-buckets';
import { writeEventRecord } from '../indexes/event-records';
import { writeGoodsEventEntry } from '../indexes/goods-events';
import { writeGoodsState } from '../indexes/goods-states';
import { writeLinks } from '../indexes/links';
import type { WorkingSet } from '../ledger/working-set';
import { goodsMapKey, touchedGoods } from '@cargotrace/model';
import type { Admission, Accepted } from './admission';
import type { Writer } from './writer';

/** The record of one accepted event and its index entries: by district and day, by kind and
 * day, by goods, and its links. Returns the goods it touched (by goodsMapKey). */
function writeEvent(ws: WorkingSet, writer: Writer, { event, canonical, utc }: Accepted): string[] {
  writeEventRecord(ws, event.id, { recordedTime: writer.time, txId: writer.txId, recordedBy: writer.recordedBy }, canonical);
  writeDayBucketEntries(ws, event, utc);
  const touched = touchedGoods(event);
  for (const t of touched) writeGoodsEventEntry(ws, t.ref, utc, event.id);
  writeLinks(ws, event);
  return touched.map((t) => goodsMapKey(t.ref));
}

/** Step 7, writeIndexes: every accepted event's record and index entries, then the new state of
 * each goods touched, buffered in the working set (each key once; flushed in key order). */
export function writeAccepted(ws: WorkingSet, writer: Writer, admission: Admission): void {
  const touchedKeys = new Set<string>();
  for (const accepted of admission.accepted) {
    for (const key of writeEvent(ws, writer, accepted)) touchedKeys.add(key);
  }
  for (const key of touchedKeys) {
    const state = admission.states.get(key);
    if (state) writeGoodsState(ws, state);
  }
}
