import { goodsKeyId, parseChaincodeError, type EventRecord, type GoodsState } from '@cargotrace/model';
import { queryEvent, queryEventsBy, queryGoods, queryGoodsEvents } from '@cargotrace/chaincode/queries';
import type { LedgerBackend, TransactionProof } from '../ledger/ledger-backend';
import type { GoodsRef } from '../model/custody';
import type { GoodsCache } from './goods-cache';
import type { QueryStore } from './query-store';
import { wantedHeight } from './request-heights';

/** How long a read waits for the heights it needs before HEIGHT_NOT_REACHED (503). */
export const DEFAULT_READ_WAIT_MS = 5000;

/** The custody reads the gateway makes, answered from the query store with the chaincode's own
 * read functions (the answers a peer gives, as JSON values rather than text). Before reading a
 * channel, waits until the store has applied the ledger's height as this gateway knows it and any
 * height the request asked for (read-your-writes). */
export class StoreReads {
  constructor(
    readonly store: QueryStore,
    readonly cache: GoodsCache,
    private readonly backend: Pick<LedgerBackend, 'height'>,
    private readonly waitMs = DEFAULT_READ_WAIT_MS,
  ) {}

  /** Resolves once the store is at least as high on `channel` as the ledger and the request want. */
  ready(channel: string): Promise<void> {
    const height = Math.max(this.backend.height(channel), wantedHeight(channel));
    return this.store.applied.waitFor(channel, height, this.waitMs);
  }

  /** The goods' state on `channel`, undefined when the channel has none (NOT_FOUND). */
  async goodsState(channel: string, goods: GoodsRef): Promise<GoodsState | undefined> {
    try {
      return await queryGoods(this.store.stub(channel), goods.type, goodsKeyId(goods));
    } catch (err) {
      if (parseChaincodeError(err)?.code === 'NOT_FOUND') return undefined;
      throw err;
    }
  }

  /** One page of the goods' events on `channel` (as custody:getGoodsEvents answers it). */
  goodsEventsPage(channel: string, goods: GoodsRef, pageSize: number, bookmark: string) {
    return queryGoodsEvents(this.store.stub(channel), goods.type, goodsKeyId(goods), String(pageSize), bookmark);
  }

  async eventsPage(channel: string, by: 'district' | 'kind', key: string, from: string, to: string, pageSize: number, bookmark: string) {
    await this.ready(channel);
    return queryEventsBy(this.store.stub(channel), by, key, from, to, String(pageSize), bookmark);
  }

  async event(channel: string, id: string): Promise<EventRecord> {
    await this.ready(channel);
    return queryEvent(this.store.stub(channel), id);
  }

  async proof(channel: string, txId: string): Promise<TransactionProof | undefined> {
    await this.ready(channel);
    return this.store.proof(channel, txId);
  }
}
