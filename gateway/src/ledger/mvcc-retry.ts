import { LedgerInvalidError } from './ledger-backend';

/** Validation codes of a transaction that lost a race with another one: running it again against
 * the new state may succeed, so a submit tries again instead of failing the caller. */
const MVCC_CODES: ReadonlySet<string> = new Set(['MVCC_READ_CONFLICT', 'PHANTOM_READ_CONFLICT']);

export interface MvccRetryOptions {
  maxAttempts: number;
  /** Pause before attempt `attempt + 1`, in milliseconds. */
  backoffMs: (attempt: number) => number;
}

/** True when `err` is a transaction invalidated by an MVCC or phantom read conflict. */
export function isMvccConflict(err: unknown): err is LedgerInvalidError {
  return err instanceof LedgerInvalidError && MVCC_CODES.has(err.validationCode);
}

/** Runs `attempt` (which must throw the backend's mapped errors) until it succeeds, fails for
 * another reason, or `maxAttempts` MVCC conflicts have happened. Both backends submit through it,
 * so that a conflict means the same thing on the embedded ledger and on Fabric. */
export async function retryOnMvccConflict<T>(attempt: (n: number) => Promise<T>, options: MvccRetryOptions): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (!isMvccConflict(err) || n >= options.maxAttempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, options.backoffMs(n)));
    }
  }
}
