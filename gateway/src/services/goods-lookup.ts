import { GOODS_TYPES, type GoodsType } from '@cargotrace/model';
import { goodsKey, type GoodsRef, type LocatedRecord } from '../model/custody';
import { eventInScope, goodsVisible, readsCustody, type ReadScope } from '../scope/read-scope';
import type { LedgerReader } from '../trace/ledger-reader';
import { ForbiddenError } from './gateway-error';
import { requireIdentifier } from './identifier';
import type { RequestScope } from './request-scope';

/** The chaincode's goods types (chaincode/src/model/types.ts); `part` ids are `<book>|<partNo>`. */
const isGoodsType = (t: string): t is GoodsType => (GOODS_TYPES as readonly string[]).includes(t);
const CONTAINER_NO = /^[A-Z]{4}\d{7}$/;

export function requireCustodyReader(request: Pick<RequestScope, 'scope'>): void {
  if (!readsCustody(request.scope)) throw new ForbiddenError('this caller may read mutual-recognition data only');
}

/** Finds a goods by id: with a type, one index read per district channel; without, container
 * numbers are containers, and other ids are looked up under each goods type. */
export async function findGoods(reader: LedgerReader, id: string, type?: string | null): Promise<GoodsRef | undefined> {
  requireIdentifier(id, 'id');
  if (type && !isGoodsType(type)) return undefined;
  const candidates: GoodsType[] = type && isGoodsType(type) ? [type] : CONTAINER_NO.test(id) ? ['container'] : [...GOODS_TYPES];
  const found = await Promise.all(
    candidates.map(async (t) => {
      const bar = id.indexOf('|');
      const ref = t === 'part' && bar > 0 ? { type: t, id: id.slice(bar + 1), book: id.slice(0, bar) } : { type: t, id };
      return (await reader.holders(ref)).size > 0 ? t : undefined;
    }),
  );
  const t = found.find((x) => x !== undefined);
  if (!t) return undefined;
  const bar = id.indexOf('|');
  return t === 'part' && bar > 0 ? { type: t, id: id.slice(bar + 1), book: id.slice(0, bar) } : { type: t, id };
}

/** Per-request memo of goods visibility. */
export function goodsVisibility(request: Pick<RequestScope, 'scope' | 'reader'>): (g: GoodsRef) => Promise<boolean> {
  const memo = new Map<string, Promise<boolean>>();
  return (g) => {
    const k = goodsKey(g);
    let p = memo.get(k);
    if (!p) {
      p = request.reader.goodsEvents(g).then((recs) => goodsVisible(request.scope, recs));
      memo.set(k, p);
    }
    return p;
  };
}

/** An event is visible when it lies in the scope itself, or is about a goods that is visible. */
export async function recordVisible(scope: ReadScope, r: LocatedRecord, visible: (g: GoodsRef) => Promise<boolean>): Promise<boolean> {
  if (eventInScope(scope, r)) return true;
  if (scope.kind === 'mutual-recognition') return false;
  for (const g of r.event.goods) if (await visible(g)) return true;
  return false;
}
