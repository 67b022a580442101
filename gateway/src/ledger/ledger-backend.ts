import type { CommittedBlockFeed } from './committed-blocks';

/** The ledger as the gateway sees it. Two implementations: the embedded Fabric-compatible ledger
 * (default, in-process) and, later, a Fabric network through fabric-network. Every call names the
 * config user whose X.509 identity signs it, so that the chaincode's own checks apply. */

/**
 * What a committed submit returns.
 *
 * @example
 * ```ts
 * const { txId, blockNumber, payload } = await backend.submit('shanghai', 'demo-yangshan-terminal', 'custody:appendEvents', [JSON.stringify(events)]);
 * const answer = JSON.parse(payload);
 * ```
 */
export interface SubmitOutcome {
  txId: string;
  blockNumber: number;
  /** The chaincode's return value (JSON text). */
  payload: string;
}

/**
 * A chaincode event of a valid transaction, delivered after its block is committed.
 *
 * @example
 * ```ts
 * const stop = backend.onChaincodeEvent((e) => console.log(e.channel, e.blockNumber, e.eventName, JSON.parse(e.payload)));
 * stop();
 * ```
 */
export interface LedgerChaincodeEvent {
  channel: string;
  blockNumber: number;
  txId: string;
  eventName: string;
  payload: string;
  blockHash: string;
}

/**
 * Where a transaction is on its channel: the evidence the API shows beside an event.
 *
 * @example
 * ```ts
 * const proof = await backend.transactionProof('shanghai', txId);
 * if (proof?.validationCode === 'VALID') console.log(`block ${proof.blockNumber} (${proof.blockHash})`);
 * ```
 */
export interface TransactionProof {
  channel: string;
  blockNumber: number;
  txId: string;
  blockHash: string;
  txIndex: number;
  validationCode: string;
}

/**
 * The result of re-checking a channel's hash chain block by block.
 *
 * @example
 * ```ts
 * const r = await backend.verify('shanghai');
 * if (!r.ok) console.error(`chain broken at block ${r.firstBad?.blockNumber}: ${r.firstBad?.reason}`);
 * ```
 */
export interface ChainVerification {
  channel: string;
  ok: boolean;
  height: number;
  firstBad?: { blockNumber: number; txId?: string; txIndex?: number; reason: string };
}

/**
 * The ledger as the gateway sees it (see the file comment); every call names the config user
 * whose identity signs it.
 *
 * @example
 * ```ts
 * import { EmbeddedBackend, type LedgerBackend } from '@cargotrace/gateway';
 * const backend: LedgerBackend = await EmbeddedBackend.open('.data', config);
 * const text = await backend.evaluate('shanghai', 'gateway-service', 'custody:getEvent', ['evt-1']);
 * console.log(backend.kind, backend.height('shanghai'), JSON.parse(text));
 * ```
 */
export interface LedgerBackend extends Partial<CommittedBlockFeed> {
  readonly kind: 'embedded' | 'fabric';
  /** Endorse, order and commit; resolves once the transaction's block is durable and valid.
   * Rejects with the chaincode's error message (JSON, see docs/chaincode-api.md) when endorsement
   * fails, or with a LedgerInvalidError when the committed transaction is invalid. */
  submit(channel: string, userId: string, fcn: string, args: string[]): Promise<SubmitOutcome>;
  evaluate(channel: string, userId: string, fcn: string, args: string[]): Promise<string>;
  /** Chaincode events of every channel, delivered after commit. Returns the unsubscribe function. */
  onChaincodeEvent(listener: (e: LedgerChaincodeEvent) => void): () => void;
  transactionProof(channel: string, txId: string): Promise<TransactionProof | undefined>;
  verify(channel: string): Promise<ChainVerification>;
  /** Number of blocks on the channel. */
  height(channel: string): number;
  close(): Promise<void>;
}

/** A committed transaction was marked invalid (e.g. MVCC_READ_CONFLICT); nothing was written. */
export class LedgerInvalidError extends Error {
  constructor(
    readonly validationCode: string,
    readonly txId: string,
  ) {
    super(`transaction ${txId} invalid: ${validationCode}`);
    this.name = 'LedgerInvalidError';
  }
}

/** The peer refused the caller before running chaincode (not a channel member, bad certificate). */
export class LedgerAccessDeniedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerAccessDeniedError';
  }
}
