import { dataHash, headerHash, txHash } from './block';
import type { BlockRecord } from './record';
import type { ChannelStore } from './store';
import type { VerifyResult } from './types';

/** Walks every block: recomputes each transaction hash from its stored bytes, the data hash, the
 * header hash and the previous-hash chain, and checks the meta record against the last block.
 * Names the first block (and transaction) that does not check out. */
/** What is wrong with one block, if anything. */
interface Problem {
  reason: string;
  txIndex?: number;
  txId?: string;
}

export async function verifyChain(store: ChannelStore, onProgress?: (done: number, total: number) => void): Promise<VerifyResult> {
  const { height, lastHash } = store.meta;
  const bad = (blockNumber: number, { reason, txIndex, txId }: Problem): VerifyResult => ({
    ok: false,
    height,
    firstBad: { blockNumber, reason, ...(txIndex !== undefined ? { txIndex } : {}), ...(txId !== undefined ? { txId } : {}) },
  });
  let previousHash = '';
  for (let n = 0; n < height; n++) {
    const checked = await checkBlock(store, n, previousHash);
    if ('reason' in checked) return bad(n, checked);
    previousHash = checked.hash;
    onProgress?.(n + 1, height);
  }
  if (previousHash !== lastHash) return bad(Math.max(0, height - 1), { reason: 'meta record does not match the last block' });
  if (await store.getRawBlock(height)) return bad(height, { reason: 'block beyond the recorded height' });
  return { ok: true, height };
}

/** Block `n`'s header hash, or what does not check out in it. */
async function checkBlock(store: ChannelStore, n: number, previousHash: string): Promise<{ hash: string } | Problem> {
  const raw = await store.getRawBlock(n);
  if (!raw) return { reason: 'block record missing' };
  let block: BlockRecord;
  try {
    block = JSON.parse(raw.toString('utf8')) as BlockRecord;
  } catch {
    return { reason: 'block record unreadable' };
  }
  if (block.number !== n) return { reason: `block record carries number ${block.number}` };
  if (block.previousHash !== previousHash) return { reason: 'previous hash does not match the preceding block' };
  const txProblem = await checkTransactions(store, block);
  if (txProblem) return txProblem;
  if (dataHash(block.txHashes) !== block.dataHash) return { reason: 'data hash mismatch' };
  const hash = headerHash({ number: block.number, previousHash: block.previousHash, dataHash: block.dataHash });
  if (hash !== block.hash) return { reason: 'block hash mismatch' };
  return { hash };
}

/** Each transaction record of the block is there and hashes as the block says; none follows. */
async function checkTransactions(store: ChannelStore, block: BlockRecord): Promise<Problem | undefined> {
  const n = block.number;
  for (let i = 0; i < block.txHashes.length; i++) {
    const txRaw = await store.getRawTx(n, i);
    if (!txRaw) return { reason: 'transaction record missing', txIndex: i, txId: block.txIds[i] };
    if (txHash(txRaw) !== block.txHashes[i]) return { reason: 'transaction hash mismatch', txIndex: i, txId: block.txIds[i] };
  }
  if (await store.getRawTx(n, block.txHashes.length)) return { reason: 'transaction record beyond the block' };
  return undefined;
}
