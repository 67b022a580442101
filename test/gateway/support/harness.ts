import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadNetworkConfig, type NetworkConfig } from '@cargotrace/network';
import { startGateway, type GatewayOptions, type RunningGateway } from '@cargotrace/gateway';
import { EmbeddedBackend, fabricBackendFromEnv, type LedgerBackend } from '@cargotrace/gateway';
import { defined } from '../../support/defined';
import { recording } from './recording-backend';

/** The ledger under the test gateway: the embedded one, unless CARGOTRACE_TEST_LEDGER=fabric and
 * FABRIC_GATEWAY_CONFIG (the manifest of a running network) are set — test/fabric/run.sh
 * (`npm run test:fabric`) sets both for the gateway end-to-end suite (FABRIC_COMMIT_SCOPE applies
 * as in the gateway). A variable of its own,
 * not LEDGER, so that a shell prepared for a Fabric gateway still runs `npm test` embedded. */
export function testLedger(env: NodeJS.ProcessEnv = process.env): 'embedded' | 'fabric' {
  const want = (env.CARGOTRACE_TEST_LEDGER ?? 'embedded').toLowerCase();
  if (want === 'embedded') return 'embedded';
  if (want !== 'fabric') throw new Error(`CARGOTRACE_TEST_LEDGER: embedded or fabric, not ${want}`);
  if (!env.FABRIC_GATEWAY_CONFIG)
    throw new Error('CARGOTRACE_TEST_LEDGER=fabric needs FABRIC_GATEWAY_CONFIG (network/fabric/up.sh writes it)');
  return 'fabric';
}

/** One entry of a GraphQL answer's `errors`. */
export interface GqlError {
  message: string;
  extensions?: { code?: string; [k: string]: unknown };
  path?: unknown[];
}

/** A GraphQL answer as sent: `data` shaped as the test's query selects it (`T`, taken on trust:
 * the test names the shape of what it asked for), `errors` when something failed. */
export interface GqlBody<T> {
  data?: T;
  errors?: GqlError[];
}

export interface GqlAnswer<T> {
  status: number;
  body: GqlBody<T>;
}

/** The answer's `data`, which the test needs: fails the test with the answer's errors when there
 * is none. */
export function dataOf<T>(body: GqlBody<T>): T {
  return defined(body.data, `data (errors: ${JSON.stringify(body.errors ?? null)})`);
}

export interface TestGateway {
  gw: RunningGateway;
  /** Which ledger the gateway runs on (see testLedger). */
  ledger: 'embedded' | 'fabric';
  backend: LedgerBackend;
  config: NetworkConfig;
  /** The gateway's data directory (temporary): the embedded ledger and the gate-decision log. */
  dataDir: string;
  /** Chaincode functions evaluated, as `channel fcn`. */
  evaluated: string[];
  keyOf(userId: string): string;
  gql<T = Record<string, unknown>>(apiKey: string | undefined, query: string, variables?: Record<string, unknown>): Promise<GqlAnswer<T>>;
  rest(apiKey: string | undefined, method: string, route: string, body?: unknown): Promise<{ status: number; body: unknown; text: string }>;
  /** Stops the gateway and starts a new one on the same ledger and data directory (`gw` changes). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

const authorization = (apiKey: string | undefined): Record<string, string> => (apiKey ? { authorization: `Bearer ${apiKey}` } : {});

/** POSTs a GraphQL request as JSON; an empty answer (none sent) reads as `{}`. */
async function postGraphql<T>(
  url: string,
  apiKey: string | undefined,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GqlAnswer<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...authorization(apiKey) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as GqlBody<T> };
}

/** A REST request; a string body is sent as is (to send malformed JSON), anything else as JSON.
 * `body` of the answer: the parsed JSON, or undefined when the answer is not JSON. */
async function requestRest(
  baseUrl: string,
  apiKey: string | undefined,
  method: string,
  route: string,
  body?: unknown,
): Promise<{ status: number; body: unknown; text: string }> {
  const res = await fetch(baseUrl + route, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...authorization(apiKey) },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed, text };
}

/** The ledger backend the test gateway runs on, with its evaluate calls recorded. */
async function openBackend(ledger: 'embedded' | 'fabric', dataDir: string, config: NetworkConfig) {
  return recording(
    ledger === 'embedded'
      ? await EmbeddedBackend.open(dataDir, config)
      : defined(await fabricBackendFromEnv({ ...process.env, LEDGER: 'fabric' }), 'the Fabric backend (LEDGER=fabric)'),
  );
}

/** The real gateway on a free loopback port, on a fresh embedded ledger in a temporary directory
 * or, with CARGOTRACE_TEST_LEDGER=fabric, on the running Fabric network (see testLedger). The
 * gateway's own files (gate-decision log) go to the temporary directory in both cases. */
export async function startTestGateway(options: Partial<GatewayOptions> = {}): Promise<TestGateway> {
  const config = loadNetworkConfig();
  const ledger = testLedger();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'cargotrace-gw-'));
  const backend = await openBackend(ledger, dataDir, config);
  const start = () => startGateway({ port: 0, host: '127.0.0.1', backend, config, demo: false, dataDir, ...options });
  let gw: RunningGateway;
  try {
    gw = await start();
  } catch (err) {
    await backend.close();
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  const keyOf = (userId: string) => {
    const k = config.users.find((u) => u.id === userId)?.apiKey;
    if (!k) throw new Error(`no API key for ${userId}`);
    return k;
  };
  return {
    get gw() {
      return gw;
    },
    ledger,
    backend,
    config,
    dataDir,
    evaluated: backend.log,
    keyOf,
    gql: (apiKey, query, variables) => postGraphql(gw.graphqlUrl, apiKey, query, variables),
    rest: (apiKey, method, route, body) => requestRest(gw.url, apiKey, method, route, body),
    async restart() {
      await gw.close();
      gw = await start();
    },
    async close() {
      await gw.close();
      await backend.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
