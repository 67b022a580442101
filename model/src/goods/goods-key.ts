import type { GoodsRef } from './goods-ref';

/** Separator between e-account book and part number in a part's goods key id. The book pattern
 * excludes it, so `<book>|<partNo>` splits unambiguously at the first '|'. */
export const PART_BOOK_SEPARATOR = '|';

/** The fields that identify goods; loose on `type` so that GraphQL and EPCIS answers qualify. */
export type GoodsIdentity = Pick<GoodsRef, 'id' | 'book'> & { type: string };

/** The id under which a goods item is keyed (and queried with getGoods / getGoodsEvents):
 * the goods id, or `<book>|<partNo>` for part numbers, which are unique only within a book.
 * A part without a book (the schema requires a non-empty one) is keyed by its id alone. */
export function goodsKeyId(ref: GoodsIdentity): string {
  return ref.type === 'part' && ref.book ? `${ref.book}${PART_BOOK_SEPARATOR}${ref.id}` : ref.id;
}

/** A map key for a goods item (type and key id). */
export function goodsMapKey(ref: GoodsIdentity): string {
  return `${ref.type}\u0000${goodsKeyId(ref)}`;
}

export function sameGoods(a: GoodsIdentity, b: GoodsIdentity): boolean {
  return goodsMapKey(a) === goodsMapKey(b);
}
