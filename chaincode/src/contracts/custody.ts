import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { appendEventBatch } from '../append/append-events';
import { parseGoodsType, requireNonEmpty } from '../arguments';
import { canonicalJson } from '@cargotrace/model';
import { ChaincodeError } from '@cargotrace/model';
import { goodsKeyOf } from '../indexes/goods-states';
import { readRegistryIndex } from '../indexes/registry';
import { callerOf } from '../ledger/context';
import { history } from '../ledger/state';
import type { GoodsState } from '@cargotrace/model';
import { queryEvent, queryEventsBy, queryGoods, queryGoodsEvents, queryRelatedGoods } from '../queries/custody-queries';
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
    return canonicalJson(await queryEvent(ctx.stub, id));
  }

  /** Current state of one goods item. For parts, `id` is `<book>|<partNo>`. */
  @Transaction(false)
  @Returns('string')
  async getGoods(ctx: Context, type: string, id: string): Promise<string> {
    await this.#requireReader(ctx);
    return canonicalJson(await queryGoods(ctx.stub, type, id));
  }

  /** A goods item's events in event-time order, paginated. */
  @Transaction(false)
  @Returns('string')
  async getGoodsEvents(ctx: Context, type: string, id: string, pageSize: string, bookmark: string): Promise<string> {
    await this.#requireReader(ctx);
    return canonicalJson(await queryGoodsEvents(ctx.stub, type, id, pageSize, bookmark));
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
    return canonicalJson(await queryEventsBy(ctx.stub, 'district', district, fromIso, toIso, pageSize, bookmark));
  }

  /** Events of `kind` with fromIso <= eventTime < toIso, in event-time order. */
  @Transaction(false)
  @Returns('string')
  async queryEventsByKind(ctx: Context, kind: string, fromIso: string, toIso: string, pageSize: string, bookmark: string): Promise<string> {
    await this.#requireReader(ctx);
    return canonicalJson(await queryEventsBy(ctx.stub, 'kind', kind, fromIso, toIso, pageSize, bookmark));
  }

  /** Aggregation (parent/children) and processing (inputs/outputs) links of a goods item. */
  @Transaction(false)
  @Returns('string')
  async getRelatedGoods(ctx: Context, type: string, id: string): Promise<string> {
    await this.#requireReader(ctx);
    return canonicalJson(await queryRelatedGoods(ctx.stub, type, id));
  }

  /** Custody data is for registered channel members other than partner customs (rules/read-access). */
  async #requireReader(ctx: Context): Promise<void> {
    const denied = readDenial(await readRegistryIndex(ctx.stub), callerOf(ctx));
    if (denied) throw new ChaincodeError('FORBIDDEN', denied, '');
  }
}
