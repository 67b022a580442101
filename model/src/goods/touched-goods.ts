import type { CustodyEvent } from '../event/custody-event';
import { goodsMapKey } from './goods-key';
import type { GoodsRef } from './goods-ref';

/** A goods reference with its JSON Pointer (relative to the event) and its role in the event. */
export interface TouchedGoods {
  ref: GoodsRef;
  path: Array<string | number>;
  role: 'goods' | 'parent' | 'child' | 'input' | 'output';
}

/** Every goods reference an event carries, with paths; may contain the same goods twice. */
export function goodsRefsOf(event: CustodyEvent): TouchedGoods[] {
  const out: TouchedGoods[] = [];
  event.goods.forEach((ref, j) => out.push({ ref, path: ['goods', j], role: 'goods' }));
  if (event.parent) out.push({ ref: event.parent, path: ['parent'], role: 'parent' });
  event.children?.forEach((ref, j) => out.push({ ref, path: ['children', j], role: 'child' }));
  event.inputs?.forEach((q, j) => out.push({ ref: q.goods, path: ['inputs', j, 'goods'], role: 'input' }));
  event.outputs?.forEach((q, j) => out.push({ ref: q.goods, path: ['outputs', j, 'goods'], role: 'output' }));
  return out;
}

/** The distinct goods an event touches (first occurrence wins), in a stable order. */
export function touchedGoods(event: CustodyEvent): TouchedGoods[] {
  const seen = new Set<string>();
  return goodsRefsOf(event).filter((t) => {
    const k = goodsMapKey(t.ref);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
