/** How an event names goods: a type from GOODS_TYPES and an id (plus the book of a part). */

/**
 * The types of goods an event can name.
 *
 * @example
 * GOODS_TYPES.includes('container'); // true
 */
export const GOODS_TYPES = ['container', 'consignment', 'declaration', 'lot', 'part', 'epc', 'digital-link'] as const;
/**
 * One of {@link GOODS_TYPES}.
 *
 * @example
 * const type: GoodsType = 'lot';
 */
export type GoodsType = (typeof GOODS_TYPES)[number];

/**
 * Goods as an event names them; a `part` also names its e-account book.
 *
 * @example
 * const container: GoodsRef = { type: 'container', id: 'CSQU3054383' };
 * const part: GoodsRef = { type: 'part', id: 'PN-7788-A', book: 'E23052600001' };
 */
export interface GoodsRef {
  type: GoodsType;
  id: string;
  /** e-account book number; required for `part`. */
  book?: string;
}
