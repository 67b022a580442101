import { createCompositeKey, splitCompositeKey } from '@cargotrace/network';
import type { queryGoods } from '@cargotrace/chaincode/queries';

/** The stub type the chaincode's read functions take (fabric-shim-api's ChaincodeStub). */
export type ChaincodeStubLike = Parameters<typeof queryGoods>[0];

/** One channel's replicated world state (key → the value the chaincode wrote), as the stub reads it. */
export interface StateLevel {
  /** Point reads (coalesced by the caller into getMany calls). */
  get(key: string): Promise<Buffer | undefined>;
  iterator(options: { gte: string; lt: string; limit: number }): { all(): Promise<Array<[string, Buffer]>> };
}

const MAX_UNICODE_RUNE_VALUE = '\u{10ffff}';
const EMPTY = Buffer.alloc(0);

interface KV {
  namespace: string;
  key: string;
  value: Buffer;
}

/** A fabric-shim StateQueryIterator over an array already read. */
function arrayIterator(items: KV[]) {
  let i = 0;
  return {
    next: () => Promise.resolve(i < items.length ? { value: items[i++], done: false } : { value: undefined, done: true }),
    close: () => Promise.resolve(),
  };
}

/** The read-only part of a ChaincodeStub the custody read functions use, over the query store's
 * replica of one channel's state. Pages behave as on a peer's LevelDB state database: the bookmark
 * is the first key of the next page, '' once the range is exhausted; a missing key reads as an
 * empty value, as fabric-shim gives it. Anything that writes is absent: the replica is written
 * only from committed blocks. */
export function replicaStub(state: StateLevel): ChaincodeStubLike {
  const range = async (start: string, end: string, limit: number): Promise<KV[]> => {
    const entries = await state.iterator({ gte: start, lt: end, limit }).all();
    return entries.map(([key, value]) => ({ namespace: '', key, value }));
  };
  const stub = {
    createCompositeKey,
    splitCompositeKey,
    getState: async (key: string): Promise<Buffer> => (await state.get(key)) ?? EMPTY,
    getStateByPartialCompositeKey: async (objectType: string, attributes: string[]) => {
      const prefix = createCompositeKey(objectType, attributes);
      return arrayIterator(await range(prefix, prefix + MAX_UNICODE_RUNE_VALUE, -1));
    },
    getStateByPartialCompositeKeyWithPagination: async (objectType: string, attributes: string[], pageSize: number, bookmark?: string) => {
      const prefix = createCompositeKey(objectType, attributes);
      const page = await range(bookmark || prefix, prefix + MAX_UNICODE_RUNE_VALUE, pageSize + 1);
      const next = page.length > pageSize ? page[pageSize].key : '';
      const kept = page.slice(0, pageSize);
      return { iterator: arrayIterator(kept), metadata: { fetchedRecordsCount: kept.length, bookmark: next } };
    },
  };
  return stub as unknown as ChaincodeStubLike;
}
