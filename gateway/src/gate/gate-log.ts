import { randomBytes } from 'node:crypto';
import { Level } from 'level';
import type { GateDirection, GateReason } from './gate-check';

/** One `gateCheck` answer as the gateway gave it. */
export interface GateDecisionEntry {
  id: string;
  containerNo: string;
  gateId: string;
  district: string;
  direction: GateDirection;
  decision: 'ALLOW' | 'DENY';
  reasons: GateReason[];
  /** ISO 8601, UTC. */
  checkedAt: string;
  checkedBy: { userId: string; org: string };
}

export interface GateLogQuery {
  decision?: 'ALLOW' | 'DENY';
  /** Inclusive bounds, epoch milliseconds. */
  fromMs?: number;
  toMs?: number;
  /** Which entries the caller may see (scope, district). */
  where?: (e: GateDecisionEntry) => boolean;
  first: number;
}

/** The gateway's audit log of gate decisions: every `gateCheck` answer, in a LevelDB beside the
 * embedded ledger (`<dataDir>/gate-decisions`). It is the gateway's own record of what it told a
 * gate, NOT ledger data: nothing here is endorsed, replicated or hash-chained, and a gateway on
 * another data directory keeps another log. Keys are the check time (ISO 8601, UTC) plus a random
 * suffix, so key order is time order. When the LevelDB cannot be opened (e.g. locked by another
 * gateway process), the log falls back to memory and says so: decisions are then lost on restart. */
export class GateLog {
  private readonly memory = new Map<string, GateDecisionEntry>();

  private constructor(
    private readonly db: Level<string, GateDecisionEntry> | undefined,
    readonly dir: string,
  ) {}

  static async open(dir: string): Promise<GateLog> {
    const db = new Level<string, GateDecisionEntry>(dir, { keyEncoding: 'utf8', valueEncoding: 'json' });
    try {
      await db.open();
      return new GateLog(db, dir);
    } catch (err) {
      console.warn(
        `[gateway] gate-decision log ${dir} cannot be opened (${(err as Error).message}); keeping gate decisions in memory only`,
      );
      return new GateLog(undefined, dir);
    }
  }

  /** Whether decisions survive a restart (false on the in-memory fallback). */
  get persistent(): boolean {
    return this.db !== undefined;
  }

  async append(entry: Omit<GateDecisionEntry, 'id' | 'checkedAt'> & { checkedAt?: Date }): Promise<GateDecisionEntry> {
    const checkedAt = (entry.checkedAt ?? new Date()).toISOString();
    const id = `${checkedAt}-${randomBytes(6).toString('hex')}`;
    const stored: GateDecisionEntry = { ...entry, id, checkedAt };
    if (this.db) await this.db.put(id, stored);
    else this.memory.set(id, stored);
    return stored;
  }

  /** Newest first. */
  async query(q: GateLogQuery): Promise<GateDecisionEntry[]> {
    const out: GateDecisionEntry[] = [];
    if (q.first <= 0) return out;
    const range = {
      ...(q.fromMs !== undefined ? { gte: new Date(q.fromMs).toISOString() } : {}),
      // Keys extend the ISO time with a suffix: `lt` the next millisecond keeps the whole of `toMs`.
      ...(q.toMs !== undefined ? { lt: new Date(q.toMs + 1).toISOString() } : {}),
    };
    const keep = (e: GateDecisionEntry) => (!q.decision || e.decision === q.decision) && (!q.where || q.where(e));
    const entries = this.db ? this.db.values({ ...range, reverse: true }) : this.memoryNewestFirst(range);
    for await (const e of entries) {
      if (keep(e) && out.push(e) >= q.first) break;
    }
    return out;
  }

  /** The in-memory entries within `range` (by key, as level ranges them), newest first. */
  private memoryNewestFirst(range: { gte?: string; lt?: string }): GateDecisionEntry[] {
    return [...this.memory.entries()]
      .filter(([k]) => !((range.gte && k < range.gte) || (range.lt && k >= range.lt)))
      .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
      .map(([, e]) => e);
  }

  async close(): Promise<void> {
    await this.db?.close();
  }
}
