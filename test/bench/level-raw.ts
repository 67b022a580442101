import { mkdir } from 'node:fs/promises';
import { Level } from 'level';

/** Baseline for the ingestion benchmark: the same key/value set written with plain `level` batch
 * writes (one `sync: true` batch per `batchSize` entries) into a fresh database at `dir`, with no
 * ledger work at all. The ledger's throughput is reported as a ratio of this. */
export async function rawLevelBatchWrite(dir: string, entries: Array<[string, Buffer]>, batchSize: number): Promise<{ ms: number }> {
  if (!Number.isInteger(batchSize) || batchSize <= 0) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  await mkdir(dir, { recursive: true });
  const db = new Level<string, Buffer>(dir, { keyEncoding: 'utf8', valueEncoding: 'buffer' });
  await db.open();
  try {
    const started = process.hrtime.bigint();
    for (let i = 0; i < entries.length; i += batchSize) {
      const ops = entries.slice(i, i + batchSize).map(([key, value]) => ({ type: 'put' as const, key, value }));
      await db.batch(ops, { sync: true });
    }
    return { ms: Number(process.hrtime.bigint() - started) / 1e6 };
  } finally {
    await db.close();
  }
}
