import type { ChaincodeStub } from 'fabric-shim-api';
import { partialKeyPage } from '../ledger/pages';
import type { WorkingSet } from '../ledger/working-set';
import { goodsKeyId } from '@cargotrace/model';
import type { GoodsRef } from '@cargotrace/model';
import { INDEX_VALUE, KEYS } from './object-types';

/** `goods~event, type, keyId, utc, eventId`: a goods item's events in event-time order. */
export function writeGoodsEventEntry(ws: WorkingSet, ref: GoodsRef, utc: string, eventId: string): void {
  ws.write(ws.stub.createCompositeKey(KEYS.goodsEvent, [ref.type, goodsKeyId(ref), utc, eventId]), INDEX_VALUE);
}

/** One page of a goods item's event ids, in event-time order, and Fabric's bookmark. */
export async function goodsEventIdsPage(
  stub: ChaincodeStub,
  type: string,
  keyId: string,
  pageSize: number,
  inner: string,
): Promise<{ ids: string[]; bookmark: string }> {
  const page = await partialKeyPage(stub, KEYS.goodsEvent, [type, keyId], pageSize, inner);
  return { ids: page.keys.map((k) => k.attributes[3]), bookmark: page.bookmark };
}
