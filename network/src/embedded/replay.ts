import { dataHash, headerHash, txHash } from './block';
import type { FrameRead } from './block-file';
import { indexOps, nextStateHash, updatesOf } from './committer';
import { decodeTxRecord } from './record';
import { writeSetHash } from './state-hash';
import type { ChannelStore } from './store';

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

/** Applies to the index every whole block of the file past what it has applied (a reopen after a
 * crash, or a rebuild from block 0). A torn frame at the end is a block whose write never finished,
 * which nobody was told committed: it is cut off. Returns how many blocks were applied. */
export async function replayBlocks(
  store: ChannelStore,
  onProgress?: (applied: number, bytesDone: number, bytesTotal: number) => void,
): Promise<number> {
  const blocks = store.blockFile;
  let applied = 0;
  for (;;) {
    const frame = await blocks.readFrame(store.meta.blockFileEnd);
    if (frame.kind === 'end') return applied;
    if (frame.kind === 'torn') {
      await blocks.cutTornTail(frame.start);
      return applied;
    }
    if (frame.kind === 'damaged') throw new BlockFileDamagedError(store.meta.height, frame.reason, blocks.file);
    await applyFrame(store, frame);
    applied++;
    onProgress?.(applied, frame.end, blocks.size);
  }
}

async function applyFrame(store: ChannelStore, frame: WholeFrame): Promise<void> {
  const { record } = frame;
  const n = store.meta.height;
  const damaged = (reason: string) => new BlockFileDamagedError(n, reason, store.blockFile.file);
  const problem = frameProblem(frame, n, store.meta.lastHash);
  if (problem) throw damaged(problem);
  const txs = frame.txs.map((t) => decodeTxRecord(t.raw));
  const updates = updatesOf(txs);
  if (record.writeSetHash !== undefined && writeSetHash(updates) !== record.writeSetHash)
    throw damaged('its transactions do not make the state changes its header records');
  const stateHash = await nextStateHash(store, updates);
  if (record.stateHash !== undefined && stateHash !== record.stateHash)
    throw damaged('the state it leaves does not match the state hash it recorded (the blocks before it or the index were altered)');
  const places = frame.txs.map((t) => ({ offset: t.offset, length: t.raw.length }));
  await store.writeIndex(indexOps(record, txs, updates, places), {
    height: n + 1,
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
