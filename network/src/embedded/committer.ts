import { P_BLOCK, P_STATE, P_TXID, blockNumKey, encodeStateValue, historyKey } from './codec';
import { dataHash, headerHash, txHash } from './block';
import { encodeTxRecord, type BlockRecord } from './record';
import type { BatchOp, ChannelStore, TxRecordWrite } from './store';
import type { BlockUpdates } from './validator';
import type { StoredTransaction } from './types';

/** Writes block `number` with its transactions (already carrying their validation codes): the
 * records into the block file, then the state and history changes of the valid ones, the record
 * pointers, the txid index and the meta record in one durable LevelDB batch. The block is either
 * wholly there after a crash or not at all. */
export async function commitBlock(store: ChannelStore, txs: StoredTransaction[], updates: BlockUpdates): Promise<BlockRecord> {
  const number = store.meta.height;
  const ops: BatchOp[] = [];
  const records: TxRecordWrite[] = [];
  const txHashes: string[] = [];
  for (const tx of txs) {
    const raw = encodeTxRecord(tx);
    txHashes.push(txHash(raw));
    records.push({ blockNum: number, txNum: tx.txIndex, raw });
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
  }
  for (const [key, u] of updates) {
    ops.push(
      u.value === null
        ? { type: 'del', key: P_STATE + key }
        : { type: 'put', key: P_STATE + key, value: encodeStateValue({ blockNum: number, txNum: u.txNum }, u.value) },
    );
  }
  const header = { number, previousHash: store.meta.lastHash, dataHash: dataHash(txHashes) };
  const record: BlockRecord = { ...header, hash: headerHash(header), txIds: txs.map((t) => t.txId), txHashes };
  ops.push({ type: 'put', key: P_BLOCK + blockNumKey(number), value: Buffer.from(JSON.stringify(record), 'utf8') });
  await store.commit(ops, { height: number + 1, lastHash: record.hash }, records);
  return record;
}
