import type { NextFunction, Request, Response } from 'express';
import { GatewayError } from '../services/gateway-error';

/** The REST error body: `{ error: { code, message, path?, …details } }`. */
export function errorBody(code: string, message: string, extra: Record<string, unknown> = {}) {
  return { error: { code, message, ...extra } };
}

/** A body-parser refusal (it carries `type` and a 4xx `status`): its code, e.g. PAYLOAD_TOO_LARGE,
 * BAD_JSON, UNSUPPORTED_CHARSET. */
function bodyParserCode(type: string, status: number): string {
  if (type === 'entity.too.large') return 'PAYLOAD_TOO_LARGE';
  if (type === 'entity.parse.failed') return 'BAD_JSON';
  if (status === 415) return type === 'charset.unsupported' ? 'UNSUPPORTED_CHARSET' : 'UNSUPPORTED_ENCODING';
  return 'BAD_REQUEST';
}

/** The REST transport's one error mapping: a service's GatewayError answers with its own HTTP
 * status, code, field path and details; express's body-parser failures keep their status with a
 * code; anything else is INTERNAL (the details go to the server log, never a stack trace to the
 * client). */
export function restErrorHandler(bodyLimit: string) {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    if (err instanceof GatewayError) {
      res
        .status(err.status)
        .json(errorBody(err.code, err.message, { ...(err.path !== undefined ? { path: err.path } : {}), ...err.details }));
      return;
    }
    const { type, status } = (err ?? {}) as { type?: unknown; status?: unknown };
    if (typeof type === 'string' && typeof status === 'number' && status >= 400 && status < 500) {
      const code = bodyParserCode(type, status);
      const message =
        code === 'PAYLOAD_TOO_LARGE'
          ? `request body exceeds ${bodyLimit}`
          : code === 'BAD_JSON'
            ? 'the request body is not valid JSON'
            : 'the request body cannot be read';
      res.status(status).json(errorBody(code, message));
      return;
    }
    console.error('[gateway] unhandled error:', err);
    res.status(500).json(errorBody('INTERNAL', 'internal error'));
  };
}
