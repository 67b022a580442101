import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadNetworkConfig, type NetworkConfig } from '@cargotrace/network';
import { EmbeddedBackend, startGateway, type GatewayOptions, type RunningGateway } from '@cargotrace/gateway';
import { seedDemoData } from '@cargotrace/gateway/demo';
import { defined } from '../support/defined';

/** One embedded ledger with the demo story, and gateways started on it: each with its own data
 * directory (its query store and gate-decision log), so that one answering from its query store
 * and one evaluating chaincode can be compared on the same blocks. */
export interface StoreLedger {
  backend: EmbeddedBackend;
  config: NetworkConfig;
  /** Starts a gateway on the ledger; `dir` names its data directory (kept across restarts). */
  start(dir: string, options?: Partial<GatewayOptions>): Promise<RunningGateway>;
  dataDir(dir: string): string;
  keyOf(userId: string): string;
  close(): Promise<void>;
}

export async function openStoreLedger(): Promise<StoreLedger> {
  const config = loadNetworkConfig();
  const root = await mkdtemp(path.join(tmpdir(), 'cargotrace-qs-'));
  const backend = await EmbeddedBackend.open(path.join(root, 'ledger'), config);
  await seedDemoData(backend, config);
  const running: RunningGateway[] = [];
  const dataDir = (dir: string) => path.join(root, dir);
  return {
    backend,
    config,
    dataDir,
    async start(dir, options = {}) {
      const gw = await startGateway({ port: 0, host: '127.0.0.1', backend, config, demo: false, dataDir: dataDir(dir), ...options });
      running.push(gw);
      return gw;
    },
    keyOf: (userId) =>
      defined(
        config.users.find((u) => u.id === userId),
        `user ${userId}`,
      ).apiKey ?? '',
    async close() {
      for (const gw of running) await gw.close();
      await backend.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** A GraphQL request's status, headers and parsed body. */
export async function gql(
  gw: RunningGateway,
  apiKey: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown>; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}> {
  const res = await fetch(gw.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${apiKey}`, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as never };
}

/** A REST request with a JSON body (or none). */
export async function rest(
  gw: RunningGateway,
  apiKey: string,
  method: string,
  route: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const res = await fetch(gw.url + route, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}
