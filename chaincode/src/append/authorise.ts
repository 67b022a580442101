import type { FieldError } from '@cargotrace/model';
import { readGoodsStateVia } from '../indexes/goods-states';
import type { WorkingSet } from '../ledger/working-set';
import { goodsMapKey, touchedGoods } from '@cargotrace/model';
import type { CustodyEvent, GoodsState, Party } from '@cargotrace/model';
import { decideWrite } from '../rules/authorisation';
import { resolveCorrection } from './correction';
import type { Writer } from './writer';

/** Goods states as this batch leaves them so far (by goodsMapKey; undefined: no state yet). */
export type GoodsStates = Map<string, GoodsState | undefined>;

/** What authorisation needs beside the event: the ledger, the writer, and the batch so far. */
export interface AuthorisationScope {
  ws: WorkingSet;
  writer: Writer;
  states: GoodsStates;
  acceptedIds: ReadonlySet<string>;
}

/** The current custodian of each goods `event` touches, reading (once) the states not yet met. */
async function custodiansOf(scope: AuthorisationScope, event: CustodyEvent): Promise<Map<string, Party | undefined>> {
  const custodians = new Map<string, Party | undefined>();
  for (const t of touchedGoods(event)) {
    const key = goodsMapKey(t.ref);
    if (!scope.states.has(key)) scope.states.set(key, await readGoodsStateVia(scope.ws, t.ref));
    custodians.set(key, scope.states.get(key)?.custodian);
  }
  return custodians;
}

/** Step 5, authorise: the correction's target, then the write rules (rules/authorisation) on the
 * goods' current custodians. Undefined when the caller may record `event`. */
export async function authorise(scope: AuthorisationScope, event: CustodyEvent, index: number): Promise<FieldError | undefined> {
  const { caller, registry } = scope.writer;
  const correction = await resolveCorrection(scope.ws, scope.acceptedIds, caller.mspId, event, index);
  if ('error' in correction) return correction.error;
  const custodians = await custodiansOf(scope, event);
  const { correctedBy } = correction;
  return decideWrite({ caller, registry, event, index, custodians, ...(correctedBy !== undefined ? { correctedBy } : {}) });
}
