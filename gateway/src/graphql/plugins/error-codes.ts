import type { Plugin } from 'graphql-yoga';

/** The code of a transport-level refusal by its HTTP status. */
const CODE_OF_STATUS: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

const codeOfStatus = (status: number): string => (Object.hasOwn(CODE_OF_STATUS, status) ? CODE_OF_STATUS[status] : 'BAD_REQUEST');

interface ErrorLike {
  message?: unknown;
  extensions?: Record<string, unknown>;
}

/** The errors of a 4xx answer, each with a code (its own, else the status's). */
function withCodes(text: string, status: number): ErrorLike[] {
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  const errors = (parsed as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors) || errors.length === 0)
    return [{ message: text || 'request refused', extensions: { code: codeOfStatus(status) } }];
  return errors.map((e: ErrorLike) => ({ ...e, extensions: { code: codeOfStatus(status), ...e.extensions } }));
}

/** Every refusal graphql-yoga answers itself (415 with an empty body, 405, 400 for a body that is
 * not GraphQL) carries a machine-readable `extensions.code`, like the gateway's own errors. */
export function errorCodesPlugin(): Plugin {
  return {
    async onResponse(payload) {
      const { response, fetchAPI } = payload;
      const { status } = response;
      if (status < 400 || status >= 500 || (response.headers.get('content-type') ?? '').includes('event-stream')) return;
      const errors = withCodes(await response.text(), status);
      const headers = new fetchAPI.Headers(response.headers);
      headers.set('content-type', 'application/json; charset=utf-8');
      headers.delete('content-length');
      payload.setResponse(new fetchAPI.Response(JSON.stringify({ errors }), { status, headers }));
    },
  };
}
