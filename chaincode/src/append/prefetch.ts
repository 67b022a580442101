import { eventKey } from '../indexes/event-records';
import { goodsKey } from '../indexes/goods-states';
import type { WorkingSet } from '../ledger/working-set';
import { touchedGoods } from '@cargotrace/model';
import type { CustodyEvent } from '@cargotrace/model';

/** Step 3, prefetch: admission reads, for every first occurrence of a valid event's id, the id's
 * key, and for every such event not yet recorded (other than corrections, whose reads depend on
 * the outcome of earlier events) the state of each goods it touches. Issue exactly those reads up
 * front and concurrently; admission then finds them in the working set. Same keys, same values. */
export async function prefetchBatch(ws: WorkingSet, events: ReadonlyArray<CustodyEvent | undefined>): Promise<void> {
  const firsts = new Map<string, { event: CustodyEvent; idKey: string }>();
  for (const event of events) if (event && !firsts.has(event.id)) firsts.set(event.id, { event, idKey: eventKey(ws.stub, event.id) });
  await ws.prefetch([...firsts.values()].map((f) => f.idKey));
  const goodsKeys: string[] = [];
  for (const { event, idKey } of firsts.values()) {
    if (event.kind === 'CORRECTION' || ws.hasValue(idKey)) continue;
    for (const t of touchedGoods(event)) goodsKeys.push(goodsKey(ws.stub, t.ref));
  }
  await ws.prefetch(goodsKeys);
}
