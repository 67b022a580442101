import type { ChaincodeStub } from 'fabric-shim-api';
import { ChaincodeError } from '@cargotrace/model';
import type { EventRecord, GoodsState, Page, RelatedGoods } from '@cargotrace/model';
import { parseDistrictCode, parseEventKind, parseGoodsType, parsePageSize, requireNonEmpty } from '../arguments';
import { dayBucketQuery } from '../indexes/day-buckets';
import { loadRecords, readEventRecord } from '../indexes/event-records';
import { goodsEventIdsPage } from '../indexes/goods-events';
import { readGoodsState } from '../indexes/goods-states';
import { readLinks } from '../indexes/links';
import { KEYS } from '../indexes/object-types';
import { innerBookmark, outerBookmark } from '../ledger/pages';

/** The custody contract's read answers over any view of the world state: the contract runs them on
 * the peer's stub, the gateway's query store on its block-fed replica of the same keys, so both
 * answer alike by construction. Arguments arrive as the transaction's strings and are checked
 * here; the read rule (who may call) stays with the caller. */

export async function queryEvent(stub: ChaincodeStub, id: string): Promise<EventRecord> {
  const record = await readEventRecord(stub, requireNonEmpty(id, 'id'));
  if (!record) throw new ChaincodeError('NOT_FOUND', `event ${id} is not recorded on this channel`, '');
  return record;
}

export async function queryGoods(stub: ChaincodeStub, type: string, id: string): Promise<GoodsState> {
  const state = await readGoodsState(stub, parseGoodsType(type), requireNonEmpty(id, 'id'));
  if (!state) throw new ChaincodeError('NOT_FOUND', `no events recorded for ${type} ${id}`, '');
  return state;
}

export async function queryGoodsEvents(
  stub: ChaincodeStub,
  type: string,
  id: string,
  pageSize: string,
  bookmark: string,
): Promise<Page<EventRecord>> {
  const goodsType = parseGoodsType(type);
  requireNonEmpty(id, 'id');
  const size = parsePageSize(pageSize);
  const page = await goodsEventIdsPage(stub, goodsType, id, size, innerBookmark(bookmark));
  const records = await loadRecords(stub, page.ids);
  return { records, bookmark: outerBookmark(page.bookmark), fetched: records.length };
}

/** Events of one district (`by` district) or of one kind, fromIso <= eventTime < toIso. */
export async function queryEventsBy(
  stub: ChaincodeStub,
  by: 'district' | 'kind',
  value: string,
  fromIso: string,
  toIso: string,
  pageSize: string,
  bookmark: string,
): Promise<Page<EventRecord>> {
  // The attribute is checked before the page size, as the contract always did.
  const attribute = by === 'district' ? parseDistrictCode(value) : parseEventKind(value);
  const index = by === 'district' ? KEYS.districtDayEvent : KEYS.kindDayEvent;
  return dayBucketQuery(stub, index, attribute, fromIso, toIso, parsePageSize(pageSize), bookmark);
}

export async function queryRelatedGoods(stub: ChaincodeStub, type: string, id: string): Promise<RelatedGoods> {
  const goodsType = parseGoodsType(type);
  requireNonEmpty(id, 'id');
  const state = await readGoodsState(stub, goodsType, id);
  const related: RelatedGoods = { goods: state?.goods ?? { type: goodsType, id }, links: await readLinks(stub, goodsType, id) };
  if (state?.parent) related.parent = state.parent;
  return related;
}
