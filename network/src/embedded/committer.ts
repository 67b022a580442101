import { P_BLOCK, P_STATE, P_TX, P_TXID, blockNumKey, encodeStateValue, encodeTxPointer, historyKey, txPosKey } from './codec';
import { dataHash, headerHash, txHash } from './block';
import { encodeTxRecord, type BlockRecord } from './record';
import { StateHash, writeSetHash } from './state-hash';
import type { BatchOp, ChannelStore, TxPlace } from './store';
import type { StoredTransaction, RwSet } from './types';

/** Pending state changes of the valid transactions of one block, in the order they were made. */
export type BlockUpdates = Map<string, { value: Buffer | null; txNum: number }>;

/** Adds a valid transaction's writes to its block's updates (a later write to a key wins, and the
 * key keeps its first position, which the write-set hash depends on). */
export function addWrites(updates: BlockUpdates, rwset: RwSet, txNum: number): void {
  for (const w of rwset.writes) updates.set(w.key, { value: w.isDelete ? null : (w.value ?? Buffer.alloc(0)), txNum });
}

/** The updates of a block as its transactions' validation codes decided them. */
export function updatesOf(txs: StoredTransaction[]): BlockUpdates {
  const updates: BlockUpdates = new Map();
  for (const tx of txs) if (tx.validationCode === 'VALID') addWrites(updates, tx.rwset, tx.txIndex);
  return updates;
}

/** The world state's digest once `updates` are applied to the store's committed state. */
export async function nextStateHash(store: ChannelStore, updates: BlockUpdates): Promise<string> {
  const digest = new StateHash(store.meta.stateHash);
  const keys = [...updates.keys()];
  const before = await store.getStates(keys);
  keys.forEach((key, i) => {
    const old = before[i];
    if (old) digest.remove(key, old.value);
    const value = updates.get(key)?.value;
    if (value) digest.add(key, value);
  });
  return digest.hex();
}

/** Everything the index derives from one block: record pointers, the txid index, history, state,
 * and the block record. */
export function indexOps(record: BlockRecord, txs: StoredTransaction[], updates: BlockUpdates, places: TxPlace[]): BatchOp[] {
  const number = record.number;
  const ops: BatchOp[] = [];
  txs.forEach((tx, i) => {
    ops.push({ type: 'put', key: P_TX + txPosKey(number, tx.txIndex), value: encodeTxPointer(places[i].offset, places[i].length) });
    if (tx.validationCode !== 'DUPLICATE_TXID') {
      // The first occurrence of a tx id owns the index entry, valid or not (as in Fabric).
      ops.push({
        type: 'put',
        key: P_TXID + tx.txId,
        value: Buffer.from(JSON.stringify({ b: number, t: tx.txIndex, c: tx.validationCode })),
      });
    }
    if (tx.validationCode === 'VALID') {
      for (const w of tx.rwset.writes) ops.push({ type: 'put', key: historyKey(w.key, number, tx.txIndex), value: Buffer.alloc(0) });
    }
  });
  for (const [key, u] of updates) {
    ops.push(
      u.value === null
        ? { type: 'del', key: P_STATE + key }
        : { type: 'put', key: P_STATE + key, value: encodeStateValue({ blockNum: number, txNum: u.txNum }, u.value) },
    );
  }
  ops.push({ type: 'put', key: P_BLOCK + blockNumKey(number), value: Buffer.from(JSON.stringify(record), 'utf8') });
  return ops;
}

/** Writes block `height` with its transactions (already carrying their validation codes): its
 * frame into the block file, synced, which commits it; then the index. The block header carries the
 * hash of the block's state changes and the digest of the state after it, which `verify` and a
 * rebuild check the state against. */
export async function commitBlock(store: ChannelStore, txs: StoredTransaction[], updates: BlockUpdates): Promise<BlockRecord> {
  const number = store.meta.height;
  const raws = txs.map(encodeTxRecord);
  const txHashes = raws.map(txHash);
  const header = {
    number,
    previousHash: store.meta.lastHash,
    dataHash: dataHash(txHashes),
    writeSetHash: writeSetHash(updates),
    stateHash: await nextStateHash(store, updates),
  };
  const record: BlockRecord = { ...header, hash: headerHash(header), txIds: txs.map((t) => t.txId), txHashes };
  await store.appendBlock(record, raws, (places) => indexOps(record, txs, updates, places));
  return record;
}
