import { dataHash, headerHash, txHash } from './block';
import type { FrameRead } from './block-file';
import { indexOps, nextStateHash, updatesOf, type BlockUpdates } from './committer';
import { decodeTxRecord } from './record';
import { writeSetHash } from './state-hash';
import type { ChannelStore } from './store';
import type { StoredTransaction } from './types';

/** The block file holds a block that cannot be applied: damaged bytes, a broken chain, or state
 * changes that do not add up to what the block recorded. The ledger refuses to open past it. */
export class BlockFileDamagedError extends Error {
  constructor(
    readonly blockNumber: number,
    readonly reason: string,
    file: string,
  ) {
    super(
      `block ${blockNumber} of ${file} is damaged: ${reason}. The blocks are the ledger's truth and are never cut to fit; restore the channel's chains/ directory from a backup`,
    );
    this.name = 'BlockFileDamagedError';
  }
}

type WholeFrame = Extract<FrameRead, { kind: 'frame' }>;

/** A whole frame read, checked and decoded: everything that does not depend on the state. */
interface Decoded {
  frame: WholeFrame;
  txs: StoredTransaction[];
  updates: BlockUpdates;
}

type Next = { kind: 'end' } | { kind: 'torn'; start: number } | { kind: 'decoded'; decoded: Decoded };

/** Applies to the index every whole block of the file past what it has applied (a reopen after a
 * crash, or a rebuild from block 0). A torn frame at the end is a block whose write never finished,
 * which nobody was told committed: it is cut off. The next block is read and decoded while one is
 * being written to LevelDB (which works on its own threads). Returns how many blocks were applied. */
export async function replayBlocks(
  store: ChannelStore,
  onProgress?: (applied: number, bytesDone: number, bytesTotal: number) => void,
): Promise<number> {
  const blocks = store.blockFile;
  let applied = 0;
  let next = readNext(store, store.meta.blockFileEnd, store.meta.height, store.meta.lastHash);
  for (;;) {
    const got = await next;
    if (got.kind === 'end') return applied;
    if (got.kind === 'torn') {
      await blocks.cutTornTail(got.start);
      return applied;
    }
    const { frame } = got.decoded;
    next = readNext(store, frame.end, frame.record.number + 1, frame.record.hash);
    // A failed prefetch must not surface as an unhandled rejection while this block applies.
    next.catch(() => undefined);
    await applyDecoded(store, got.decoded);
    applied++;
    onProgress?.(applied, frame.end, blocks.size);
  }
}

async function readNext(store: ChannelStore, at: number, n: number, previousHash: string): Promise<Next> {
  const frame = await store.blockFile.readFrame(at);
  if (frame.kind === 'end' || frame.kind === 'torn') return frame;
  const damaged = (reason: string) => new BlockFileDamagedError(n, reason, store.blockFile.file);
  if (frame.kind === 'damaged') throw damaged(frame.reason);
  const problem = frameProblem(frame, n, previousHash);
  if (problem) throw damaged(problem);
  const txs = frame.txs.map((t) => decodeTxRecord(t.raw));
  const updates = updatesOf(txs);
  if (frame.record.writeSetHash !== undefined && writeSetHash(updates) !== frame.record.writeSetHash)
    throw damaged('its transactions do not make the state changes its header records');
  return { kind: 'decoded', decoded: { frame, txs, updates } };
}

async function applyDecoded(store: ChannelStore, { frame, txs, updates }: Decoded): Promise<void> {
  const { record } = frame;
  const stateHash = await nextStateHash(store, updates);
  if (record.stateHash !== undefined && stateHash !== record.stateHash)
    throw new BlockFileDamagedError(
      record.number,
      'the state it leaves does not match the state hash it recorded (the blocks before it or the index were altered)',
      store.blockFile.file,
    );
  const places = frame.txs.map((t) => ({ offset: t.offset, length: t.raw.length }));
  await store.writeIndex(indexOps(record, txs, updates, places), {
    height: record.number + 1,
    lastHash: record.hash,
    blockFileEnd: frame.end,
    stateHash,
  });
}

/** What does not check out in a whole frame that should hold block `n` after `previousHash`. */
export function frameProblem(frame: WholeFrame, n: number, previousHash: string): string | undefined {
  const { record } = frame;
  if (!frame.checksumOk) return 'block frame checksum mismatch';
  if (record.number !== n) return `the frame holds block ${record.number}`;
  if (record.previousHash !== previousHash) return 'previous hash does not match the preceding block';
  if (frame.txs.length !== record.txHashes.length) return 'transaction count does not match the header';
  const hashes = frame.txs.map((t) => txHash(t.raw));
  const bad = hashes.findIndex((h, i) => h !== record.txHashes[i]);
  if (bad >= 0) return `transaction ${bad} hash mismatch`;
  if (dataHash(hashes) !== record.dataHash) return 'data hash mismatch';
  if (headerHash(record) !== record.hash) return 'block hash mismatch';
  return undefined;
}
