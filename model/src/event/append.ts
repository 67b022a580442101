import type { EventKind } from './event-kind';
import type { GoodsType } from '../goods/goods-ref';

/** At most this many events in one appendEvents transaction. */
export const MAX_BATCH = 1000;

/** The chaincode event appendEvents emits, and its payload. */
export const CUSTODY_EVENTS_APPENDED = 'CustodyEventsAppended';

export interface AppendResult {
  results: Array<{ id: string; status: 'accepted' | 'duplicate' }>;
  txTime: string;
}

export interface CustodyEventsAppendedPayload {
  txId: string;
  events: Array<{ id: string; kind: EventKind; district: string; eventTime: string; goods: Array<{ type: GoodsType; id: string }> }>;
}
