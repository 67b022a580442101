import { Router, type NextFunction, type Request, type Response } from 'express';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import type { GatewayServices } from '../services/gateway-services';

const NAMED_ROUTES = ['/healthz', '/metrics', '/api/v1/events'];

/** Middleware: counts and times every request by route (a bounded label set). */
export function requestMetrics(metrics: GatewayMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const end = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const route = req.path.startsWith('/graphql') ? '/graphql' : NAMED_ROUTES.includes(req.path) ? req.path : 'other';
      metrics.httpRequests.inc({ route, method: req.method, status: String(res.statusCode) });
      end({ route });
    });
    next();
  };
}

/** GET /healthz (every channel answers its height) and GET /metrics (Prometheus), without a key. */
export function operationsRoutes(services: Pick<GatewayServices, 'backend' | 'config' | 'metrics' | 'storeReads'>): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    const channels = services.config.channels.map((c) => {
      try {
        return { name: c.name, height: services.backend.height(c.name) };
      } catch {
        return { name: c.name, height: null };
      }
    });
    const ok = channels.every((c) => c.height !== null);
    // The query store's applied heights beside the ledger's: how far behind reads may be.
    const store = services.storeReads?.store;
    const queryStore = store ? { channels: store.channels.map((name) => ({ name, height: store.applied.height(name) })) } : undefined;
    res
      .status(ok ? 200 : 503)
      .json({ status: ok ? 'ok' : 'degraded', ledger: services.backend.kind, channels, ...(queryStore ? { queryStore } : {}) });
  });
  router.get('/metrics', async (_req, res) => {
    res.set('Content-Type', services.metrics.registry.contentType);
    res.send(await services.metrics.registry.metrics());
  });
  return router;
}
