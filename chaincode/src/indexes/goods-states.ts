import type { ChaincodeStub } from 'fabric-shim-api';
import { getJson } from '../ledger/state';
import type { WorkingSet } from '../ledger/working-set';
import { goodsKeyId } from '@cargotrace/model';
import type { GoodsRef, GoodsState } from '@cargotrace/model';
import { KEYS } from './object-types';

/** `goods, type, keyId`: a goods item's current state (keyId is goodsKeyId: `<book>|<partNo>`
 * for parts, else the id). */
export function goodsKey(stub: ChaincodeStub, ref: GoodsRef): string {
  return goodsKeyOf(stub, ref.type, goodsKeyId(ref));
}

export function goodsKeyOf(stub: ChaincodeStub, type: string, keyId: string): string {
  return stub.createCompositeKey(KEYS.goods, [type, keyId]);
}

export async function readGoodsState(stub: ChaincodeStub, type: string, keyId: string): Promise<GoodsState | undefined> {
  return getJson<GoodsState>(stub, goodsKeyOf(stub, type, keyId));
}

export async function readGoodsStateVia(ws: WorkingSet, ref: GoodsRef): Promise<GoodsState | undefined> {
  return ws.readJson<GoodsState>(goodsKey(ws.stub, ref));
}

export function writeGoodsState(ws: WorkingSet, state: GoodsState): void {
  ws.writeJson(goodsKey(ws.stub, state.goods), state);
}
