import { Level } from 'level';
import type { CargoTraceClient, AppendResult } from './client';
import { TransientError } from './client';
import type { CustodyEvent } from '@cargotrace/model';

/**
 * Where an outbox entry came from (file and line), for reports.
 *
 * @example
 * await outbox.enqueue([{ event, source: { file: 'wms-export.csv', line: 42 } }]);
 */
export interface EntrySource {
  file?: string;
  line?: number;
}

/**
 * An event waiting in the outbox, in sending order (`seq`).
 *
 * @example
 * const next: OutboxEntry[] = await outbox.peek(10);
 * for (const e of next) console.log(e.seq, e.event.id, e.source?.line, e.enqueuedAt);
 */
export interface OutboxEntry {
  seq: number;
  event: CustodyEvent;
  source?: EntrySource;
  enqueuedAt: string;
}

/**
 * An event the gateway rejected, with its answer; kept until cleared.
 *
 * @example
 * for (const d of await outbox.deadLetters(100)) console.log(d.entry.event.id, d.result.code, d.result.path, d.result.message);
 */
export interface DeadLetter {
  entry: OutboxEntry;
  result: AppendResult;
  at: string;
}

/**
 * Options of {@link Outbox.flush}.
 *
 * @example
 * await outbox.flush(client, { batchSize: 200, onResults: (entries, results) => console.log(`${entries.length} acknowledged`) });
 */
export interface FlushOptions {
  /** events per POST (default 500) */
  batchSize?: number;
  /** stop after this many events (default: all) */
  limit?: number;
  /** called after each acknowledged batch, with the batch and the gateway's answer per event */
  onResults?: (entries: OutboxEntry[], results: AppendResult[]) => void | Promise<void>;
  onRetry?: (err: TransientError, attempt: number, delayMs: number) => void;
}

/**
 * What a flush did; `remaining` events stay queued (and `stoppedBy` says why) when the gateway
 * stayed unavailable.
 *
 * @example
 * const r: FlushReport = await outbox.flush(client);
 * console.log(`sent ${r.sent}: accepted ${r.accepted}, duplicate ${r.duplicate}, rejected ${r.rejected}; ${r.remaining} remaining`);
 */
export interface FlushReport {
  sent: number;
  accepted: number;
  duplicate: number;
  rejected: number;
  remaining: number;
  /** set when flushing stopped because the gateway stayed unavailable; nothing was lost */
  stoppedBy?: string;
}

/**
 * Counts of queued and rejected events, and the oldest and newest queued ones.
 *
 * @example
 * const st: OutboxStatus = await outbox.status();
 * if (st.oldest) console.log(`${st.queued} queued since ${st.oldest.enqueuedAt}`);
 */
export interface OutboxStatus {
  queued: number;
  rejected: number;
  oldest?: { seq: number; id: string; enqueuedAt: string };
  newest?: { seq: number; id: string; enqueuedAt: string };
}

const Q = 'q!';
const ID = 'id!';
const DEAD = 'dead!';
const CKPT = 'ckpt!';
const META_SEQ = 'meta!seq';
const pad = (n: number) => n.toString().padStart(16, '0');

type Op = { type: 'put'; key: string; value: unknown } | { type: 'del'; key: string };

/**
 * Durable outbox on LevelDB. Events are written locally first (one atomic batch, together with an
 * optional import checkpoint), sent in order, and removed only once the gateway acknowledged them
 * (accepted or duplicate). Rejected events move to a dead-letter list with the gateway's reason.
 * A crash or gateway outage loses nothing; since every event has a stable id, resending after a
 * crash between "sent" and "removed" only yields `duplicate` answers.
 *
 * One process at a time may open an outbox directory (LevelDB's lock).
 *
 * @example
 * const outbox = await Outbox.open('.cargotrace/outbox');
 * try {
 *   await outbox.enqueue(events.map((e) => ({ event: withId(e) }))); // ids are content hashes
 *   const report = await outbox.flush(new CargoTraceClient({ gateway: 'http://127.0.0.1:4000', apiKey: 'demo-sip-warehouse' }));
 *   console.log(report.accepted, report.remaining);
 * } finally {
 *   await outbox.close();
 * }
 */
export class Outbox {
  private readonly db: Level<string, unknown>;
  private seq = 0;
  private opened = false;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(readonly dir: string) {
    this.db = new Level<string, unknown>(dir, { valueEncoding: 'json' });
  }

  static async open(dir: string): Promise<Outbox> {
    const o = new Outbox(dir);
    await o.open();
    return o;
  }

  async open(): Promise<void> {
    if (this.opened) return;
    await this.db.open();
    this.seq = ((await this.db.get(META_SEQ)) as number | undefined) ?? 0;
    this.opened = true;
  }

  async close(): Promise<void> {
    await this.chain.catch(() => undefined);
    if (this.opened) await this.db.close();
    this.opened = false;
  }

  /** serialise writers inside this process */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.chain.then(fn, fn);
    this.chain = p.catch(() => undefined);
    return p;
  }

  /**
   * Queues events (skipping ids already queued) and optionally stores a checkpoint in the same
   * atomic write. Returns how many were newly queued.
   */
  enqueue(items: { event: CustodyEvent; source?: EntrySource }[], checkpoint?: { key: string; value: unknown }): Promise<number> {
    return this.exclusive(async () => {
      const ids = items.map((i) => i.event.id);
      const existing = ids.length ? await this.db.getMany(ids.map((id) => ID + id)) : [];
      const ops: Op[] = [];
      const seen = new Set<string>();
      let seq = this.seq;
      const now = new Date().toISOString();
      items.forEach((item, i) => {
        const id = item.event.id;
        if (!id) throw new Error('outbox: event without id');
        if (existing[i] !== undefined || seen.has(id)) return;
        seen.add(id);
        seq += 1;
        const entry: OutboxEntry = { seq, event: item.event, source: item.source, enqueuedAt: now };
        ops.push({ type: 'put', key: Q + pad(seq), value: entry }, { type: 'put', key: ID + id, value: seq });
      });
      if (seq !== this.seq) ops.push({ type: 'put', key: META_SEQ, value: seq });
      if (checkpoint) ops.push({ type: 'put', key: CKPT + checkpoint.key, value: checkpoint.value });
      if (ops.length) await this.db.batch(ops as never);
      this.seq = seq;
      return seen.size;
    });
  }

  async getCheckpoint<T = unknown>(key: string): Promise<T | undefined> {
    return (await this.db.get(CKPT + key)) as T | undefined;
  }

  async setCheckpoint(key: string, value: unknown): Promise<void> {
    await this.exclusive(() => this.db.put(CKPT + key, value));
  }

  async deleteCheckpoint(key: string): Promise<void> {
    await this.exclusive(() => this.db.del(CKPT + key));
  }

  async isQueued(id: string): Promise<boolean> {
    return (await this.db.get(ID + id)) !== undefined;
  }

  /** The oldest `limit` queued entries, in send order. */
  async peek(limit = 500): Promise<OutboxEntry[]> {
    const out: OutboxEntry[] = [];
    for await (const v of this.db.values({ gt: Q, lt: Q + '\xff', limit })) out.push(v as OutboxEntry);
    return out;
  }

  async size(): Promise<number> {
    let n = 0;
    for await (const _k of this.db.keys({ gt: Q, lt: Q + '\xff' })) n++;
    return n;
  }

  async deadLetters(limit = Infinity): Promise<DeadLetter[]> {
    const out: DeadLetter[] = [];
    for await (const v of this.db.values({ gt: DEAD, lt: DEAD + '\xff', limit: Number.isFinite(limit) ? limit : -1 }))
      out.push(v as DeadLetter);
    return out;
  }

  async clearDeadLetters(): Promise<number> {
    return this.exclusive(async () => {
      const ops: Op[] = [];
      for await (const k of this.db.keys({ gt: DEAD, lt: DEAD + '\xff' })) ops.push({ type: 'del', key: k });
      if (ops.length) await this.db.batch(ops as never);
      return ops.length;
    });
  }

  async status(): Promise<OutboxStatus> {
    let queued = 0;
    let oldest: OutboxEntry | undefined;
    let newest: OutboxEntry | undefined;
    for await (const v of this.db.values({ gt: Q, lt: Q + '\xff' })) {
      const e = v as OutboxEntry;
      if (!oldest) oldest = e;
      newest = e;
      queued++;
    }
    let rejected = 0;
    for await (const _k of this.db.keys({ gt: DEAD, lt: DEAD + '\xff' })) rejected++;
    const brief = (e?: OutboxEntry) => (e ? { seq: e.seq, id: e.event.id, enqueuedAt: e.enqueuedAt } : undefined);
    return { queued, rejected, oldest: brief(oldest), newest: brief(newest) };
  }

  /** Removes acknowledged entries (and dead-letters rejected ones) in one atomic write. */
  async acknowledge(entries: OutboxEntry[], results: AppendResult[]): Promise<void> {
    await this.exclusive(async () => {
      const ops: Op[] = [];
      const at = new Date().toISOString();
      entries.forEach((entry, i) => {
        const r = results[i];
        ops.push({ type: 'del', key: Q + pad(entry.seq) }, { type: 'del', key: ID + entry.event.id });
        if (r.status === 'rejected')
          ops.push({ type: 'put', key: DEAD + pad(entry.seq), value: { entry, result: r, at } satisfies DeadLetter });
      });
      if (ops.length) await this.db.batch(ops as never);
    });
  }

  /**
   * Sends queued events in order, batch by batch, until the queue is empty (or `limit`).
   * Transient failures are retried by the client; if the gateway stays unavailable the flush stops
   * with `stoppedBy` set and every unsent event stays queued. Other errors (auth, malformed
   * answers) are thrown, also leaving the queue intact.
   */
  async flush(client: CargoTraceClient, opts: FlushOptions = {}): Promise<FlushReport> {
    const batchSize = Math.max(1, Math.min(opts.batchSize ?? 500, 1000));
    const report: FlushReport = { sent: 0, accepted: 0, duplicate: 0, rejected: 0, remaining: 0 };
    const limit = opts.limit ?? Infinity;
    while (report.sent < limit) {
      const entries = await this.peek(Math.min(batchSize, limit - report.sent));
      if (!entries.length) break;
      let results: AppendResult[];
      try {
        results = await client.withRetry(() => client.postEvents(entries.map((e) => e.event)), opts.onRetry);
      } catch (err) {
        if (err instanceof TransientError) {
          report.stoppedBy = err.message;
          break;
        }
        throw err;
      }
      await this.acknowledge(entries, results);
      report.sent += entries.length;
      for (const r of results) report[r.status === 'accepted' ? 'accepted' : r.status === 'duplicate' ? 'duplicate' : 'rejected']++;
      await opts.onResults?.(entries, results);
    }
    report.remaining = await this.size();
    return report;
  }
}
