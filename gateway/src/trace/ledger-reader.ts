import type { NetworkConfig } from '@cargotrace/network';
import { goodsKeyId, parseChaincodeError } from '@cargotrace/model';
import type { LedgerBackend, TransactionProof } from '../ledger/ledger-backend';
import { goodsKey, type EventRecord, type GoodsRef, type LocatedRecord } from '../model/custody';
import type { StoreReads } from '../query-store/store-reads';
import { mergeRecords } from './order';
import { deepFreeze, type ReadCache } from './read-cache';

/** The national identity through which the gateway reads other districts' channels. */
export const SERVICE_USER = 'gateway-service';

const PAGE_SIZE = 500;

interface Page {
  records: EventRecord[];
  bookmark?: string;
  fetched?: number;
}

/** Reads goods across district channels for one request, with memoised point reads. A good's
 * channels are found through the goods index (one `custody:getGoods` point read per district
 * channel, in parallel); only those channels are then queried, in parallel. With a ReadCache, a
 * goods' holders and events are shared between requests until a district channel gets a new block;
 * cached values are frozen. With StoreReads, every read is answered from the gateway's block-fed
 * query store by the chaincode's own read functions (no chaincode evaluation), and goods reads are
 * shared through its goods cache until a block touches those goods. */
export class LedgerReader {
  private readonly holderCache = new Map<string, Promise<Map<string, unknown>>>();
  private readonly eventCache = new Map<string, Promise<LocatedRecord[]>>();
  private readonly proofCache = new Map<string, Promise<TransactionProof | undefined>>();
  /** Ledger calls made, for tests and metrics. */
  calls = 0;

  constructor(
    readonly backend: LedgerBackend,
    readonly config: NetworkConfig,
    private readonly userId: string = SERVICE_USER,
    private readonly cache?: ReadCache,
    private readonly store?: StoreReads,
  ) {}

  districtChannels(): string[] {
    return this.config.channels.filter((c) => c.kind === 'district').map((c) => c.name);
  }

  async evaluate(channel: string, fcn: string, args: string[]): Promise<string> {
    this.calls++;
    return this.backend.evaluate(channel, this.userId, fcn, args);
  }

  /** Goods state per channel that has the goods. */
  holders(goods: GoodsRef): Promise<Map<string, unknown>> {
    const key = goodsKey(goods);
    let p = this.holderCache.get(key);
    if (!p && this.store) {
      p = this.storeHolders(this.store, goods);
      this.holderCache.set(key, p);
    }
    if (!p) {
      const load = async () => {
        const found = await Promise.all(
          this.districtChannels().map(async (channel) => {
            try {
              return [
                channel,
                JSON.parse(await this.evaluate(channel, 'custody:getGoods', [goods.type, goodsKeyId(goods)])) as unknown,
              ] as const;
            } catch (err) {
              if (parseChaincodeError(err)?.code === 'NOT_FOUND') return undefined;
              throw err;
            }
          }),
        );
        return new Map(found.filter((f): f is readonly [string, unknown] => f !== undefined));
      };
      p = this.cache ? this.cache.get(`holders|${key}`, async () => deepFreeze(await load())) : load();
      this.holderCache.set(key, p);
    }
    return p;
  }

  /** Every event of the goods across its channels, in trace order. */
  goodsEvents(goods: GoodsRef): Promise<LocatedRecord[]> {
    const key = goodsKey(goods);
    let p = this.eventCache.get(key);
    if (!p) {
      const load = async () => {
        const channels = [...(await this.holders(goods)).keys()];
        const lists = await Promise.all(channels.map((c) => this.channelGoodsEvents(c, goods)));
        const merged = lists.flat();
        await this.attachProofs(merged);
        return mergeRecords([merged]);
      };
      const store = this.store;
      p = store
        ? // Holders first: they wait for the store's heights, which the cached events then share.
          this.holders(goods).then(() => store.cache.get(key, 'events', async () => deepFreeze(await load())))
        : this.cache
          ? this.cache.get(
              `events|${key}`,
              async () => deepFreeze(await load()),
              (rs) => rs.length,
            )
          : load();
      this.eventCache.set(key, p);
    }
    return p;
  }

  /** The goods' state per district channel, from the query store once it is at the needed heights. */
  private async storeHolders(store: StoreReads, goods: GoodsRef): Promise<Map<string, unknown>> {
    const channels = this.districtChannels();
    await Promise.all(channels.map((c) => store.ready(c)));
    return store.cache.get(goodsKey(goods), 'holders', async () => {
      const found = await Promise.all(channels.map(async (c) => [c, await store.goodsState(c, goods)] as const));
      return deepFreeze(new Map(found.filter((f): f is readonly [string, NonNullable<(typeof f)[1]>] => f[1] !== undefined)));
    });
  }

  private async goodsEventsPage(channel: string, goods: GoodsRef, bookmark: string): Promise<Page> {
    if (this.store) return this.store.goodsEventsPage(channel, goods, PAGE_SIZE, bookmark);
    return JSON.parse(
      await this.evaluate(channel, 'custody:getGoodsEvents', [goods.type, goodsKeyId(goods), String(PAGE_SIZE), bookmark]),
    ) as Page;
  }

  private async channelGoodsEvents(channel: string, goods: GoodsRef): Promise<LocatedRecord[]> {
    const out: LocatedRecord[] = [];
    let bookmark = '';
    for (;;) {
      const page = await this.goodsEventsPage(channel, goods, bookmark);
      for (const r of page.records) out.push(locate(r, channel, out.length));
      const fetched = page.fetched ?? page.records.length;
      if (!page.bookmark || fetched < PAGE_SIZE || page.bookmark === bookmark) break;
      bookmark = page.bookmark;
    }
    return out;
  }

  proof(channel: string, txId: string): Promise<TransactionProof | undefined> {
    const key = `${channel}|${txId}`;
    let p = this.proofCache.get(key);
    if (!p) {
      if (this.store) p = this.store.proof(channel, txId);
      else {
        this.calls++;
        p = this.backend.transactionProof(channel, txId);
      }
      this.proofCache.set(key, p);
    }
    return p;
  }

  async attachProofs(records: LocatedRecord[]): Promise<void> {
    await Promise.all(
      records.map(async (r) => {
        if (r.proof || !r.txId) return;
        const p = await this.proof(r.channel, r.txId);
        if (p) r.proof = { blockNumber: p.blockNumber, txIndex: p.txIndex, blockHash: p.blockHash, validationCode: p.validationCode };
      }),
    );
  }

  /** One page of a district or kind query on one channel. */
  async queryPage(
    channel: string,
    fcn: 'custody:queryEventsByDistrict' | 'custody:queryEventsByKind',
    key: string,
    from: string,
    to: string,
    pageSize: number,
    bookmark: string,
  ): Promise<{ records: LocatedRecord[]; bookmark: string; done: boolean }> {
    const page: Page = this.store
      ? await this.store.eventsPage(
          channel,
          fcn === 'custody:queryEventsByDistrict' ? 'district' : 'kind',
          key,
          from,
          to,
          pageSize,
          bookmark,
        )
      : (JSON.parse(await this.evaluate(channel, fcn, [key, from, to, String(pageSize), bookmark])) as Page);
    const records = page.records.map((r, i) => locate(r, channel, i));
    const fetched = page.fetched ?? records.length;
    return { records, bookmark: page.bookmark ?? '', done: !page.bookmark || fetched < pageSize || page.bookmark === bookmark };
  }

  async getEvent(channel: string, id: string): Promise<LocatedRecord | undefined> {
    try {
      const record = this.store
        ? await this.store.event(channel, id)
        : (JSON.parse(await this.evaluate(channel, 'custody:getEvent', [id])) as EventRecord);
      return locate(record, channel, 0);
    } catch (err) {
      if (parseChaincodeError(err)?.code === 'NOT_FOUND') return undefined;
      throw err;
    }
  }
}

export function locate(r: EventRecord, channel: string, seq: number): LocatedRecord {
  return { ...r, channel, seq };
}
