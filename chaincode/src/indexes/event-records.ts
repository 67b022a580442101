import type { ChaincodeStub } from 'fabric-shim-api';
import { canonicalJsonWith } from '@cargotrace/model';
import { getJson } from '../ledger/state';
import type { WorkingSet } from '../ledger/working-set';
import type { EventRecord } from '@cargotrace/model';
import { KEYS } from './object-types';

/** `event, id`: one record per recorded event. */
export function eventKey(stub: ChaincodeStub, id: string): string {
  return stub.createCompositeKey(KEYS.event, [id]);
}

export async function readEventRecord(stub: ChaincodeStub, id: string): Promise<EventRecord | undefined> {
  return getJson<EventRecord>(stub, eventKey(stub, id));
}

/** Writes the record of an accepted event; `canonicalEvent` is canonicalJson(event), already
 * computed for the idempotency check. */
export function writeEventRecord(ws: WorkingSet, id: string, record: Omit<EventRecord, 'event'>, canonicalEvent: string): void {
  ws.write(eventKey(ws.stub, id), Buffer.from(canonicalJsonWith(record, { event: canonicalEvent }), 'utf8'));
}

/** The records of `ids`, in that order, skipping any not recorded. Read together, so that a state
 * view that batches point reads (the embedded peer's simulator, the gateway's replica) answers
 * them in one trip. */
export async function loadRecords(stub: ChaincodeStub, ids: string[]): Promise<EventRecord[]> {
  const records = await Promise.all(ids.map((id) => readEventRecord(stub, id)));
  return records.filter((r): r is EventRecord => r !== undefined);
}
