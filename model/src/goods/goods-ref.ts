/** How an event names goods: a type from GOODS_TYPES and an id (plus the book of a part). */

export const GOODS_TYPES = ['container', 'consignment', 'declaration', 'lot', 'part', 'epc', 'digital-link'] as const;
export type GoodsType = (typeof GOODS_TYPES)[number];

export interface GoodsRef {
  type: GoodsType;
  id: string;
  /** e-account book number; required for `part`. */
  book?: string;
}
