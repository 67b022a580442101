import { GatewayError } from '../services/gateway-error';

/** A read asked for a height (read-your-writes) that the query store has not applied in time. */
export class HeightNotReachedError extends GatewayError {
  constructor(channel: string, wanted: number, applied: number, waitedMs: number) {
    super(
      'HEIGHT_NOT_REACHED',
      `channel ${channel} is at height ${applied} in this gateway's query store, not ${wanted}, after ${waitedMs} ms`,
      503,
      {
        details: { channel, wanted, applied },
      },
    );
  }
}

/** The query store stopped applying a channel's blocks (the feed failed); reads cannot be trusted. */
export class QueryStoreFailedError extends GatewayError {
  constructor(channel: string, reason: string) {
    super('QUERY_STORE_FAILED', `the query store stopped applying channel ${channel}: ${reason}`, 503, { details: { channel } });
  }
}
