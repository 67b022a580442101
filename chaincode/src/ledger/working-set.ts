import type { ChaincodeStub } from 'fabric-shim-api';
import { canonicalBytes } from '@cargotrace/model';
import { decode } from './state';

/** A read's bytes, or undefined for a missing key (fabric-shim gives an empty buffer; the value
 * is typed as possibly absent so that a shim answering undefined is read the same way). */
function present(raw: Uint8Array | undefined): Uint8Array | undefined {
  return raw && raw.length > 0 ? raw : undefined;
}

/** Reads of committed state, each key at most once per transaction, and writes buffered until
 * flush (each key written once). A transaction never sees its own writes, so the contract keeps
 * its own derived state (goods states) beside this. */
export class WorkingSet {
  private readonly reads = new Map<string, Uint8Array | undefined>();
  private readonly writes = new Map<string, Buffer>();

  /** The stub, for composite keys; state goes through read/write. */
  constructor(readonly stub: ChaincodeStub) {}

  async read(key: string): Promise<Uint8Array | undefined> {
    if (this.reads.has(key)) return this.reads.get(key);
    const value = present(await this.stub.getState(key));
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
      if (!this.reads.has(k)) this.reads.set(k, present(values[i]));
    });
  }

  /** True when `key` was read and holds a value (false when unread or absent). */
  hasValue(key: string): boolean {
    return this.reads.get(key) !== undefined;
  }

  async readJson<T>(key: string): Promise<T | undefined> {
    return decode(await this.read(key)) as T | undefined;
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
    const inKeyOrder = [...this.writes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    await Promise.all(inKeyOrder.map(([key, value]) => this.stub.putState(key, value)));
    this.writes.clear();
  }
}
