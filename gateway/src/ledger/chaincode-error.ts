/** Chaincode errors travel as JSON in the error message (docs/chaincode-api.md, "Errors"). */

export interface ChaincodeErrorDetail {
  code: string;
  message: string;
  path?: string;
  index?: number;
}

export interface ParsedChaincodeError extends ChaincodeErrorDetail {
  errors?: ChaincodeErrorDetail[];
}

/** Extracts the chaincode's JSON error from an error message, tolerating a prefix added by a peer
 * or SDK ("chaincode response 500, {…}"). Undefined when the message carries no such JSON. */
export function parseChaincodeError(err: unknown): ParsedChaincodeError | undefined {
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : undefined;
  if (!message) return undefined;
  const start = message.indexOf('{');
  if (start < 0) return undefined;
  for (let end = message.lastIndexOf('}'); end > start; end = message.lastIndexOf('}', end - 1)) {
    try {
      const value = JSON.parse(message.slice(start, end + 1)) as unknown;
      if (value && typeof value === 'object' && typeof (value as { code?: unknown }).code === 'string') {
        const v = value as ParsedChaincodeError;
        return {
          code: v.code,
          message: typeof v.message === 'string' ? v.message : v.code,
          ...(typeof v.path === 'string' ? { path: v.path } : {}),
          ...(typeof v.index === 'number' ? { index: v.index } : {}),
          ...(Array.isArray(v.errors) ? { errors: v.errors.filter((e) => e && typeof e.code === 'string') } : {}),
        };
      }
    } catch {
      // try a shorter span
    }
  }
  return undefined;
}
