import type { ChaincodeStub, Iterators } from 'fabric-shim-api';
import { canonicalBytes } from '@cargotrace/model';
import { utcKey } from '@cargotrace/model';
import type { HistoryEntry } from '@cargotrace/model';

/** The JSON held in `bytes`; undefined when there are none (a missing key). */
export function decode(bytes: Uint8Array | undefined): unknown {
  if (!bytes || bytes.length === 0) return undefined;
  return JSON.parse(Buffer.from(bytes).toString('utf8'));
}

/** The value stored at `key` as JSON, read as a `T` (what this chaincode wrote there). */
export async function getJson<T>(stub: ChaincodeStub, key: string): Promise<T | undefined> {
  return decode(await stub.getState(key)) as T | undefined;
}

/** Writes `value` as canonical JSON, so every endorser writes the same bytes. */
export async function putJson(stub: ChaincodeStub, key: string, value: unknown): Promise<void> {
  await stub.putState(key, canonicalBytes(value));
}

/** Drains a Fabric iterator (closing it). */
export async function drain<T>(iterator: Iterators.CommonIterator<T>, each: (value: T) => void | Promise<void>): Promise<void> {
  try {
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
      if (r.value !== undefined) await each(r.value);
    }
  } finally {
    await iterator.close();
  }
}

function timestampIso(ts: { seconds: unknown; nanos?: number } | undefined): string {
  if (!ts) return '';
  // A Long from fabric-shim, a number or string from other shims, or missing altogether.
  const s = ts.seconds as { toNumber?: () => number } | number | string | null | undefined;
  const seconds = typeof s === 'object' && s !== null && typeof s.toNumber === 'function' ? s.toNumber() : Number(s);
  return utcKey(seconds * 1000 + Math.floor((ts.nanos ?? 0) / 1e6));
}

/** getHistoryForKey as JSON entries, newest first as Fabric returns them. */
export async function history<T>(stub: ChaincodeStub, key: string): Promise<Array<HistoryEntry<T>>> {
  const out: Array<HistoryEntry<T>> = [];
  const iterator = await stub.getHistoryForKey(key);
  await drain(iterator, (m) => {
    const entry: HistoryEntry<T> = { txId: m.txId, timestamp: timestampIso(m.timestamp), isDelete: m.isDelete };
    if (!m.isDelete) {
      const value = decode(m.value) as T | undefined;
      if (value !== undefined) entry.value = value;
    }
    out.push(entry);
  });
  return out;
}
