import type { Iterators } from 'fabric-shim-api';

/** Iterator with fabric-shim's StateQueryIterator / HistoryQueryIterator surface: next() yields
 * {value, done:false} and finally {done:true}; close() releases the underlying LevelDB iterator. */
export class QueryIterator<T> implements Iterators.CommonIterator<T> {
  private closed = false;

  constructor(
    private readonly source: () => Promise<T | undefined>,
    private readonly release: () => Promise<void>,
  ) {}

  async next(): Promise<Iterators.NextResult<T>> {
    if (this.closed) return { done: true } as Iterators.NextResult<T>;
    const value = await this.source();
    if (value === undefined) return { done: true } as Iterators.NextResult<T>;
    return { value, done: false };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.release();
  }
}

/** fabric-shim's convertToAsyncIterator: the query methods return a promise (of an iterator, or of
 * {iterator, metadata} when paginated) that is also async-iterable, closing the iterator when the
 * loop ends or breaks. */
export function asQueryResponse<R extends Iterators.CommonIterator<T> | { iterator: Iterators.CommonIterator<T> }, T>(
  promise: Promise<R>,
): Promise<R> & AsyncIterable<T> {
  const result = promise as Promise<R> & AsyncIterable<T>;
  result[Symbol.asyncIterator] = () => {
    let iterator: Iterators.CommonIterator<T> | undefined;
    return {
      next: async () => {
        if (!iterator) {
          const response = await promise;
          iterator = 'iterator' in response ? response.iterator : response;
        }
        const next = await iterator.next();
        if (next.done) await iterator.close();
        return next as IteratorResult<T>;
      },
      return: async () => {
        if (iterator) await iterator.close();
        return { done: true, value: undefined } as IteratorResult<T>;
      },
    };
  };
  return result;
}
