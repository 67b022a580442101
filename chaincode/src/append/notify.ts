import type { ChaincodeStub } from 'fabric-shim-api';
import { canonicalBytes } from '@cargotrace/model';
import { CUSTODY_EVENTS_APPENDED, type CustodyEventsAppendedPayload } from '@cargotrace/model';
import type { Accepted } from './admission';

/** Step 8, notify: one chaincode event per transaction naming what was accepted (none when
 * nothing was: a batch of duplicates changes nothing). */
export function emitAppended(stub: ChaincodeStub, txId: string, accepted: readonly Accepted[]): void {
  if (accepted.length === 0) return;
  const payload: CustodyEventsAppendedPayload = {
    txId,
    events: accepted.map(({ event }) => ({
      id: event.id,
      kind: event.kind,
      district: event.district,
      eventTime: event.eventTime,
      goods: event.goods.map((g) => (g.book === undefined ? { type: g.type, id: g.id } : { type: g.type, id: g.id, book: g.book })),
    })),
  };
  stub.setEvent(CUSTODY_EVENTS_APPENDED, canonicalBytes(payload));
}
