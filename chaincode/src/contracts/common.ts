import type { Context } from 'fabric-contract-api';
import type { ChaincodeStub, Iterators } from 'fabric-shim-api';
import { canonicalBytes } from '@cargotrace/model';
import { ChaincodeError } from '@cargotrace/model';
import { goodsKeyId } from '@cargotrace/model';
import { utcKey } from '@cargotrace/model';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type GoodsRef, type GoodsType, type HistoryEntry, type Registry, GOODS_TYPES } from '@cargotrace/model';
import type { Caller } from '../rules/authorisation';
import { RegistryIndex } from '../rules/registry-index';

/** Composite-key object types. Everything is a composite key, so range scans never need
 * getStateByRange (which Fabric refuses for composite keys). */
export const KEYS = {
  registry: 'registry',
  event: 'event',
  goods: 'goods',
  goodsEvent: 'goods~event',
  districtDayEvent: 'district~day~event',
  kindDayEvent: 'kind~day~event',
  link: 'link',
  aeo: 'aeo',
  mrConsignment: 'mrc',
} as const;

/** Value of index entries (Fabric rejects empty values as deletes). */
export const INDEX_VALUE = Buffer.from('\u0000', 'utf8');

export function registryKey(stub: ChaincodeStub): string {
  return stub.createCompositeKey(KEYS.registry, []);
}
export function eventKey(stub: ChaincodeStub, id: string): string {
  return stub.createCompositeKey(KEYS.event, [id]);
}
export function goodsKey(stub: ChaincodeStub, ref: GoodsRef): string {
  return stub.createCompositeKey(KEYS.goods, [ref.type, goodsKeyId(ref)]);
}
export function goodsKeyOf(stub: ChaincodeStub, type: string, keyId: string): string {
  return stub.createCompositeKey(KEYS.goods, [type, keyId]);
}

/** The caller from the transaction creator and its enrolment certificate attributes. */
export function callerOf(ctx: Context): Caller {
  const ci = ctx.clientIdentity;
  return {
    mspId: ci.getMSPID(),
    id: ci.getAttributeValue('hf.EnrollmentID') ?? ci.getID(),
    role: ci.getAttributeValue('role') ?? '',
    district: ci.getAttributeValue('district') ?? '',
  };
}

/** Transaction time (deterministic: the proposal timestamp) as fixed-width ISO UTC. */
export function txTime(ctx: Context): string {
  return utcKey(ctx.stub.getDateTimestamp().getTime());
}

export function decode<T>(bytes: Uint8Array | undefined): T | undefined {
  if (!bytes || bytes.length === 0) return undefined;
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
}

export async function getJson<T>(stub: ChaincodeStub, key: string): Promise<T | undefined> {
  return decode<T>(await stub.getState(key));
}

export async function putJson(stub: ChaincodeStub, key: string, value: unknown): Promise<void> {
  await stub.putState(key, canonicalBytes(value));
}

export async function readRegistry(stub: ChaincodeStub): Promise<Registry> {
  return (await getJson<Registry>(stub, registryKey(stub))) ?? { districts: [], organisations: [] };
}

export async function readRegistryIndex(stub: ChaincodeStub): Promise<RegistryIndex> {
  return new RegistryIndex(await readRegistry(stub));
}

/** Reads of committed state, each key at most once per transaction, and writes buffered until
 * flush (each key written once). A transaction never sees its own writes, so the contract keeps
 * its own derived state (goods states) beside this. */
export class WorkingSet {
  private readonly reads = new Map<string, Uint8Array | undefined>();
  private readonly writes = new Map<string, Buffer>();

  constructor(private readonly stub: ChaincodeStub) {}

  async read(key: string): Promise<Uint8Array | undefined> {
    if (this.reads.has(key)) return this.reads.get(key);
    const raw = await this.stub.getState(key);
    const value = raw && raw.length > 0 ? raw : undefined;
    this.reads.set(key, value);
    return value;
  }

  /** Reads the given keys (those not read yet, each once) concurrently, in the given order. The
   * peer answers them from the same committed state as sequential reads would, and the read set
   * holds the same keys; only the round trips overlap. */
  async prefetch(keys: Iterable<string>): Promise<void> {
    const todo = [...new Set(keys)].filter((k) => !this.reads.has(k));
    const values = await Promise.all(todo.map((k) => this.stub.getState(k)));
    todo.forEach((k, i) => {
      const raw = values[i];
      if (!this.reads.has(k)) this.reads.set(k, raw && raw.length > 0 ? raw : undefined);
    });
  }

  /** True when `key` was read and holds a value (false when unread or absent). */
  hasValue(key: string): boolean {
    return this.reads.get(key) !== undefined;
  }

  async readJson<T>(key: string): Promise<T | undefined> {
    return decode<T>(await this.read(key));
  }

  write(key: string, value: Buffer): void {
    this.writes.set(key, value);
  }

  writeJson(key: string, value: unknown): void {
    this.writes.set(key, canonicalBytes(value));
  }

  get writeCount(): number {
    return this.writes.size;
  }

  /** Writes in key order, so that every endorser issues the same sequence. */
  async flush(): Promise<void> {
    // Issued in key order without waiting for each (fabric-shim queues them in call order).
    await Promise.all([...this.writes.keys()].sort().map((key) => this.stub.putState(key, this.writes.get(key)!)));
    this.writes.clear();
  }
}

export function parsePageSize(value: string): number {
  if (value === undefined || value === '') return DEFAULT_PAGE_SIZE;
  if (!/^[0-9]+$/.test(value)) throw new ChaincodeError('BAD_ARGUMENT', `pageSize must be an integer 1..${MAX_PAGE_SIZE}, got '${value}'`, '');
  const n = Number(value);
  if (n < 1 || n > MAX_PAGE_SIZE) throw new ChaincodeError('BAD_ARGUMENT', `pageSize must be an integer 1..${MAX_PAGE_SIZE}, got ${n}`, '');
  return n;
}

export function parseGoodsType(value: string): GoodsType {
  if (!(GOODS_TYPES as readonly string[]).includes(value)) throw new ChaincodeError('BAD_ARGUMENT', `goods type must be one of ${GOODS_TYPES.join(', ')}, got '${value}'`, '');
  return value as GoodsType;
}

export function requireNonEmpty(value: string, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 512) throw new ChaincodeError('BAD_ARGUMENT', `${what} must be a non-empty string`, '');
  return value;
}

/** Opaque bookmarks: base64url of JSON. */
export function encodeBookmark(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeBookmark<T>(bookmark: string): T {
  try {
    return JSON.parse(Buffer.from(bookmark, 'base64url').toString('utf8')) as T;
  } catch {
    throw new ChaincodeError('BAD_ARGUMENT', 'bookmark is not one this chaincode issued', '');
  }
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

/** One page of a partial composite key query. The bookmark we hand out wraps Fabric's, and must
 * lie inside the queried prefix (a forged bookmark could otherwise start the scan elsewhere). */
export async function partialKeyPage(
  stub: ChaincodeStub,
  objectType: string,
  attributes: string[],
  pageSize: number,
  innerBookmark: string,
): Promise<{ keys: Array<{ key: string; attributes: string[]; value: Uint8Array }>; bookmark: string }> {
  const prefix = stub.createCompositeKey(objectType, attributes);
  if (innerBookmark !== '' && !innerBookmark.startsWith(prefix)) throw new ChaincodeError('BAD_ARGUMENT', 'bookmark does not belong to this query', '');
  const { iterator, metadata } = await stub.getStateByPartialCompositeKeyWithPagination(objectType, attributes, pageSize, innerBookmark);
  const keys: Array<{ key: string; attributes: string[]; value: Uint8Array }> = [];
  await drain(iterator, (kv) => {
    keys.push({ key: kv.key, attributes: stub.splitCompositeKey(kv.key).attributes, value: kv.value });
  });
  return { keys, bookmark: metadata?.bookmark ?? '' };
}

function timestampIso(ts: { seconds: unknown; nanos?: number } | undefined): string {
  if (!ts) return '';
  const s = ts.seconds as { toNumber?: () => number } | number | string;
  const seconds = typeof s === 'object' && s !== null && typeof s.toNumber === 'function' ? s.toNumber() : Number(s);
  return utcKey(seconds * 1000 + Math.floor((ts.nanos ?? 0) / 1e6));
}

/** getHistoryForKey as JSON entries, newest first as Fabric returns them. */
export async function history<T>(stub: ChaincodeStub, key: string): Promise<Array<HistoryEntry<T>>> {
  const out: Array<HistoryEntry<T>> = [];
  const iterator = await stub.getHistoryForKey(key);
  await drain(iterator, (m) => {
    const entry: HistoryEntry<T> = { txId: m.txId, timestamp: timestampIso(m.timestamp as never), isDelete: m.isDelete };
    if (!m.isDelete) {
      const value = decode<T>(m.value);
      if (value !== undefined) entry.value = value;
    }
    out.push(entry);
  });
  return out;
}
