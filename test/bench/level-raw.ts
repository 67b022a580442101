import { mkdir } from 'node:fs/promises';
import { Level } from 'level';
import { STORE_OPTIONS } from '@cargotrace/network';

/** Baseline for the ingestion benchmark: plain `level` batch writes into one database, kept open
 * for the whole run, with the same LevelDB settings as the ledger's stores and no ledger work at
 * all. The batches are chained batches written with `sync: true`, the fastest way `level` offers
 * (several times cheaper per operation than the array form) and the way the ledger itself
 * commits, so the baseline is not handicapped. */
export class RawLevelWriter {
  private constructor(private readonly db: Level<string, Buffer>) {}

  static async open(dir: string): Promise<RawLevelWriter> {
    await mkdir(dir, { recursive: true });
    const db = new Level<string, Buffer>(dir, { keyEncoding: 'utf8', valueEncoding: 'buffer', ...STORE_OPTIONS });
    await db.open();
    return new RawLevelWriter(db);
  }

  /** Writes `entries` as one durable batch; returns the elapsed and CPU milliseconds (CPU of the
   * whole process, so LevelDB's own threads count as they do for the ledger). */
  async write(entries: Array<[string, Buffer]>): Promise<{ ms: number; cpuMs: number }> {
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const batch = this.db.batch();
    for (const [k, v] of entries) batch.put(k, v);
    await batch.write({ sync: true });
    const used = process.cpuUsage(cpu);
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, cpuMs: (used.user + used.system) / 1000 };
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
