import express, { type Request, type Response } from 'express';
import { webappDir } from '@cargotrace/webapp';
import { ApiKeys, type ApiKeyOptions } from '../auth/viewer';
import type { GatewayServices } from '../services/gateway-services';
import { authenticate } from './authenticate';
import { epcisEventsRoute } from './epcis-route';
import { errorBody, restErrorHandler } from './errors';
import { graphqlBody, graphqlGetParameters, graphqlRoute, type GraphqlHandler } from './graphql-route';
import { InFlight } from './in-flight';
import { ingestRoute } from './ingest-route';
import { operationsRoutes, requestMetrics } from './operations-routes';
import { readYourWrites } from './read-your-writes';
import { corsAllowList, noStore, securityHeaders } from './security-headers';

export interface AppTransports {
  /** The GraphQL transport mounted at /graphql (built by graphql/yoga.ts). */
  graphql: GraphqlHandler;
}

export interface AppOptions {
  /** Browser origins allowed to call the gateway (CORS); none by default. */
  corsOrigins?: readonly string[];
  /** Which API keys are accepted (issued keys; the configuration's demo keys). */
  apiKeys?: ApiKeyOptions;
}

/** The express application: /graphql, POST /api/v1/events, GET /epcis/events, the web page under
 * /app, GET /healthz and GET /metrics; every route answers errors through one REST mapping. */
export function createApp(services: GatewayServices, transports: AppTransports, options: AppOptions = {}) {
  const keys = new ApiKeys(services.config, options.apiKeys);
  const inFlight = new InFlight();
  const auth = authenticate(keys, services.limits, services.metrics);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(requestMetrics(services.metrics));
  app.use(securityHeaders());
  app.use(corsAllowList(options.corsOrigins ?? []));
  app.use(readYourWrites(services.config.channels.map((c) => c.name)));
  app.use(operationsRoutes(services));
  // The web page (trace explorer and dashboard): static files, no key needed; its requests carry one.
  app.use('/app', express.static(webappDir, { index: 'index.html', fallthrough: true }));
  const ingest = ingestRoute(services);
  app.post(
    '/api/v1/events',
    auth,
    noStore(),
    express.json({ limit: services.limits.bodyLimit, strict: false }),
    (req, res, next) => void inFlight.track(ingest(req, res, next)),
  );
  app.get('/epcis/events', auth, noStore(), epcisEventsRoute(services));
  app.all(
    '/graphql',
    auth,
    noStore(),
    graphqlGetParameters(),
    graphqlBody(services.limits.bodyLimit),
    graphqlRoute(transports.graphql, inFlight),
  );
  app.use((_req: Request, res: Response) => {
    res.status(404).json(errorBody('NOT_FOUND', 'no such route'));
  });
  app.use(restErrorHandler(services.limits.bodyLimit));
  return { app, keys, inFlight };
}
