import type { ChaincodeStub, Iterators } from 'fabric-shim-api';
import { ChaincodeError } from '@cargotrace/model';
import { drain } from './state';

/** One key of a partial composite key query. */
export interface IndexEntry {
  key: string;
  attributes: string[];
  value: Uint8Array;
}

/** Opaque bookmarks: base64url of JSON. */
export function encodeBookmark(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** What a bookmark holds: unknown until checked, since clients can send anything. */
export function decodeBookmark(bookmark: string): unknown {
  try {
    return JSON.parse(Buffer.from(bookmark, 'base64url').toString('utf8'));
  } catch {
    throw new ChaincodeError('BAD_ARGUMENT', 'bookmark is not one this chaincode issued', '');
  }
}

/** Fabric's own bookmark out of one of ours that wraps it as `{ b }` ('' for the first page). */
export function innerBookmark(bookmark: string): string {
  if (!bookmark) return '';
  const decoded = decodeBookmark(bookmark);
  const inner = typeof decoded === 'object' && decoded !== null ? (decoded as { b?: unknown }).b : undefined;
  if (typeof inner !== 'string') throw new ChaincodeError('BAD_ARGUMENT', 'bookmark is not one this chaincode issued', '');
  return inner;
}

/** Our bookmark wrapping Fabric's (empty stays empty: no further page). */
export function outerBookmark(inner: string): string {
  return inner ? encodeBookmark({ b: inner }) : '';
}

/** One page of a partial composite key query. The bookmark we hand out wraps Fabric's, and must
 * lie inside the queried prefix (a forged bookmark could otherwise start the scan elsewhere). */
export async function partialKeyPage(
  stub: ChaincodeStub,
  objectType: string,
  attributes: string[],
  pageSize: number,
  fabricBookmark: string,
): Promise<{ keys: IndexEntry[]; bookmark: string }> {
  const prefix = stub.createCompositeKey(objectType, attributes);
  if (fabricBookmark !== '' && !fabricBookmark.startsWith(prefix))
    throw new ChaincodeError('BAD_ARGUMENT', 'bookmark does not belong to this query', '');
  // fabric-shim leaves `metadata` out when the peer sends none, whatever its typings say.
  const response: { iterator: Iterators.StateQueryIterator; metadata?: { bookmark?: string } } =
    await stub.getStateByPartialCompositeKeyWithPagination(objectType, attributes, pageSize, fabricBookmark);
  const { iterator, metadata } = response;
  const keys: IndexEntry[] = [];
  await drain(iterator, (kv) => {
    keys.push({ key: kv.key, attributes: stub.splitCompositeKey(kv.key).attributes, value: kv.value });
  });
  return { keys, bookmark: metadata?.bookmark ?? '' };
}
