import { dataHash, headerHash, txHash } from './block';
import type { BlockRecord } from './record';
import type { ChannelStore } from './store';
import type { VerifyResult } from './types';

/** Walks every block: recomputes each transaction hash from its stored bytes, the data hash, the
 * header hash and the previous-hash chain, and checks the meta record against the last block.
 * Names the first block (and transaction) that does not check out. */
export async function verifyChain(store: ChannelStore, onProgress?: (done: number, total: number) => void): Promise<VerifyResult> {
  const { height, lastHash } = store.meta;
  const bad = (blockNumber: number, reason: string, txIndex?: number, txId?: string): VerifyResult => ({
    ok: false,
    height,
    firstBad: { blockNumber, reason, ...(txIndex !== undefined ? { txIndex } : {}), ...(txId !== undefined ? { txId } : {}) },
  });
  let previousHash = '';
  for (let n = 0; n < height; n++) {
    const raw = await store.getRawBlock(n);
    if (!raw) return bad(n, 'block record missing');
    let block: BlockRecord;
    try {
      block = JSON.parse(raw.toString('utf8')) as BlockRecord;
    } catch {
      return bad(n, 'block record unreadable');
    }
    if (block.number !== n) return bad(n, `block record carries number ${block.number}`);
    if (block.previousHash !== previousHash) return bad(n, 'previous hash does not match the preceding block');
    for (let i = 0; i < block.txHashes.length; i++) {
      const txRaw = await store.getRawTx(n, i);
      if (!txRaw) return bad(n, 'transaction record missing', i, block.txIds[i]);
      if (txHash(txRaw) !== block.txHashes[i]) return bad(n, 'transaction hash mismatch', i, block.txIds[i]);
    }
    if (await store.getRawTx(n, block.txHashes.length)) return bad(n, 'transaction record beyond the block');
    if (dataHash(block.txHashes) !== block.dataHash) return bad(n, 'data hash mismatch');
    const hash = headerHash({ number: block.number, previousHash: block.previousHash, dataHash: block.dataHash });
    if (hash !== block.hash) return bad(n, 'block hash mismatch');
    previousHash = hash;
    onProgress?.(n + 1, height);
  }
  if (previousHash !== lastHash) return bad(Math.max(0, height - 1), 'meta record does not match the last block');
  if (await store.getRawBlock(height)) return bad(height, 'block beyond the recorded height');
  return { ok: true, height };
}
