import type { CustodyEvent } from './custody-event';

/** Who submitted a transaction, as the chaincode reads it from the caller's certificate. */
export interface RecordedBy {
  mspId: string;
  id: string;
  role: string;
  district: string;
}

/** What the ledger stores per event. */
export interface EventRecord {
  event: CustodyEvent;
  /** Transaction timestamp, ISO 8601 UTC with milliseconds. */
  recordedTime: string;
  txId: string;
  recordedBy: RecordedBy;
}
