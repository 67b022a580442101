import type { NextFunction, Request, Response } from 'express';
import type { ApiKeys } from '../auth/viewer';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import type { GatewayLimits } from '../services/gateway-services';
import { errorBody } from './errors';
import { RateLimiter } from './rate-limit';

/** Failed authentications per client address: a burst, then this many per second. Keys are long
 * and random, so this is not what stops guessing; it bounds what failed attempts cost. */
const FAILED_AUTH_BURST = 20;
const FAILED_AUTH_PER_SECOND = 2;

/** Middleware: the caller's API key names the viewer (401 without a known key; 429 with
 * Retry-After once a client address has failed too often), and each user's request rate is
 * bounded (429 with Retry-After). */
export function authenticate(keys: ApiKeys, limits: Pick<GatewayLimits, 'ratePerSecond' | 'rateBurst'>, metrics: GatewayMetrics) {
  const limiter = new RateLimiter(limits.ratePerSecond, limits.rateBurst);
  const failures = new RateLimiter(FAILED_AUTH_PER_SECOND, FAILED_AUTH_BURST);
  const tooMany = (res: Response, wait: number, message: string) => {
    metrics.rateLimited.inc();
    res.set('Retry-After', String(wait));
    res.status(429).json(errorBody('RATE_LIMITED', message));
  };
  return (req: Request, res: Response, next: NextFunction): void => {
    // GraphiQL's page itself needs no key (it embeds none); its requests do.
    if (req.method === 'GET' && req.path.startsWith('/graphql') && (req.headers.accept ?? '').includes('text/html')) {
      next();
      return;
    }
    const viewer = keys.fromHeader(req.headers.authorization);
    if (!viewer) {
      const wait = failures.take(req.socket.remoteAddress ?? '');
      if (wait > 0) {
        tooMany(res, wait, 'too many failed authentications from this address');
        return;
      }
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
    const wait = limits.ratePerSecond > 0 ? limiter.take(viewer.userId) : 0;
    if (wait > 0) {
      tooMany(res, wait, 'too many requests for this API key');
      return;
    }
    res.locals.viewer = viewer;
    next();
  };
}
