import type { NextFunction, Request, Response } from 'express';
import { HEIGHTS_HEADER, formatHeights, parseHeights, withRequestHeights, type RequestHeights } from '../query-store/request-heights';
import type { GatewayError } from '../services/gateway-error';
import { errorBody } from './errors';

/** Read-your-writes over HTTP: a request's `X-CargoTrace-Heights` header (checked; 400
 * BAD_HEIGHTS when malformed) becomes the heights its reads wait for, and an answer whose request
 * wrote to the ledger carries the heights the writes reached in the same header. */
export function readYourWrites(channels: readonly string[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    let heights: RequestHeights;
    try {
      heights = { wanted: parseHeights(req.get(HEIGHTS_HEADER), channels), reached: new Map() };
    } catch (err) {
      const e = err as GatewayError;
      res.status(e.status).json(errorBody(e.code, e.message, e.path !== undefined ? { path: e.path } : {}));
      return;
    }
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
    res.writeHead = ((...args: unknown[]) => {
      if (heights.reached.size > 0 && !res.headersSent) res.setHeader(HEIGHTS_HEADER, formatHeights(heights.reached));
      return writeHead(...args);
    }) as typeof res.writeHead;
    withRequestHeights(heights, next);
  };
}
