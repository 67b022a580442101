import { IssuedKeys } from './auth/issued-keys';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { createServer, type Server } from 'node:http';
import { REGISTRY_SERVICE_USER, channelForDistrict, loadNetworkConfig, type NetworkConfig } from '@cargotrace/network';
import { demoFlow, seedDemoData } from './demo';
import { fabricBackendFromEnv } from './ledger/fabric-backend';
import { parseChaincodeError } from '@cargotrace/model';
import { GateLog } from './gate/gate-log';
import { createGraphqlHandler } from './graphql/yoga';
import { createApp } from './http/app';
import { answerClientError } from './http/client-error';
import { GatewayMetrics } from './metrics/gateway-metrics';
import { DEFAULT_LIMITS, type GatewayLimits, type GatewayServices } from './services/gateway-services';
import { EmbeddedBackend } from './ledger/embedded-backend';
import type { LedgerBackend } from './ledger/ledger-backend';
import { LiveFeed } from './live/live-feed';
import { DEFAULT_WEIGHT_TOLERANCE } from './trace/crossings';
import { ReadCache, readCacheSuitable, type ReadCacheOptions } from './trace/read-cache';
import { openQueryStore, type QueryStoreOptions } from './query-store/open-query-store';
import type { QueryStore } from './query-store/query-store';
import { reachedHeightsBackend } from './query-store/reached-heights-backend';
import type { StoreReads } from './query-store/store-reads';
import { registerStoreMetrics } from './query-store/store-metrics';
import type { Viewer } from './auth/viewer';

/** How long a shutdown waits for running request handlers. */
const SHUTDOWN_GRACE_MS = 5000;

/**
 * How `startGateway` runs the gateway; every field is optional.
 *
 * @example
 * ```ts
 * await startGateway({ port: 0, host: '127.0.0.1', demo: false, traceCache: { maxEntries: 5000 }, limits: { ratePerSecond: 0 } });
 * ```
 */
export interface GatewayOptions {
  port?: number;
  host?: string;
  /** Data directory (default `.data` in the working directory): the embedded ledger, when the
   * gateway opens it, and always the gateway's gate-decision log (`<dataDir>/gate-decisions`). */
  dataDir?: string;
  /** Network configuration file (default network/config/network.json). */
  configPath?: string;
  /** Seed the demo story into an empty ledger (default true). */
  demo?: boolean;
  /** Use this ledger instead of opening the embedded one (tests, Fabric). Not closed by close(). */
  backend?: LedgerBackend;
  config?: NetworkConfig;
  limits?: Partial<GatewayLimits>;
  weightTolerance?: number;
  /** Share goods reads (holders, events with proofs) between requests until a district channel
   * gets a new block (default true; only on a ledger whose heights move with its commits, i.e.
   * the embedded one). False reads the ledger on every request. An object sets the cache bounds. */
  traceCache?: boolean | ReadCacheOptions;
  /** Share whole GraphQL answers between a user's identical requests until any channel gets a new
   * block (default true; only together with the trace cache). */
  answerCache?: boolean;
  /** Answer reads from the gateway's block-fed query store in `<dataDir>/query-store` (default
   * true when the backend has a committed-blocks feed, as both of the gateway's backends do);
   * false evaluates chaincode for every read. An object sets its goods cache and read wait. */
  queryStore?: boolean | QueryStoreOptions;
  /** Browser origins allowed to call the gateway (CORS allow-list; default from
   * CARGOTRACE_CORS_ORIGINS, comma-separated, else none). */
  corsOrigins?: readonly string[];
  /** Accept the API keys written in the configuration (the demo's public keys; default true for a
   * program that starts the gateway itself; the CLI accepts them only in demo mode). Keys issued
   * with `cargotrace-gateway keys` (hashed in `<dataDir>/api-keys.json`) are always accepted. */
  configKeys?: boolean;
}

/** The origins of a comma-separated list. */
export const corsOriginsOf = (list: string | undefined): string[] =>
  (list ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);

/**
 * A started gateway: where it listens, on which ledger, and how to stop it.
 *
 * @example
 * ```ts
 * const gw = await startGateway({ port: 0 });
 * const res = await fetch(`${gw.url}/healthz`);
 * for (const { apiKey, viewer } of gw.apiKeys) console.log(viewer.userId, apiKey);
 * await gw.close();
 * ```
 */
export interface RunningGateway {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  url: string;
  graphqlUrl: string;
  port: number;
  backend: LedgerBackend;
  config: NetworkConfig;
  /** Whether demo data was seeded at this start. */
  seeded: boolean;
  /** API keys with their users, for the start-up banner. */
  apiKeys: { apiKey: string; viewer: Viewer }[];
  /** Whether goods reads are shared between requests (see GatewayOptions.traceCache). */
  traceCache: boolean;
  /** Whether whole answers are shared (see GatewayOptions.answerCache). */
  answerCache: boolean;
  /** The query store reads come from (see GatewayOptions.queryStore), when on. */
  queryStore?: QueryStore;
  close(): Promise<void>;
}

/** True when the demo story is not on the ledger yet, judged by its first event: block heights
 * cannot tell, because a Fabric channel's bootstrap (chaincode lifecycle, registry) takes a
 * varying number of blocks. Seeding is idempotent anyway (fixed event ids). */
export async function demoMissing(backend: LedgerBackend, config: NetworkConfig): Promise<boolean> {
  const first = demoFlow(new Date())[0];
  const channel = channelForDistrict(config, String(first.event.district));
  if (!channel) return false;
  try {
    await backend.evaluate(channel, REGISTRY_SERVICE_USER, 'custody:getEvent', [String(first.event.id)]);
    return false;
  } catch (err) {
    if (parseChaincodeError(err)?.code === 'NOT_FOUND') return true;
    throw err;
  }
}

/**
 * Starts the gateway: opens the ledger (the given backend, Fabric when the environment asks for
 * it, else the embedded ledger in `dataDir`), seeds the demo story when asked, and serves GraphQL,
 * REST, EPCIS and the web page until `close()`.
 *
 * @example
 * ```ts
 * import { startGateway } from '@cargotrace/gateway';
 * const gw = await startGateway({ port: 4000, dataDir: '.data', demo: true });
 * console.log(`GraphQL at ${gw.graphqlUrl}`);
 * await gw.close();
 * ```
 */
/** The HTTP server over the gateway's transports, not yet listening. */
function httpServer(services: ReturnType<typeof gatewayServices>, options: GatewayOptions, dataDir: string) {
  const graphql = createGraphqlHandler(services);
  const { app, keys, inFlight } = createApp(
    services,
    { graphql: (req, res, context) => graphql(req, res, context) },
    {
      corsOrigins: options.corsOrigins ?? corsOriginsOf(process.env.CARGOTRACE_CORS_ORIGINS),
      apiKeys: { configKeys: options.configKeys ?? true, issued: IssuedKeys.open(issuedKeysFile(dataDir)) },
    },
  );
  const server: Server = createServer(app);
  server.on('clientError', answerClientError);
  server.requestTimeout = 120_000;
  return { server, keys, inFlight };
}

/** Where the operator's issued API keys are kept (hashed). */
export const issuedKeysFile = (dataDir: string): string => path.join(dataDir, 'api-keys.json');

export async function startGateway(options: GatewayOptions = {}): Promise<RunningGateway> {
  const config = options.config ?? loadNetworkConfig(options.configPath);
  const dataDir = path.resolve(options.dataDir ?? process.env.CARGOTRACE_DATA_DIR ?? '.data');
  const backend = options.backend ?? (await fabricBackendFromEnv()) ?? (await EmbeddedBackend.open(dataDir, config));
  const gateLog = await GateLog.open(path.join(dataDir, 'gate-decisions'));
  const storeReads = await openQueryStore(queryStoreOption(options), backend, config, dataDir);
  const services = gatewayServices(options, backend, config, gateLog, storeReads);
  const { live } = services;
  /** Closes what this start opened (not a backend the caller gave). */
  const release = async (): Promise<void> => {
    await storeReads?.store.close();
    await gateLog.close();
    if (!options.backend) await backend.close();
  };
  const releaseOnError = async <T>(step: () => Promise<T>): Promise<T> => {
    try {
      return await step();
    } catch (err) {
      live.close();
      await release();
      throw err;
    }
  };
  const seeded = await releaseOnError(() => seedDemoIfMissing(options, backend, config));
  // Reads are served from the store: it catches up (and rebuilds, when it must) before the gateway listens.
  if (storeReads) await releaseOnError(() => storeReads.store.caughtUp(catchUpProgress));
  const { server, keys, inFlight } = httpServer(services, options, dataDir);
  await releaseOnError(() => listen(server, options));
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  let closed = false;
  return {
    url,
    graphqlUrl: `${url}/graphql`,
    port: address.port,
    backend,
    config,
    seeded,
    apiKeys: keys.list(),
    traceCache: services.readCache !== undefined || storeReads !== undefined,
    answerCache: services.answerCache === true,
    ...(storeReads ? { queryStore: storeReads.store } : {}),
    async close() {
      if (closed) return;
      closed = true;
      live.close();
      // Stop accepting, let running handlers finish (bounded), then drop what is left.
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await inFlight.drain(SHUTDOWN_GRACE_MS);
      server.closeAllConnections();
      await stopped;
      await release();
    },
  };
}

/** The services the transports share, with the read and answer caches when the ledger suits them. */
function gatewayServices(
  options: GatewayOptions,
  backend: LedgerBackend,
  config: NetworkConfig,
  gateLog: GateLog,
  storeReads: StoreReads | undefined,
): GatewayServices {
  const metrics = new GatewayMetrics();
  const weightTolerance = options.weightTolerance ?? DEFAULT_WEIGHT_TOLERANCE;
  const live = new LiveFeed(backend, config, {
    weightTolerance,
    onChaincodeEvent: (e) => metrics.chaincodeEvents.inc({ channel: e.channel }),
  });
  const services: GatewayServices = {
    // Writes through it note the heights they reach, for the answer (read-your-writes).
    backend: reachedHeightsBackend(backend),
    config,
    metrics,
    live,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    weightTolerance,
    gateLog,
  };
  if (storeReads) {
    services.storeReads = storeReads;
    registerStoreMetrics(metrics.registry, storeReads.store, storeReads.cache);
    services.answerCache = options.traceCache !== false && options.answerCache !== false && readCacheSuitable(backend);
  } else if (options.traceCache !== false && readCacheSuitable(backend)) {
    const districts = config.channels.filter((c) => c.kind === 'district').map((c) => c.name);
    services.readCache = new ReadCache(backend, districts, typeof options.traceCache === 'object' ? options.traceCache : {});
    services.answerCache = options.answerCache !== false;
  }
  return services;
}

/** The query store's option; without the trace cache, its goods cache keeps nothing. */
function queryStoreOption(options: GatewayOptions): GatewayOptions['queryStore'] {
  const q = options.queryStore;
  if (q === false || options.traceCache !== false) return q;
  return { ...(typeof q === 'object' ? q : {}), cacheBytes: 0 };
}

/** One log line every few seconds while a long catch-up runs. */
function catchUpProgress(applied: number, total: number): void {
  console.log(`[gateway] query store catching up: ${applied}/${total} blocks (${total ? Math.floor((100 * applied) / total) : 100}%)`);
}

/** Seeds the demo story unless turned off or already there; true when it was seeded now. */
async function seedDemoIfMissing(options: GatewayOptions, backend: LedgerBackend, config: NetworkConfig): Promise<boolean> {
  if (options.demo === false || !(await demoMissing(backend, config))) return false;
  await seedDemoData(backend, config);
  return true;
}

function listen(server: Server, options: GatewayOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? Number(process.env.PORT ?? 4000), options.host ?? '127.0.0.1', () => resolve());
  });
}
