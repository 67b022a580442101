import type { EventKind } from '../event/event-kind';
import type { GoodsRef } from './goods-ref';

export type LinkRelation = 'parent' | 'child' | 'input' | 'output';

/** A link between two goods (aggregation or processing), as getRelatedGoods returns it. */
export interface GoodsLink {
  relation: LinkRelation;
  goods: GoodsRef;
  eventId: string;
  kind: EventKind;
  eventTime: string;
  /** false once an UNPACKED/UNLOADED event took a child out of its parent. */
  active: boolean;
}

export interface RelatedGoods {
  goods: GoodsRef;
  parent?: GoodsRef;
  links: GoodsLink[];
}
