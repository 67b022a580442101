import type { Simulation } from './simulate';
import type { KVRead, KVWrite, RangeQueryInfo } from './types';

/** A Simulation as it crosses from the endorsing thread to the committing one. Structured clone
 * would copy a whole pooled ArrayBuffer for every small Buffer, so all byte strings travel in one
 * buffer that is transferred (moved, not copied), located by offsets; reads travel as a key list
 * and a flat version array. */
export interface SimulationMessage {
  status: number;
  message: string;
  /** payload ‖ event payload ‖ write values, in that order. */
  bytes: ArrayBuffer;
  payloadLength: number;
  event?: { name: string; payloadLength: number };
  readKeys: string[];
  /** [blockNum, txNum] per read; -1, -1 for a key that did not exist. */
  readVersions: Float64Array;
  rangeQueries: RangeQueryInfo[];
  writeKeys: string[];
  /** Length of each write's value; -1 for a delete. */
  writeLengths: Int32Array;
}

export function packSimulation(s: Simulation): { message: SimulationMessage; transfer: ArrayBuffer[] } {
  const { reads, rangeQueries, writes } = s.rwset;
  let total = s.payload.length + (s.event?.payload.length ?? 0);
  for (const w of writes) total += w.value?.length ?? 0;
  const bytes = Buffer.allocUnsafeSlow(total);
  let at = s.payload.copy(bytes, 0);
  if (s.event) at += s.event.payload.copy(bytes, at);
  const writeKeys = new Array<string>(writes.length);
  const writeLengths = new Int32Array(writes.length);
  writes.forEach((w, i) => {
    writeKeys[i] = w.key;
    if (w.isDelete || !w.value) writeLengths[i] = -1;
    else {
      writeLengths[i] = w.value.length;
      at += w.value.copy(bytes, at);
    }
  });
  const readKeys = new Array<string>(reads.length);
  const readVersions = new Float64Array(reads.length * 2);
  reads.forEach((r, i) => {
    readKeys[i] = r.key;
    readVersions[2 * i] = r.version ? r.version.blockNum : -1;
    readVersions[2 * i + 1] = r.version ? r.version.txNum : -1;
  });
  const message: SimulationMessage = {
    status: s.status,
    message: s.message,
    bytes: bytes.buffer,
    payloadLength: s.payload.length,
    ...(s.event ? { event: { name: s.event.name, payloadLength: s.event.payload.length } } : {}),
    readKeys,
    readVersions,
    rangeQueries,
    writeKeys,
    writeLengths,
  };
  return { message, transfer: [message.bytes, readVersions.buffer, writeLengths.buffer] };
}

export function unpackSimulation(m: SimulationMessage): Simulation {
  const bytes = Buffer.from(m.bytes);
  let at = 0;
  const take = (n: number) => bytes.subarray(at, (at += n));
  // Copied out: callers and event listeners may keep these, and a view would keep the whole
  // rwset buffer alive with them.
  const payload = Buffer.from(take(m.payloadLength));
  const event = m.event ? { name: m.event.name, payload: Buffer.from(take(m.event.payloadLength)) } : undefined;
  const writes: KVWrite[] = m.writeKeys.map((key, i) => {
    const n = m.writeLengths[i];
    return n < 0 ? { key, isDelete: true } : { key, isDelete: false, value: take(n) };
  });
  const reads: KVRead[] = m.readKeys.map((key, i) => {
    const blockNum = m.readVersions[2 * i];
    return blockNum < 0 ? { key } : { key, version: { blockNum, txNum: m.readVersions[2 * i + 1] } };
  });
  return {
    status: m.status,
    message: m.message,
    payload,
    rwset: { reads, rangeQueries: m.rangeQueries, writes },
    ...(event ? { event } : {}),
  };
}
