import { sameVersion } from './codec';
import { addWrites, type BlockUpdates } from './committer';
import type { ChannelStore } from './store';
import type { RangeQueryInfo, RwSet, ValidationCode } from './types';

export interface ValidationInput {
  txId: string;
  rwset: RwSet;
}

/** Fabric's committer-side validation (MVCC + phantom reads + duplicate tx ids), transaction by
 * transaction in block order, against committed state plus the writes of the earlier valid
 * transactions of the same block. Returns one code per transaction and the merged updates. */
export async function validateBlock(
  store: ChannelStore,
  txs: ValidationInput[],
): Promise<{ codes: ValidationCode[]; updates: BlockUpdates }> {
  const updates: BlockUpdates = new Map();
  const seen = new Set<string>();
  const codes: ValidationCode[] = [];
  for (let txNum = 0; txNum < txs.length; txNum++) {
    const tx = txs[txNum];
    let code: ValidationCode;
    if (seen.has(tx.txId) || (await store.getTxIndex(tx.txId))) code = 'DUPLICATE_TXID';
    else if (!(await readsValid(store, tx.rwset, updates))) code = 'MVCC_READ_CONFLICT';
    else if (!(await rangesValid(store, tx.rwset.rangeQueries, updates))) code = 'PHANTOM_READ_CONFLICT';
    else code = 'VALID';
    seen.add(tx.txId);
    codes.push(code);
    if (code === 'VALID') addWrites(updates, tx.rwset, txNum);
  }
  return { codes, updates };
}

async function readsValid(store: ChannelStore, rwset: RwSet, updates: BlockUpdates): Promise<boolean> {
  // A key written earlier in this block has a new version whatever its committed one was.
  if (rwset.reads.some((r) => updates.has(r.key))) return false;
  const committed = await store.getVersions(rwset.reads.map((r) => r.key));
  return rwset.reads.every((r, i) => sameVersion(r.version, committed[i]));
}

/** LevelDB orders keys by their UTF-8 bytes; so must every comparison against its ranges. */
function cmp(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

async function rangesValid(store: ChannelStore, queries: RangeQueryInfo[], updates: BlockUpdates): Promise<boolean> {
  for (const q of queries) {
    // Not exhausted: only [startKey, last result] was observed (Fabric does the same).
    if (!q.itrExhausted && q.results.length === 0) continue;
    const end = q.itrExhausted ? q.endKey : q.results[q.results.length - 1].key;
    const inclusive = !q.itrExhausted;
    const inRange = (k: string) => cmp(k, q.startKey) >= 0 && (end === '' || (inclusive ? cmp(k, end) <= 0 : cmp(k, end) < 0));
    // Any write by an earlier valid tx of this block inside the range adds, changes or removes a
    // result (stricter than Fabric only for deletes of absent keys).
    for (const k of updates.keys()) if (inRange(k)) return false;
    const reader = store.range({ start: q.startKey, end, endInclusive: inclusive });
    try {
      for (const expected of q.results) {
        const actual = await reader.next();
        if (!actual || actual.key !== expected.key || !sameVersion(actual.version, expected.version)) return false;
      }
      if (await reader.next()) return false;
    } finally {
      await reader.close();
    }
  }
  return true;
}
