/** Page of query results. `bookmark` is '' when there are no more results. */
export interface Page<T> {
  records: T[];
  bookmark: string;
  fetched: number;
}

export interface HistoryEntry<T> {
  txId: string;
  timestamp: string;
  isDelete: boolean;
  value?: T;
}

/** Page sizes of the chaincode's paged queries. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;
