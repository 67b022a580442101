import { mkdir } from 'node:fs/promises';
import { Level } from 'level';
import { STORE_OPTIONS } from '@cargotrace/network';

/** Baseline for the ingestion benchmark: the same key/value set written with plain `level` batch
 * writes (one `sync: true` batch per `batchSize` entries) into a fresh database at `dir`, with no
 * ledger work at all, and the same LevelDB settings as the ledger's stores. The ledger's throughput is reported as a ratio of this. The batches are
 * chained batches, the fastest way `level` offers (several times cheaper per operation than the
 * array form) and the way the ledger itself commits, so the baseline is not handicapped. */
export async function rawLevelBatchWrite(dir: string, entries: Array<[string, Buffer]>, batchSize: number): Promise<{ ms: number }> {
  if (!Number.isInteger(batchSize) || batchSize <= 0) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  await mkdir(dir, { recursive: true });
  const db = new Level<string, Buffer>(dir, { keyEncoding: 'utf8', valueEncoding: 'buffer', ...STORE_OPTIONS });
  await db.open();
  try {
    const started = process.hrtime.bigint();
    for (let i = 0; i < entries.length; i += batchSize) {
      const batch = db.batch();
      const end = Math.min(entries.length, i + batchSize);
      for (let j = i; j < end; j++) batch.put(entries[j]![0], entries[j]![1]);
      await batch.write({ sync: true });
    }
    return { ms: Number(process.hrtime.bigint() - started) / 1e6 };
  } finally {
    await db.close();
  }
}
