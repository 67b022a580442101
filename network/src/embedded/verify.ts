import type { BlockFile } from './block-file';
import { checkFrame, type FrameProblem as Problem, type WholeFrame } from './frame-check';
import { StateHash } from './state-hash';
import type { ChannelStore, LedgerMeta } from './store';
import type { VerifyResult } from './types';

type Snapshot = ReturnType<ChannelStore['snapshot']>;

/** Checks a channel at one consistent height (the index's, taken from one LevelDB snapshot, so
 * blocks committed meanwhile are neither checked nor mistaken for damage): every block of the block
 * file up to it (checksum, transaction hashes, data hash, header hash, previous-hash chain, the hash
 * of its state changes), that the index's block records agree with the file, and that the state
 * adds up to the state hash the last block recorded. Names the first block (and transaction) that
 * does not check out. */
export async function verifyChain(store: ChannelStore, onProgress?: (done: number, total: number) => void): Promise<VerifyResult> {
  const snapshot = store.snapshot();
  try {
    const meta = await store.metaAt(snapshot);
    const blocks = await store.openBlocksForRead();
    const { height } = meta;
    const bad = (blockNumber: number, { reason, txIndex, txId }: Problem): VerifyResult => ({
      ok: false,
      height,
      firstBad: { blockNumber, reason, ...(txIndex !== undefined ? { txIndex } : {}), ...(txId !== undefined ? { txId } : {}) },
    });
    if (!blocks) return height === 0 ? { ok: true, height } : bad(0, { reason: 'the block file is missing' });
    const walked = await walkBlocks(store, blocks, meta, snapshot, onProgress);
    if ('reason' in walked) return bad(walked.blockNumber, walked);
    const stateProblem = await checkState(store, snapshot, walked.stateHash);
    return stateProblem ? bad(Math.max(0, height - 1), stateProblem) : { ok: true, height };
  } finally {
    await snapshot.close();
  }
}

async function walkBlocks(
  store: ChannelStore,
  blocks: BlockFile,
  meta: LedgerMeta,
  snapshot: Snapshot,
  onProgress?: (done: number, total: number) => void,
): Promise<{ stateHash?: string } | (Problem & { blockNumber: number })> {
  let at = 0;
  let previousHash = '';
  let stateHash: string | undefined;
  for (let n = 0; n < meta.height; n++) {
    const frame = await blocks.readFrame(at);
    if (frame.kind !== 'frame')
      return { blockNumber: n, reason: frame.kind === 'damaged' ? frame.reason : 'block missing from the block file' };
    const checked = checkFrame(frame, n, previousHash);
    const problem = 'reason' in checked ? checked : await checkIndexRecord(store, frame, snapshot);
    if (problem) return { blockNumber: n, ...problem };
    previousHash = frame.record.hash;
    stateHash = frame.record.stateHash;
    at = frame.end;
    onProgress?.(n + 1, meta.height);
  }
  if (previousHash !== meta.lastHash)
    return { blockNumber: Math.max(0, meta.height - 1), reason: 'meta record does not match the last block' };
  if (at !== meta.blockFileEnd) return { blockNumber: Math.max(0, meta.height - 1), reason: 'meta record does not end at the last block' };
  return stateHash === undefined ? {} : { stateHash };
}

async function checkIndexRecord(store: ChannelStore, frame: WholeFrame, snapshot: Snapshot): Promise<Problem | undefined> {
  const raw = await store.getRawBlock(frame.record.number, snapshot);
  if (!raw) return { reason: 'block record missing from the index' };
  try {
    if ((JSON.parse(raw.toString('utf8')) as { hash?: unknown }).hash === frame.record.hash) return undefined;
  } catch {
    // falls through: an unreadable record disagrees with the file as much as a different one
  }
  return { reason: "the index's block record differs from the block file" };
}

/** One pass over the state at the snapshot, summed as the committer sums it. */
async function checkState(store: ChannelStore, snapshot: Snapshot, expected: string | undefined): Promise<Problem | undefined> {
  if (expected === undefined) return undefined;
  const digest = new StateHash();
  const reader = store.range({ start: '', end: '' }, snapshot);
  try {
    for (let e = await reader.next(); e; e = await reader.next()) digest.add(e.key, e.value);
  } catch (err) {
    return { reason: `the state does not read back: ${(err as Error).message}` };
  } finally {
    await reader.close();
  }
  return digest.hex() === expected ? undefined : { reason: 'the state differs from the state hash of the last block' };
}
