import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadNetworkConfig, type NetworkConfig } from '@cargotrace/network';
import { startGateway, type GatewayOptions, type RunningGateway } from '@cargotrace/gateway';
import { EmbeddedBackend } from '@cargotrace/gateway';
import { recording } from './recording-backend';

export interface TestGateway {
  gw: RunningGateway;
  config: NetworkConfig;
  /** Chaincode functions evaluated, as `channel fcn`. */
  evaluated: string[];
  keyOf(userId: string): string;
  gql<T = Record<string, unknown>>(apiKey: string | undefined, query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: { data?: T; errors?: { message: string; extensions?: { code?: string; [k: string]: unknown }; path?: unknown[] }[] } }>;
  rest(apiKey: string | undefined, method: string, route: string, body?: unknown): Promise<{ status: number; body: any; text: string }>;
  close(): Promise<void>;
}

/** The real gateway on a fresh embedded ledger in a temporary directory, on a free loopback port. */
export async function startTestGateway(options: Partial<GatewayOptions> = {}): Promise<TestGateway> {
  const config = loadNetworkConfig();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'cargotrace-gw-'));
  const backend = recording(await EmbeddedBackend.open(dataDir, config));
  const gw: RunningGateway = await startGateway({ port: 0, host: '127.0.0.1', backend, config, demo: false, ...options });
  const keyOf = (userId: string) => {
    const k = config.users.find((u) => u.id === userId)?.apiKey;
    if (!k) throw new Error(`no API key for ${userId}`);
    return k;
  };
  const auth = (apiKey: string | undefined): Record<string, string> => (apiKey ? { authorization: `Bearer ${apiKey}` } : {});
  return {
    gw,
    config,
    evaluated: backend.log,
    keyOf,
    async gql(apiKey, query, variables) {
      const res = await fetch(gw.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...auth(apiKey) },
        body: JSON.stringify({ query, variables }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : {} };
    },
    async rest(apiKey, method, route, body) {
      const res = await fetch(gw.url + route, {
        method,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...auth(apiKey) },
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
    },
    async close() {
      await gw.close();
      await backend.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
