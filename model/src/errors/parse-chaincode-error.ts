/** Reading a chaincode error back out of a failed transaction. */

/** One error of a parsed chaincode error. `code` is a string, not ErrorCode: a newer chaincode
 * may send codes this model does not know yet. */
export interface ChaincodeErrorDetail {
  code: string;
  message: string;
  path?: string;
  index?: number;
}

export interface ParsedChaincodeError extends ChaincodeErrorDetail {
  errors?: ChaincodeErrorDetail[];
}

/** Extracts the chaincode's JSON error (ChaincodeErrorBody) from an error or its message,
 * tolerating a prefix or suffix added by a peer or SDK ("chaincode response 500, {…}").
 * Undefined when the message carries no JSON object with a string `code`. */
export function parseChaincodeError(err: unknown): ParsedChaincodeError | undefined {
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : undefined;
  if (!message) return undefined;
  const codeStart = message.indexOf('{"code"');
  const start = codeStart >= 0 ? codeStart : message.indexOf('{');
  if (start < 0) return undefined;
  for (let end = message.lastIndexOf('}'); end > start; end = message.lastIndexOf('}', end - 1)) {
    const parsed = errorBody(message.slice(start, end + 1));
    if (parsed) return parsed;
  }
  return undefined;
}

function errorBody(json: string): ParsedChaincodeError | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined; // the caller tries a shorter span
  }
  if (!value || typeof value !== 'object' || typeof (value as { code?: unknown }).code !== 'string') return undefined;
  const v = value as ParsedChaincodeError;
  return {
    code: v.code,
    message: typeof v.message === 'string' ? v.message : v.code,
    ...(typeof v.path === 'string' ? { path: v.path } : {}),
    ...(typeof v.index === 'number' ? { index: v.index } : {}),
    ...(Array.isArray(v.errors) ? { errors: detailsOf(v.errors) } : {}),
  };
}

/** The entries of a sent `errors` list that carry a string `code` (the JSON may hold anything). */
function detailsOf(list: readonly unknown[]): ChaincodeErrorDetail[] {
  return list.filter(
    (e): e is ChaincodeErrorDetail => typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string',
  );
}
