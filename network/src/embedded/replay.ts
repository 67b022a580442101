import { indexOps, nextStateHash } from './committer';
import { checkFrame, describeProblem, type DecodedFrame } from './frame-check';
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

type Next = { kind: 'end' } | { kind: 'torn'; start: number } | { kind: 'decoded'; decoded: DecodedFrame };

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
  if (frame.kind === 'damaged') throw new BlockFileDamagedError(n, frame.reason, store.blockFile.file);
  const checked = checkFrame(frame, n, previousHash);
  if ('reason' in checked) throw new BlockFileDamagedError(n, describeProblem(checked), store.blockFile.file);
  return { kind: 'decoded', decoded: checked };
}

async function applyDecoded(store: ChannelStore, { frame, txs, updates }: DecodedFrame): Promise<void> {
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
