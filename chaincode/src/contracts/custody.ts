import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { appendEventBatch } from '../append/append-events';
import { parseDistrictCode, parseEventKind, parseGoodsType, parsePageSize, requireNonEmpty } from '../arguments';
import { canonicalJson } from '@cargotrace/model';
import { ChaincodeError } from '@cargotrace/model';
import { dayBucketQuery } from '../indexes/day-buckets';
import { loadRecords, readEventRecord } from '../indexes/event-records';
import { goodsEventIdsPage } from '../indexes/goods-events';
import { goodsKeyOf, readGoodsState } from '../indexes/goods-states';
import { readLinks } from '../indexes/links';
import { KEYS } from '../indexes/object-types';
import { readRegistryIndex } from '../indexes/registry';
import { callerOf } from '../ledger/context';
import { innerBookmark, outerBookmark } from '../ledger/pages';
import { history } from '../ledger/state';
import type { EventRecord, GoodsState, Page, RelatedGoods } from '@cargotrace/model';
import { readDenial } from '../rules/read-access';

@Info({ title: 'custody', description: 'Custody events of supervised goods: append, goods state, queries' })
export class CustodyContract extends Contract {
  constructor() {
    super('custody');
  }

  /** Appends 1..1000 custody events, all or nothing; idempotent per event id. */
  @Transaction()
  @Returns('string')
  async appendEvents(ctx: Context, eventsJson: string): Promise<string> {
    return appendEventBatch(ctx, eventsJson);
  }

  @Transaction(false)
  @Returns('string')
  async getEvent(ctx: Context, id: string): Promise<string> {
    await this.#requireReader(ctx);
    const record = await readEventRecord(ctx.stub, requireNonEmpty(id, 'id'));
    if (!record) throw new ChaincodeError('NOT_FOUND', `event ${id} is not recorded on this channel`, '');
    return canonicalJson(record);
  }

  /** Current state of one goods item. For parts, `id` is `<book>|<partNo>`. */
  @Transaction(false)
  @Returns('string')
  async getGoods(ctx: Context, type: string, id: string): Promise<string> {
    await this.#requireReader(ctx);
    const state = await readGoodsState(ctx.stub, parseGoodsType(type), requireNonEmpty(id, 'id'));
    if (!state) throw new ChaincodeError('NOT_FOUND', `no events recorded for ${type} ${id}`, '');
    return canonicalJson(state);
  }

  /** A goods item's events in event-time order, paginated. */
  @Transaction(false)
  @Returns('string')
  async getGoodsEvents(ctx: Context, type: string, id: string, pageSize: string, bookmark: string): Promise<string> {
    await this.#requireReader(ctx);
    const goodsType = parseGoodsType(type);
    requireNonEmpty(id, 'id');
    const size = parsePageSize(pageSize);
    const page = await goodsEventIdsPage(ctx.stub, goodsType, id, size, innerBookmark(bookmark));
    const records = await loadRecords(ctx.stub, page.ids);
    const result: Page<EventRecord> = { records, bookmark: outerBookmark(page.bookmark), fetched: records.length };
    return canonicalJson(result);
  }

  /** Versions of a goods item's state (getHistoryForKey), newest first. */
  @Transaction(false)
  @Returns('string')
  async getGoodsHistory(ctx: Context, type: string, id: string): Promise<string> {
    await this.#requireReader(ctx);
    const key = goodsKeyOf(ctx.stub, parseGoodsType(type), requireNonEmpty(id, 'id'));
    return canonicalJson(await history<GoodsState>(ctx.stub, key));
  }

  /** Events recorded in `district` with fromIso <= eventTime < toIso, in event-time order. */
  @Transaction(false)
  @Returns('string')
  async queryEventsByDistrict(
    ctx: Context,
    district: string,
    fromIso: string,
    toIso: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    await this.#requireReader(ctx);
    const code = parseDistrictCode(district);
    return canonicalJson(await dayBucketQuery(ctx.stub, KEYS.districtDayEvent, code, fromIso, toIso, parsePageSize(pageSize), bookmark));
  }

  /** Events of `kind` with fromIso <= eventTime < toIso, in event-time order. */
  @Transaction(false)
  @Returns('string')
  async queryEventsByKind(ctx: Context, kind: string, fromIso: string, toIso: string, pageSize: string, bookmark: string): Promise<string> {
    await this.#requireReader(ctx);
    const eventKind = parseEventKind(kind);
    return canonicalJson(await dayBucketQuery(ctx.stub, KEYS.kindDayEvent, eventKind, fromIso, toIso, parsePageSize(pageSize), bookmark));
  }

  /** Aggregation (parent/children) and processing (inputs/outputs) links of a goods item. */
  @Transaction(false)
  @Returns('string')
  async getRelatedGoods(ctx: Context, type: string, id: string): Promise<string> {
    await this.#requireReader(ctx);
    const goodsType = parseGoodsType(type);
    requireNonEmpty(id, 'id');
    const state = await readGoodsState(ctx.stub, goodsType, id);
    const related: RelatedGoods = { goods: state?.goods ?? { type: goodsType, id }, links: await readLinks(ctx.stub, goodsType, id) };
    if (state?.parent) related.parent = state.parent;
    return canonicalJson(related);
  }

  /** Custody data is for registered channel members other than partner customs (rules/read-access). */
  async #requireReader(ctx: Context): Promise<void> {
    const denied = readDenial(await readRegistryIndex(ctx.stub), callerOf(ctx));
    if (denied) throw new ChaincodeError('FORBIDDEN', denied, '');
  }
}
