/** The ledger as the gateway sees it. Two implementations: the embedded Fabric-compatible ledger
 * (default, in-process) and, later, a Fabric network through fabric-network. Every call names the
 * config user whose X.509 identity signs it, so that the chaincode's own checks apply. */

export interface SubmitOutcome {
  txId: string;
  blockNumber: number;
  /** The chaincode's return value (JSON text). */
  payload: string;
}

export interface LedgerChaincodeEvent {
  channel: string;
  blockNumber: number;
  txId: string;
  eventName: string;
  payload: string;
  blockHash: string;
}

export interface TransactionProof {
  channel: string;
  blockNumber: number;
  txId: string;
  blockHash: string;
  txIndex: number;
  validationCode: string;
}

export interface ChainVerification {
  channel: string;
  ok: boolean;
  height: number;
  firstBad?: { blockNumber: number; txId?: string; txIndex?: number; reason: string };
}

export interface LedgerBackend {
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
  constructor(readonly validationCode: string, readonly txId: string) {
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
