import type { EmbeddedChannel, StoredBlock } from '@cargotrace/network';
import type { CommittedBlock, CommittedBlockHandler } from './committed-blocks';

/** The committed blocks of one embedded channel from `from` on: the blocks already there are read
 * with getBlock, then each 'block' event (emitted once a block is durable) moves the feed on. One
 * block at a time, in order, whatever the pace of commits. */
export function embeddedBlockFeed(
  channel: EmbeddedChannel,
  name: string,
  from: number,
  onBlock: CommittedBlockHandler,
  onError: (err: Error) => void,
): () => void {
  let next = from;
  let pumping = false;
  let stopped = false;
  // Read through a function: `stop()` may set it while a block is being handled.
  const running = (): boolean => !stopped;
  const pump = async (): Promise<void> => {
    if (pumping || stopped) return;
    pumping = true;
    try {
      while (running() && next < channel.height()) {
        await onBlock(committedBlockOf(name, await channel.getBlock(next)));
        next++;
      }
    } catch (err) {
      stopped = true;
      channel.off('block', wake);
      onError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      pumping = false;
    }
    // A block committed while the last one was being handled.
    if (running() && next < channel.height()) void pump();
  };
  const wake = (): void => void pump();
  channel.on('block', wake);
  void pump();
  return () => {
    stopped = true;
    channel.off('block', wake);
  };
}

export function committedBlockOf(channel: string, block: StoredBlock): CommittedBlock {
  return {
    channel,
    number: block.header.number,
    hash: block.hash,
    transactions: block.transactions.map((tx) => ({
      txId: tx.txId,
      txIndex: tx.txIndex,
      validationCode: tx.validationCode,
      ...(tx.event ? { event: { name: tx.event.name, payload: tx.event.payload.toString('utf8') } } : {}),
      writes: tx.rwset.writes.map((w) => ({ key: w.key, isDelete: w.isDelete, ...(w.value ? { value: w.value } : {}) })),
    })),
  };
}
