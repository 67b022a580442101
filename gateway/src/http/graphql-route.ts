import type { NextFunction, Request, Response } from 'express';
import type { Viewer } from '../auth/viewer';
import { errorBody } from './errors';
import type { InFlight } from './in-flight';
import { viewerOf } from './viewer-of';

/** The GraphQL transport as the HTTP layer sees it (graphql-yoga's request handler); the viewer
 * is the one `authenticate` found. */
export type GraphqlHandler = (req: Request, res: Response, context: { req: Request; res: Response; viewer?: Viewer }) => unknown;

/** Refuses a GraphQL body above the limit before the handler reads the stream. */
export function graphqlBodyLimit(bodyLimit: string) {
  const max = bodyLimitBytes(bodyLimit);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (Number(req.headers['content-length'] ?? 0) > max) {
      res.status(413).json(errorBody('PAYLOAD_TOO_LARGE', `request body exceeds ${bodyLimit}`));
      return;
    }
    next();
  };
}

/** Hands the request to the GraphQL handler. Live subscriptions end with their connections;
 * everything else may finish on shutdown, so it is tracked. */
export function graphqlRoute(handler: GraphqlHandler, inFlight: InFlight) {
  return (req: Request, res: Response): void => {
    const viewer = viewerOf(res);
    const work = Promise.resolve(handler(req, res, { req, res, ...(viewer ? { viewer } : {}) }));
    if (!(req.headers.accept ?? '').includes('text/event-stream')) void inFlight.track(work);
  };
}

export function bodyLimitBytes(limit: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(limit.trim());
  if (!m) return 16 * 1024 * 1024;
  const [, amount, unit = 'b'] = m;
  const mult = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[unit.toLowerCase() as 'b'];
  return Number(amount) * mult;
}
