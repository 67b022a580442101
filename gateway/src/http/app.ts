import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError, getOperationAST } from 'graphql';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { createYoga, type Plugin } from 'graphql-yoga';
import { ApiKeys, type Viewer } from '../auth/viewer';
import type { GatewayContext, GatewayServices } from '../graphql/context';
import { costLimitRule, depthLimitRule } from '../graphql/limits';
import { appendEventsAs } from '../graphql/resolvers/ingest';
import { buildSchema } from '../graphql/schema';
import { readScopeOf } from '../scope/read-scope';
import { LedgerReader, SERVICE_USER } from '../trace/ledger-reader';
import { RateLimiter } from './rate-limit';
import { epcisEventsRoute } from './epcis-route';
import { answerCachePlugins } from './answer-cache';
import { InFlight } from './in-flight';
import { webappDir } from '@cargotrace/webapp';

interface ServerContext {
  req: Request;
  res: Response;
}

const viewerOf = (res: Response): Viewer | undefined => res.locals.viewer as Viewer | undefined;

function errorBody(code: string, message: string, extra: Record<string, unknown> = {}) {
  return { error: { code, message, ...extra } };
}

/** The express application: /graphql (graphql-yoga, SSE subscriptions), POST /api/v1/events,
 * GET /healthz, GET /metrics. */
export function createApp(services: GatewayServices, options: { graphiqlApiKey?: string } = {}) {
  const { metrics, limits } = services;
  const keys = new ApiKeys(services.config);
  const limiter = new RateLimiter(limits.ratePerSecond, limits.rateBurst);
  const inFlight = new InFlight();
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);

  app.use((req, res, next) => {
    const end = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const route = req.path.startsWith('/graphql') ? '/graphql' : ['/healthz', '/metrics', '/api/v1/events'].includes(req.path) ? req.path : 'other';
      metrics.httpRequests.inc({ route, method: req.method, status: String(res.statusCode) });
      end({ route });
    });
    next();
  });

  app.get('/healthz', async (_req, res) => {
    const channels = services.config.channels.map((c) => {
      try {
        return { name: c.name, height: services.backend.height(c.name) };
      } catch {
        return { name: c.name, height: null };
      }
    });
    const ok = channels.every((c) => c.height !== null);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', ledger: services.backend.kind, channels });
  });

  app.get('/metrics', async (_req, res) => {
    res.set('Content-Type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });

  // The web page (trace explorer and dashboard): static files, no key needed; its requests carry one.
  app.use('/app', express.static(webappDir, { index: 'index.html', fallthrough: true }));

  const authenticate = (req: Request, res: Response, next: NextFunction) => {
    // GraphiQL's page itself needs no key; its requests do.
    if (req.method === 'GET' && req.path.startsWith('/graphql') && (req.headers.accept ?? '').includes('text/html')) return next();
    const viewer = keys.fromHeader(req.headers.authorization);
    if (!viewer) {
      res.set('WWW-Authenticate', 'Bearer realm="cargotrace"');
      res.status(401).json(errorBody('UNAUTHENTICATED', req.headers.authorization ? 'unknown API key' : 'an API key is required (Authorization: Bearer <key>)'));
      return;
    }
    // A rate of 0 turns the limit off (benchmarks, trusted machine clients behind a proxy).
    const wait = limits.ratePerSecond > 0 ? limiter.take(req.headers.authorization!) : 0;
    if (wait > 0) {
      metrics.rateLimited.inc();
      res.set('Retry-After', String(wait));
      res.status(429).json(errorBody('RATE_LIMITED', 'too many requests for this API key'));
      return;
    }
    res.locals.viewer = viewer;
    next();
  };

  const json = express.json({ limit: limits.bodyLimit, strict: false });

  app.post('/api/v1/events', authenticate, json, (req, res, next) => void inFlight.track(ingest(req, res, next)));
  const ingest = async (req: Request, res: Response, next: NextFunction) => {
    try {
      const body = req.body as unknown;
      const events = Array.isArray(body) ? body : body && typeof body === 'object' && Array.isArray((body as { events?: unknown }).events) ? (body as { events: unknown[] }).events : undefined;
      if (!events) {
        res.status(400).json(errorBody('BAD_REQUEST', 'expected a JSON array of events or {"events": [...]}'));
        return;
      }
      const summary = await appendEventsAs(services, viewerOf(res)!, events);
      res.status(200).json(summary);
    } catch (err) {
      next(err);
    }
  };

  app.get('/epcis/events', authenticate, epcisEventsRoute(services, viewerOf));

  const limitsPlugin: Plugin = {
    onValidate({ addValidationRule }) {
      addValidationRule(depthLimitRule(limits.maxDepth));
      addValidationRule(costLimitRule(limits.maxCost));
    },
  };

  const yoga = createYoga<ServerContext, Partial<GatewayContext>>({
    schema: buildSchema() as never,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    maskedErrors: { isDev: false },
    batching: { limit: limits.maxBatch },
    logging: false,
    graphiql: {
      title: 'CargoTrace',
      ...(options.graphiqlApiKey ? { headers: JSON.stringify({ Authorization: `Bearer ${options.graphiqlApiKey}` }) } : {}),
      defaultQuery: DEFAULT_QUERY,
    },
    plugins: [
      limitsPlugin,
      // Queries run through graphql-jit: a trace answer has thousands of fields, and compiled
      // resolvers cost a fraction of the generic executor's per-field work. Subscriptions and
      // mutations keep the reference executor.
      useGraphQlJit({}, { enableIf: (args) => getOperationAST(args.document, args.operationName)?.operation === 'query' }),
      ...(services.answerCache ? answerCachePlugins(services) : []),
    ],
    context: ({ res }): Partial<GatewayContext> => {
      const viewer = viewerOf(res);
      if (!viewer) throw new GraphQLError('an API key is required', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      return { viewer, scope: readScopeOf(viewer, services.config), reader: new LedgerReader(services.backend, services.config, SERVICE_USER, services.readCache), services };
    },
  });

  app.all('/graphql', authenticate, (req, res, next) => {
    // Body size: refuse before yoga reads the stream.
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > bodyLimitBytes(limits.bodyLimit)) {
      res.status(413).json(errorBody('PAYLOAD_TOO_LARGE', `request body exceeds ${limits.bodyLimit}`));
      return;
    }
    next();
  });
  app.all('/graphql', (req: Request, res: Response) => {
    // Live subscriptions end with their connections; everything else may finish on shutdown.
    const work = Promise.resolve(yoga(req, res, { req, res }));
    if (!(req.headers.accept ?? '').includes('text/event-stream')) void inFlight.track(work);
  });

  app.use((_req: Request, res: Response) => {
    res.status(404).json(errorBody('NOT_FOUND', 'no such route'));
  });

  // Never a stack trace to the client.
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = err as { type?: string; status?: number; message?: string; extensions?: { code?: string } };
    if (err instanceof GraphQLError) {
      const code = String(e.extensions?.code ?? 'BAD_REQUEST');
      res.status(code === 'FORBIDDEN' ? 403 : 400).json(errorBody(code, err.message, { ...(err.extensions as object) }));
    } else if (e?.type === 'entity.too.large') res.status(413).json(errorBody('PAYLOAD_TOO_LARGE', `request body exceeds ${limits.bodyLimit}`));
    else if (e?.type === 'entity.parse.failed') res.status(400).json(errorBody('BAD_JSON', 'the request body is not valid JSON'));
    else {
      console.error('[gateway] unhandled error:', err);
      res.status(500).json(errorBody('INTERNAL', 'internal error'));
    }
  });

  return { app, yoga, keys, inFlight };
}

function bodyLimitBytes(limit: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(limit.trim());
  if (!m) return 16 * 1024 * 1024;
  const mult = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(m[2] ?? 'b').toLowerCase() as 'b'];
  return Number(m[1]) * mult;
}

const DEFAULT_QUERY = `# CargoTrace: end-to-end trace of a container across customs districts.
query Trace {
  trace(id: "COSU6331218", direction: BOTH) {
    districts
    events { eventTime kind district site goods { type id } proof { channel blockNumber txId blockHash } }
    crossings { goods { id } fromDistrict toDistrict verdict issues weightDeviation }
    anomalies { type severity district message }
    custody { goods { id } custodian { org } from to district }
  }
}
`;
