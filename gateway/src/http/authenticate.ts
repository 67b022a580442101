import type { NextFunction, Request, Response } from 'express';
import type { ApiKeys } from '../auth/viewer';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import type { GatewayLimits } from '../services/gateway-services';
import { errorBody } from './errors';
import { RateLimiter } from './rate-limit';

/** Middleware: the caller's API key names the viewer (401 without a known key), and each key's
 * request rate is bounded (429 with Retry-After). */
export function authenticate(keys: ApiKeys, limits: Pick<GatewayLimits, 'ratePerSecond' | 'rateBurst'>, metrics: GatewayMetrics) {
  const limiter = new RateLimiter(limits.ratePerSecond, limits.rateBurst);
  return (req: Request, res: Response, next: NextFunction): void => {
    // GraphiQL's page itself needs no key; its requests do.
    if (req.method === 'GET' && req.path.startsWith('/graphql') && (req.headers.accept ?? '').includes('text/html')) {
      next();
      return;
    }
    const { authorization } = req.headers;
    const viewer = keys.fromHeader(authorization);
    // A viewer is only ever named by a key, so `authorization` is there below.
    if (!viewer || authorization === undefined) {
      res.set('WWW-Authenticate', 'Bearer realm="cargotrace"');
      res
        .status(401)
        .json(
          errorBody(
            'UNAUTHENTICATED',
            req.headers.authorization ? 'unknown API key' : 'an API key is required (Authorization: Bearer <key>)',
          ),
        );
      return;
    }
    // A rate of 0 turns the limit off (benchmarks, trusted machine clients behind a proxy).
    const wait = limits.ratePerSecond > 0 ? limiter.take(authorization) : 0;
    if (wait > 0) {
      metrics.rateLimited.inc();
      res.set('Retry-After', String(wait));
      res.status(429).json(errorBody('RATE_LIMITED', 'too many requests for this API key'));
      return;
    }
    res.locals.viewer = viewer;
    next();
  };
}
