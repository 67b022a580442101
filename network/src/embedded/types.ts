/** Public shapes of the embedded ledger: block cutting, stored blocks and transactions, events. */

/** Orderer batch settings, named after Fabric's configtx BatchSize / BatchTimeout. */
export interface BlockCutting {
  /** Cut a block once this many transactions are pending (Fabric MaxMessageCount). */
  maxMessageCount: number;
  /** Cut a block once the pending transactions reach this many bytes (Fabric PreferredMaxBytes). */
  preferredMaxBytes: number;
  /** Cut a block this long after its first transaction arrived (Fabric BatchTimeout). */
  batchTimeoutMs: number;
}

export const DEFAULT_BLOCK_CUTTING: BlockCutting = {
  maxMessageCount: 500,
  preferredMaxBytes: 8 * 1024 * 1024,
  batchTimeoutMs: 20,
};

/** Fabric's TxValidationCode names, the subset this ledger produces. */
export type ValidationCode = 'VALID' | 'MVCC_READ_CONFLICT' | 'PHANTOM_READ_CONFLICT' | 'DUPLICATE_TXID';

/** A state version, as Fabric's (blockNum, txNum) height. */
export interface Version {
  blockNum: number;
  txNum: number;
}

export interface KVRead {
  key: string;
  /** undefined when the key did not exist in committed state. */
  version?: Version;
}

export interface KVWrite {
  key: string;
  isDelete: boolean;
  value?: Buffer;
}

/** A range or partial-composite-key query as observed during simulation; re-executed at commit.
 * As in Fabric's RangeQueryInfo: when the iterator was not exhausted, only [startKey, last result]
 * was observed, so only that span is re-checked. */
export interface RangeQueryInfo {
  startKey: string;
  /** Exclusive end key; '' means unbounded. */
  endKey: string;
  itrExhausted: boolean;
  results: KVRead[];
}

export interface RwSet {
  reads: KVRead[];
  rangeQueries: RangeQueryInfo[];
  writes: KVWrite[];
}

export interface TxTimestamp {
  seconds: number;
  nanos: number;
}

export interface ChaincodeEventRecord {
  name: string;
  payload: Buffer;
}

export interface StoredTransaction {
  txId: string;
  txIndex: number;
  /** 'config' only for the genesis transaction of block 0. */
  type: 'endorser' | 'config';
  timestamp: TxTimestamp;
  creatorMspId: string;
  /** sha256 hex of the creator's certificate PEM. */
  creatorCertHash: string;
  fcn: string;
  args: string[];
  validationCode: ValidationCode;
  event?: ChaincodeEventRecord;
  rwset: RwSet;
  /** Genesis only: channel name and member MSP ids at creation. */
  config?: { channel: string; members: string[] };
}

export interface BlockHeader {
  number: number;
  previousHash: string;
  dataHash: string;
  /** sha256 of the state changes the block's valid transactions made (state-hash.ts). */
  writeSetHash?: string;
  /** The digest of the whole world state after the block (state-hash.ts). */
  stateHash?: string;
}

export interface StoredBlock {
  header: BlockHeader;
  /** sha256 hex of the canonical header bytes. */
  hash: string;
  transactions: StoredTransaction[];
}

export interface TransactionLocation {
  blockNumber: number;
  txIndex: number;
  blockHash: string;
  validationCode: ValidationCode;
}

export interface SubmitResult {
  txId: string;
  blockNumber: number;
  txIndex: number;
  payload: Buffer;
}

export interface VerifyResult {
  ok: boolean;
  height: number;
  firstBad?: { blockNumber: number; txId?: string; txIndex?: number; reason: string };
}

export interface ChaincodeEventMessage {
  channel: string;
  blockNumber: number;
  txId: string;
  txIndex: number;
  eventName: string;
  payload: Buffer;
  blockHash: string;
}

export interface BlockEventMessage {
  number: number;
  hash: string;
  txCount: number;
}
