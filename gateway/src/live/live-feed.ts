import type { NetworkConfig } from '@cargotrace/network';
import type { LedgerBackend, LedgerChaincodeEvent } from '../ledger/ledger-backend';
import { goodsKey, type GoodsRef, type LocatedRecord } from '../model/custody';
import { analyseTrace } from '../trace/analyse';
import type { Anomaly } from '../trace/anomalies';
import { LedgerReader } from '../trace/ledger-reader';
import type { StitchedGraph } from '../trace/stitch';

export const EVENTS_APPENDED = 'CustodyEventsAppended';

interface AppendedPayload {
  txId?: string;
  events?: { id: string; kind?: string; district?: string; eventTime?: string; goods?: GoodsRef[] }[];
}

/** Committed custody events and the anomalies they raise, fed by chaincode events after commit.
 * Full records are read back through the service identity (the chaincode event carries only a
 * summary), so that subscribers can be filtered by their read scope. */
export class LiveFeed {
  private readonly eventListeners = new Set<(r: LocatedRecord) => void>();
  private readonly anomalyListeners = new Set<(a: Anomaly) => void>();
  private readonly detach: () => void;
  private queue: Promise<void> = Promise.resolve();
  /** One timer per open transit hand-off, due when its `transit.dueBy` passes: an overdue transit
   * is a fact about time, not about a new event, so no commit would ever announce it. */
  private readonly dueTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly backend: LedgerBackend,
    private readonly config: NetworkConfig,
    private readonly options: { weightTolerance?: number; onChaincodeEvent?: (e: LedgerChaincodeEvent) => void } = {},
  ) {
    this.detach = backend.onChaincodeEvent((e) => {
      options.onChaincodeEvent?.(e);
      if (e.eventName !== EVENTS_APPENDED) return;
      if (this.eventListeners.size === 0 && this.anomalyListeners.size === 0) return;
      // Serialise handling so that subscribers see commits in order.
      this.queue = this.queue.then(() => this.handle(e)).catch((err: unknown) => console.error('[gateway] live feed:', err));
    });
  }

  onEvent(l: (r: LocatedRecord) => void): () => void {
    this.eventListeners.add(l);
    return () => this.eventListeners.delete(l);
  }

  onAnomaly(l: (a: Anomaly) => void): () => void {
    this.anomalyListeners.add(l);
    return () => this.anomalyListeners.delete(l);
  }

  close(): void {
    this.detach();
    for (const t of this.dueTimers.values()) clearTimeout(t);
    this.dueTimers.clear();
    this.eventListeners.clear();
    this.anomalyListeners.clear();
  }

  private async handle(e: LedgerChaincodeEvent): Promise<void> {
    const payload = JSON.parse(e.payload) as AppendedPayload;
    const summaries = payload.events ?? [];
    const reader = new LedgerReader(this.backend, this.config);
    const records = (await Promise.all(summaries.map(async (s) => reader.getEvent(e.channel, s.id)))).filter(
      (r): r is LocatedRecord => r !== undefined,
    );
    records.forEach((r, i) => {
      r.seq = i;
      r.proof = { blockNumber: e.blockNumber, txIndex: r.proof?.txIndex ?? 0, blockHash: e.blockHash };
    });
    if (this.eventListeners.size > 0) for (const r of records) for (const l of [...this.eventListeners]) l(r);
    if (this.anomalyListeners.size === 0) return;
    for (const r of records) this.watchTransit(r);
    const ids = new Set(records.map((r) => r.event.id));
    const goods = new Map<string, GoodsRef>();
    for (const r of records) for (const g of r.event.goods) goods.set(goodsKey(g), { type: g.type, id: g.id });
    for (const g of goods.values()) await this.announce(reader, g, (a) => a.eventIds.some((id) => ids.has(id)));
  }

  /** Re-analyses a goods when a committed hand-off's transit falls due, and announces the overdue
   * transit if no take-over has closed it by then. Timers beyond Node's 24.8-day limit are not
   * set; a trace still reports those when they are asked for. */
  private watchTransit(r: LocatedRecord): void {
    const dueBy = r.event.kind === 'HANDED_OFF' ? r.event.transit?.dueBy : undefined;
    if (!dueBy) return;
    const wait = Date.parse(dueBy) - Date.now();
    if (!(wait >= 0 && wait < 2 ** 31 - 1) || this.dueTimers.has(r.event.id)) return;
    const handOffId = r.event.id;
    const timer = setTimeout(() => {
      this.dueTimers.delete(handOffId);
      if (this.anomalyListeners.size === 0) return;
      const reader = new LedgerReader(this.backend, this.config);
      this.queue = this.queue
        .then(async () => {
          for (const g of r.event.goods) {
            await this.announce(reader, { type: g.type, id: g.id }, (a) => a.type === 'OVERDUE_TRANSIT' && a.eventIds.includes(handOffId));
          }
        })
        .catch((err: unknown) => console.error('[gateway] live feed:', err));
    }, wait + 1);
    timer.unref();
    this.dueTimers.set(handOffId, timer);
  }

  private async announce(reader: LedgerReader, g: GoodsRef, wanted: (a: Anomaly) => boolean): Promise<void> {
    const recs = await reader.goodsEvents(g);
    const graph: StitchedGraph = { nodes: new Map([[goodsKey(g), { goods: g, depth: 0, relation: 'ROOT', records: recs }]]), links: [] };
    const result = analyseTrace(graph, g, {
      now: new Date(),
      districts: this.config.districts,
      ...(this.options.weightTolerance !== undefined ? { weightTolerance: this.options.weightTolerance } : {}),
    });
    for (const a of result.anomalies) {
      if (!wanted(a)) continue;
      for (const l of [...this.anomalyListeners]) l(a);
    }
  }
}
