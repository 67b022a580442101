/** Committed blocks as the gateway's query store reads them: what each transaction wrote and how
 * it was validated, with the block hash that proofs carry. Both backends deliver the same shape. */

/** One state write of a transaction (in the chaincode's namespace). */
export interface CommittedWrite {
  key: string;
  isDelete: boolean;
  value?: Buffer;
}

/** One transaction of a committed block; only a VALID one changed state. */
export interface CommittedTransaction {
  txId: string;
  txIndex: number;
  validationCode: string;
  event?: { name: string; payload: string };
  writes: CommittedWrite[];
}

/**
 * A committed block of one channel.
 *
 * @example
 * ```ts
 * const stop = backend.committedBlocks?.('shanghai', 0, async (b) => console.log(b.number, b.hash, b.transactions.length));
 * stop?.();
 * ```
 */
export interface CommittedBlock {
  channel: string;
  number: number;
  /** The block hash proofs carry (hex). */
  hash: string;
  transactions: CommittedTransaction[];
}

/** Receives each block once, in order; the next block is delivered after the returned promise
 * settles. A rejection stops the feed and is passed to `onError`. */
export type CommittedBlockHandler = (block: CommittedBlock) => Promise<void>;

/** The committed-blocks feed of a backend (see LedgerBackend.committedBlocks). */
export interface CommittedBlockFeed {
  /** Delivers every committed block of `channel` from block `from` on, in order, then each new one
   * as it is committed; returns the function that stops delivery. */
  committedBlocks(channel: string, from: number, onBlock: CommittedBlockHandler, onError: (err: Error) => void): () => void;
  /** The hash of block `n` of `channel`, undefined when the channel is not that high. */
  blockHash(channel: string, n: number): Promise<string | undefined>;
}
