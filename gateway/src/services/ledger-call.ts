import { parseChaincodeError } from '@cargotrace/model';
import { LedgerAccessDeniedError } from '../ledger/ledger-backend';
import { ChaincodeRejectedError, ForbiddenError, GatewayError, LedgerUnavailableError } from './gateway-error';

/** Maps a ledger failure into the error family: chaincode codes pass through with their path; a
 * peer refusal is FORBIDDEN; anything else is LEDGER_UNAVAILABLE (details stay in the server log). */
export function fromLedgerError(err: unknown): GatewayError {
  if (err instanceof GatewayError) return err;
  const parsed = parseChaincodeError(err);
  if (parsed) return new ChaincodeRejectedError(parsed.code, parsed.message, parsed.path, parsed.errors);
  if (err instanceof LedgerAccessDeniedError) return new ForbiddenError('the ledger refused the caller');
  console.error('[gateway] ledger error:', err);
  return new LedgerUnavailableError();
}

/** Runs ledger calls so that their failures leave the service as gateway errors. */
export async function ledger<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    throw fromLedgerError(err);
  }
}
