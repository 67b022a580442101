import type { CustodyEvent } from './custody-event';

/** Who submitted a transaction, as the chaincode reads it from the caller's certificate. */
export interface RecordedBy {
  mspId: string;
  id: string;
  role: string;
  district: string;
}

/**
 * What the ledger stores per event: the event as submitted, when and by whom it was recorded, and its transaction.
 *
 * @example
 * const doc = toEpcisDocument(records); // an EventRecord's recordedTime becomes the EPCIS recordTime
 */
export interface EventRecord {
  event: CustodyEvent;
  /** Transaction timestamp, ISO 8601 UTC with milliseconds. */
  recordedTime: string;
  txId: string;
  recordedBy: RecordedBy;
}
