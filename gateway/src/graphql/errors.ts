import { GraphQLError } from 'graphql';
import { parseChaincodeError } from '@cargotrace/model';
import { LedgerAccessDeniedError } from '../ledger/ledger-backend';

/** A client-facing error with a stable code in `extensions.code`. Anything else thrown in a
 * resolver is masked by yoga ("Unexpected error."), so no stack or internal message leaks. */
export function clientError(code: string, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export const forbidden = (message = 'not permitted for this caller') => clientError('FORBIDDEN', message);
export const badInput = (message: string, extensions: Record<string, unknown> = {}) => clientError('BAD_USER_INPUT', message, extensions);

/** Maps a ledger failure to a client error: chaincode codes pass through with their path; a peer
 * refusal is FORBIDDEN; anything else is LEDGER_UNAVAILABLE (details stay in the server log). */
export function fromLedgerError(err: unknown): GraphQLError {
  if (err instanceof GraphQLError) return err;
  const parsed = parseChaincodeError(err);
  if (parsed) {
    return clientError(parsed.code, parsed.message, {
      ...(parsed.path !== undefined ? { path: parsed.path } : {}),
      ...(parsed.errors ? { errors: parsed.errors } : {}),
    });
  }
  if (err instanceof LedgerAccessDeniedError) return forbidden('the ledger refused the caller');
  console.error('[gateway] ledger error:', err);
  return clientError('LEDGER_UNAVAILABLE', 'the ledger could not answer');
}
