import type { CustodyEvent, GoodsRef } from './types';

/** Separator between e-account book and part number in a part's goods key id. The book pattern
 * excludes it, so `<book>|<partNo>` splits unambiguously at the first '|'. */
export const PART_BOOK_SEPARATOR = '|';

/** The id under which a goods item is keyed (and queried with getGoods / getGoodsEvents):
 * the goods id, or `<book>|<partNo>` for part numbers, which are unique only within a book. */
export function goodsKeyId(ref: GoodsRef): string {
  return ref.type === 'part' && ref.book !== undefined ? `${ref.book}${PART_BOOK_SEPARATOR}${ref.id}` : ref.id;
}

/** A map key for a goods item (type and key id). */
export function goodsMapKey(ref: GoodsRef): string {
  return `${ref.type}\u0000${goodsKeyId(ref)}`;
}

export function sameGoods(a: GoodsRef, b: GoodsRef): boolean {
  return goodsMapKey(a) === goodsMapKey(b);
}

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
