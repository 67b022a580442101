import type { Context } from 'fabric-contract-api';
import type { ChaincodeStub } from 'fabric-shim-api';
import { createCompositeKey, splitCompositeKey } from '@cargotrace/network';

interface KV {
  key: string;
  value: Uint8Array;
}

/** Just enough of fabric-shim's stub, over a sorted in-memory map, to run contract code and its
 * steps without a ledger. Writes land in `pending` until `commit()` (a transaction never sees its
 * own writes, as on a peer); every call is logged so tests can compare read and write sequences. */
export class MemoryStub {
  readonly state = new Map<string, Buffer>();
  readonly pending = new Map<string, Buffer>();
  readonly calls: string[] = [];
  readonly events: Array<{ name: string; payload: Buffer }> = [];

  constructor(
    public txId = 'tx-1',
    public timestampMs = Date.UTC(2026, 10, 20, 1, 2, 3, 456),
  ) {}

  createCompositeKey(objectType: string, attributes: string[]): string {
    return createCompositeKey(objectType, attributes);
  }

  splitCompositeKey(key: string): { objectType: string; attributes: string[] } {
    return splitCompositeKey(key);
  }

  getTxID(): string {
    return this.txId;
  }

  getDateTimestamp(): Date {
    return new Date(this.timestampMs);
  }

  getState(key: string): Promise<Uint8Array> {
    this.calls.push(`get ${printable(key)}`);
    return Promise.resolve(this.state.get(key) ?? Buffer.alloc(0));
  }

  putState(key: string, value: Uint8Array): Promise<void> {
    this.calls.push(`put ${printable(key)} ${Buffer.from(value).toString('utf8')}`);
    this.pending.set(key, Buffer.from(value));
    return Promise.resolve();
  }

  setEvent(name: string, payload: Uint8Array): void {
    this.calls.push(`event ${name} ${Buffer.from(payload).toString('utf8')}`);
    this.events.push({ name, payload: Buffer.from(payload) });
  }

  getStateByPartialCompositeKey(objectType: string, attributes: string[]): Promise<unknown> {
    this.calls.push(`scan ${printable(createCompositeKey(objectType, attributes))}`);
    return Promise.resolve(iterator(this.range(createCompositeKey(objectType, attributes), '')));
  }

  getStateByPartialCompositeKeyWithPagination(
    objectType: string,
    attributes: string[],
    pageSize: number,
    bookmark: string,
  ): Promise<unknown> {
    const prefix = createCompositeKey(objectType, attributes);
    this.calls.push(`page ${printable(prefix)} ${pageSize} ${printable(bookmark)}`);
    const all = this.range(prefix, bookmark);
    // The first key of the next page; none when this page is the last.
    const next = all.at(pageSize);
    return Promise.resolve({
      iterator: iterator(all.slice(0, pageSize)),
      metadata: { fetchedRecordsCount: Math.min(pageSize, all.length), bookmark: next ? next.key : '' },
    });
  }

  /** Makes the pending writes committed state, as a block commit would. */
  commit(): void {
    for (const [k, v] of this.pending) this.state.set(k, v);
    this.pending.clear();
  }

  /** A contract context for `caller` over this stub. */
  context(caller: { mspId: string; id: string; role: string; district: string }): Context {
    const attrs: Record<string, string> = { 'hf.EnrollmentID': caller.id, role: caller.role, district: caller.district };
    const clientIdentity = {
      getMSPID: () => caller.mspId,
      getID: () => `x509::/CN=${caller.id}`,
      getAttributeValue: (name: string) => attrs[name] ?? null,
    };
    return { stub: this as unknown as ChaincodeStub, clientIdentity } as unknown as Context;
  }

  private range(prefix: string, start: string): KV[] {
    return [...this.state]
      .filter(([k]) => k.startsWith(prefix) && k >= start)
      .map(([key, value]) => ({ key, value }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}

function iterator(items: KV[]): unknown {
  let i = 0;
  return {
    next: () => Promise.resolve(i < items.length ? { value: items[i++], done: false } : { value: undefined, done: true }),
    close: () => Promise.resolve(undefined),
  };
}

function printable(key: string): string {
  return key.replaceAll('\u0000', '·');
}
