import type { NextFunction, Request, Response } from 'express';
import { GatewayError } from '../services/gateway-error';

/** The REST error body: `{ error: { code, message, path?, …details } }`. */
export function errorBody(code: string, message: string, extra: Record<string, unknown> = {}) {
  return { error: { code, message, ...extra } };
}

/** The REST transport's one error mapping: a service's GatewayError answers with its own HTTP
 * status, code, field path and details; express's body-parser failures keep their codes; anything
 * else is INTERNAL (the details go to the server log, never a stack trace to the client). */
export function restErrorHandler(bodyLimit: string) {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    if (err instanceof GatewayError) {
      res
        .status(err.status)
        .json(errorBody(err.code, err.message, { ...(err.path !== undefined ? { path: err.path } : {}), ...err.details }));
      return;
    }
    const type = (err as { type?: unknown } | null)?.type;
    if (type === 'entity.too.large') res.status(413).json(errorBody('PAYLOAD_TOO_LARGE', `request body exceeds ${bodyLimit}`));
    else if (type === 'entity.parse.failed') res.status(400).json(errorBody('BAD_JSON', 'the request body is not valid JSON'));
    else {
      console.error('[gateway] unhandled error:', err);
      res.status(500).json(errorBody('INTERNAL', 'internal error'));
    }
  };
}
