import { dataHash, headerHash, txHash } from './block';
import type { FrameRead } from './block-file';
import { updatesOf, type BlockUpdates } from './committer';
import { decodeTxRecord } from './record';
import { writeSetHash } from './state-hash';
import type { StoredTransaction } from './types';

export type WholeFrame = Extract<FrameRead, { kind: 'frame' }>;

/** What is wrong with one block, if anything. */
export interface FrameProblem {
  reason: string;
  txIndex?: number;
  txId?: string;
}

/** A frame's transactions decoded, and the state changes their validation codes make. */
export interface DecodedFrame {
  frame: WholeFrame;
  txs: StoredTransaction[];
  updates: BlockUpdates;
}

/** Checks a whole frame that should hold block `n` after `previousHash`, as the open (replay.ts)
 * and `verify` both must: number, chain, each transaction's hash (first, so that an altered record
 * is named rather than only its frame's checksum), data hash, header hash, checksum, and the hash
 * of the state changes. Returns the frame decoded, or what does not check out. */
export function checkFrame(frame: WholeFrame, n: number, previousHash: string): DecodedFrame | FrameProblem {
  const { record } = frame;
  if (record.number !== n) return { reason: `block record carries number ${record.number}` };
  if (record.previousHash !== previousHash) return { reason: 'previous hash does not match the preceding block' };
  for (let i = 0; i < record.txHashes.length; i++) {
    const tx = frame.txs.at(i);
    if (!tx) return { reason: 'transaction record missing', txIndex: i, txId: record.txIds[i] };
    if (txHash(tx.raw) !== record.txHashes[i]) return { reason: 'transaction hash mismatch', txIndex: i, txId: record.txIds[i] };
  }
  if (frame.txs.length > record.txHashes.length) return { reason: 'transaction record beyond the block' };
  if (dataHash(record.txHashes) !== record.dataHash) return { reason: 'data hash mismatch' };
  if (headerHash(record) !== record.hash) return { reason: 'block hash mismatch' };
  if (!frame.checksumOk) return { reason: 'block frame checksum mismatch' };
  const txs = frame.txs.map((t) => decodeTxRecord(t.raw));
  const updates = updatesOf(txs);
  if (record.writeSetHash !== undefined && writeSetHash(updates) !== record.writeSetHash)
    return { reason: 'state changes do not match the write-set hash' };
  return { frame, txs, updates };
}

/** A problem as one line: the reason, and the transaction it concerns. */
export function describeProblem({ reason, txIndex, txId }: FrameProblem): string {
  return txIndex === undefined ? reason : `transaction ${txIndex}${txId ? ` (${txId})` : ''}: ${reason}`;
}
