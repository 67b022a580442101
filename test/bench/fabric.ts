import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadNetworkConfig } from '@cargotrace/network';
import { DEMO_CONTAINER } from '@cargotrace/gateway/demo';
import { SIP_WAREHOUSE, YANGSHAN_TERMINAL, YOUYIGUAN_GATE, syntheticBatch, type SyntheticSite } from './synthetic-events';
import { TRACE_QUERY, load, startChild, type LoadFigures } from './trace';
import { binOf } from '../support/bin';
import { defined } from '../support/defined';

/** `npm run bench -- --suite fabric`: the gateway on a real Hyperledger Fabric 2.5 network on this
 * machine beside the same gateway on the embedded ledger, in the same run:
 * - ingestion: events/s of REST POST /api/v1/events with batches of 1,000 synthetic WMS events
 *   (test/bench/synthetic-events.ts) from a few concurrent clients, spread over three district
 *   channels (each batch is one transaction, endorsed, ordered and committed);
 * - trace latency: GraphQL trace of the demo container at 1 and 10 clients (autocannon).
 * The network is started with network/fabric/up.sh and stopped afterwards, unless
 * FABRIC_GATEWAY_CONFIG names a running one. Without the Fabric binaries the suite is skipped. */

export interface FabricBenchOptions {
  events: number;
  batchSize: number;
  clients: number;
  durationSec: number;
  traceClients: number[];
  log: (line: string) => void;
}

export interface IngestFigures {
  events: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  batches: number;
  clients: number;
  ms: number;
  eventsPerSecond: number;
  batchP50Ms: number;
  batchMaxMs: number;
}

export interface BackendBench {
  backend: 'embedded' | 'fabric';
  /** Gateway start-up until it listens, demo story seeding included. */
  startupMs: number;
  ingest: IngestFigures;
  traceEvents: number;
  trace: LoadFigures[];
}

export interface FabricBenchReport {
  skipped?: string;
  network?: { reused: boolean; upMs?: number; downMs?: number; commitScope: string };
  embedded?: BackendBench;
  fabric?: BackendBench;
}

const ROOT = path.resolve(__dirname, '../../..');
const FABRIC_DIR = path.join(ROOT, 'network/fabric');
const CLI = binOf('@cargotrace/gateway', 'cargotrace-gateway');
const GACC_KEY = 'demo-gacc-analyst';
const SITES: SyntheticSite[] = [SIP_WAREHOUSE, YANGSHAN_TERMINAL, YOUYIGUAN_GATE];

/** Why the suite cannot run here, or undefined when it can. */
export function fabricUnavailable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.FABRIC_GATEWAY_CONFIG)
    return existsSync(env.FABRIC_GATEWAY_CONFIG) ? undefined : `FABRIC_GATEWAY_CONFIG=${env.FABRIC_GATEWAY_CONFIG} does not exist`;
  const dirs = [env.FABRIC_BIN, ...(env.PATH ?? '').split(path.delimiter)].filter((d): d is string => !!d);
  for (const b of ['peer', 'orderer', 'configtxgen', 'cryptogen', 'osnadmin']) {
    if (!dirs.some((d) => existsSync(path.join(d, b))))
      return `Hyperledger Fabric 2.5 binaries not found ('${b}' missing; set FABRIC_BIN or PATH)`;
  }
  return undefined;
}

function runScript(script: string, args: string[], env: NodeJS.ProcessEnv): number {
  const started = Date.now();
  const r = spawnSync('bash', [path.join(FABRIC_DIR, script), ...args], { cwd: ROOT, env, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new Error(`${script} failed (exit ${String(r.status ?? r.signal)})`);
  return Date.now() - started;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** `clients` concurrent clients POST batches of synthetic events until `events` are sent; batch b
 * goes to site b mod 3 as that site's operator. `offset` keeps the event ids of a run apart from
 * those of an earlier run on a reused network. */
/** POSTs batch `b` of `size` synthetic events as its site's operator; fails on any rejection. */
async function sendBatch(url: string, keys: Map<string, string>, offset: number, b: number, size: number) {
  const site = SITES[b % SITES.length];
  const body = JSON.stringify(syntheticBatch(offset + Math.floor(b / SITES.length), size, Date.UTC(2026, 0, 1), site));
  const t0 = performance.now();
  const res = await fetch(`${url}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.get(site.userId) ?? ''}` },
    body,
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`POST /api/v1/events: ${res.status} ${text.slice(0, 300)}`);
  const r = JSON.parse(text) as {
    accepted: number;
    duplicates: number;
    rejected: number;
    results: { code?: string; message?: string }[];
  };
  if (r.rejected)
    throw new Error(`batch ${b} rejected: ${JSON.stringify(r.results.find((x) => x.code && x.code !== 'CHUNK_REJECTED') ?? r.results[0])}`);
  return { ms: performance.now() - t0, ...r };
}

async function ingest(url: string, keys: Map<string, string>, opts: FabricBenchOptions, offset: number): Promise<IngestFigures> {
  const batches = Math.ceil(opts.events / opts.batchSize);
  const send = (b: number, size: number) => sendBatch(url, keys, offset, b, size);
  // Warm-up outside the clock: one small batch per site opens the site user's connection.
  await Promise.all(SITES.map((_, i) => send(batches + i, 5)));
  const figures: IngestFigures = {
    events: 0,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    batches,
    clients: opts.clients,
    ms: 0,
    eventsPerSecond: 0,
    batchP50Ms: 0,
    batchMaxMs: 0,
  };
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  const client = async () => {
    while (next < batches) {
      const b = next++;
      const size = Math.min(opts.batchSize, opts.events - b * opts.batchSize);
      const r = await send(b, size);
      times.push(r.ms);
      figures.events += size;
      figures.accepted += r.accepted;
      figures.duplicates += r.duplicates;
      figures.rejected += r.rejected;
    }
  };
  await Promise.all(Array.from({ length: opts.clients }, client));
  figures.ms = performance.now() - started;
  figures.eventsPerSecond = figures.accepted / (figures.ms / 1000);
  times.sort((a, b) => a - b);
  figures.batchP50Ms = percentile(times, 50);
  figures.batchMaxMs = times[times.length - 1] ?? NaN;
  return figures;
}

async function benchGateway(
  backend: 'embedded' | 'fabric',
  env: NodeJS.ProcessEnv,
  args: string[],
  opts: FabricBenchOptions,
): Promise<BackendBench> {
  const keys = new Map(loadNetworkConfig().users.flatMap((u) => (u.apiKey ? [[u.id, u.apiKey] as const] : [])));
  opts.log(`${backend}: starting the gateway (demo story seeded on an empty ledger)`);
  const gw = await startChild([CLI, '--port', '0', '--rate-limit', '0', ...args], /GraphiQL\s+(http:\S+)/, env);
  const child: ChildProcess = gw.child;
  try {
    const graphqlUrl = gw.match[1];
    const url = graphqlUrl.replace(/\/graphql$/, '');
    const traceBody = JSON.stringify({ query: TRACE_QUERY, variables: { id: DEMO_CONTAINER } });
    const first = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${GACC_KEY}` },
      body: traceBody,
    });
    const text = await first.text();
    const parsed = JSON.parse(text) as { data?: { trace?: { events: unknown[] } }; errors?: unknown };
    if (!parsed.data?.trace || parsed.errors) throw new Error(`${backend}: trace query failed: ${text.slice(0, 500)}`);
    opts.log(`${backend}: ingesting ${opts.events.toLocaleString('en')} events, batches of ${opts.batchSize}, ${opts.clients} clients`);
    const offset = backend === 'fabric' ? (Math.floor(Date.now() / 1000) % 100_000) * 10 : 0;
    const ingestFigures = await ingest(url, keys, opts, offset);
    const trace: LoadFigures[] = [];
    for (const c of opts.traceClients) {
      opts.log(`${backend}: trace of ${DEMO_CONTAINER} at ${c} client(s) for ${opts.durationSec} s`);
      trace.push(await load(graphqlUrl, traceBody, c, opts.durationSec));
    }
    return { backend, startupMs: gw.ms, ingest: ingestFigures, traceEvents: parsed.data.trace.events.length, trace };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
  }
}

/** Runs `fn` against a Fabric network: the one FABRIC_GATEWAY_CONFIG names, else one started with
 * network/fabric/up.sh for the run and stopped (purged) afterwards. `fn` gets the environment
 * without LEDGER (for an embedded gateway beside it) and the one that points a gateway at Fabric. */
export async function withFabricNetwork<T>(
  log: (line: string) => void,
  fn: (envs: { env: NodeJS.ProcessEnv; fabricEnv: NodeJS.ProcessEnv }, network: NonNullable<FabricBenchReport['network']>) => Promise<T>,
): Promise<T> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (env.FABRIC_BIN) env.PATH = `${env.FABRIC_BIN}${path.delimiter}${env.PATH ?? ''}`;
  delete env.LEDGER;
  const network: NonNullable<FabricBenchReport['network']> = {
    reused: !!env.FABRIC_GATEWAY_CONFIG,
    commitScope: env.FABRIC_COMMIT_SCOPE ?? 'network',
  };
  let started = false;
  const fabricEnv: NodeJS.ProcessEnv = { ...env };
  try {
    if (!env.FABRIC_GATEWAY_CONFIG) {
      fabricEnv.FABRIC_WORK_DIR ??= path.join(FABRIC_DIR, '.run-bench');
      log(`fabric: starting the network (network/fabric/up.sh, work dir ${fabricEnv.FABRIC_WORK_DIR})`);
      runScript('down.sh', [], fabricEnv);
      started = true;
      network.upMs = runScript('up.sh', [], { ...fabricEnv, SKIP_BUILD: '1' });
      fabricEnv.FABRIC_GATEWAY_CONFIG = path.join(fabricEnv.FABRIC_WORK_DIR, 'gateway/fabric-gateway.json');
    }
    return await fn({ env, fabricEnv: { ...fabricEnv, LEDGER: 'fabric' } }, network);
  } finally {
    if (started) {
      log('fabric: stopping the network (network/fabric/down.sh --purge)');
      network.downMs = runScript('down.sh', ['--purge'], fabricEnv);
    }
  }
}

export async function benchFabric(opts: FabricBenchOptions): Promise<FabricBenchReport> {
  const why = fabricUnavailable();
  if (why) return { skipped: why };
  return withFabricNetwork(opts.log, async ({ env, fabricEnv }, network) => {
    const report: FabricBenchReport = { network };
    const dataDir = await mkdtemp(path.join(tmpdir(), 'cargotrace-fabric-bench-'));
    try {
      report.embedded = await benchGateway('embedded', env, ['--data-dir', dataDir], opts);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
    report.fabric = await benchGateway('fabric', fabricEnv, [], opts);
    return report;
  });
}

export function printFabric(r: FabricBenchReport): string {
  if (r.skipped) return `SKIPPED bench --suite fabric: ${r.skipped}.`;
  const f = (n: number) => Math.round(n).toLocaleString('en');
  const e = defined(r.embedded, 'the embedded figures');
  const fb = defined(r.fabric, 'the Fabric figures');
  const network = defined(r.network, 'the network figures');
  const lines = [
    `gateway on Hyperledger Fabric 2.5 (one machine: 3 Raft orderers, 10 peers, Node chaincode; submit waits for the commit on ${network.commitScope === 'org' ? "the caller's organisation's peers" : 'every peer of the channel'}) beside the embedded ledger`,
    network.reused
      ? '  network                reused (FABRIC_GATEWAY_CONFIG)'
      : `  network                up ${f(network.upMs ?? NaN)} ms, down ${f(network.downMs ?? NaN)} ms`,
    `  ${''.padEnd(22)} ${'embedded'.padStart(14)} ${'fabric'.padStart(14)} ${'embedded/fabric'.padStart(16)}`,
  ];
  const row = (name: string, a: number, b: number, unit: string, digits = 0) =>
    lines.push(
      `  ${name.padEnd(22)} ${(a.toFixed(digits) + unit).padStart(14)} ${(b.toFixed(digits) + unit).padStart(14)} ${(a / b).toFixed(2).padStart(15)}×`,
    );
  lines.push(
    `  ${'gateway start-up'.padEnd(22)} ${(f(e.startupMs) + ' ms').padStart(14)} ${(f(fb.startupMs) + ' ms').padStart(14)}   (demo story seeded)`,
  );
  row(`ingest events/s`, e.ingest.eventsPerSecond, fb.ingest.eventsPerSecond, '');
  lines.push(
    `  ${''.padEnd(22)} ${f(fb.ingest.events)} events each, REST batches of ${f(fb.ingest.events / fb.ingest.batches)}, ${fb.ingest.clients} clients, 3 district channels`,
  );
  row('ingest batch p50', e.ingest.batchP50Ms, fb.ingest.batchP50Ms, ' ms');
  row('ingest batch max', e.ingest.batchMaxMs, fb.ingest.batchMaxMs, ' ms');
  e.trace.forEach((t, i) => {
    const u = fb.trace[i];
    const c = `${t.connections} client${t.connections > 1 ? 's' : ''}`;
    row(`trace p50, ${c}`, t.p50Ms, u.p50Ms, ' ms', 1);
    row(`trace p99, ${c}`, t.p99Ms, u.p99Ms, ' ms', 1);
    row(`trace req/s, ${c}`, t.requestsPerSecond, u.requestsPerSecond, '', 0);
    if (t.errors || u.errors) lines.push(`  ${''.padEnd(22)} errors: embedded ${t.errors}, fabric ${u.errors}`);
  });
  lines.push(`  trace of ${DEMO_CONTAINER}: ${fb.traceEvents} events (embedded ${e.traceEvents})`);
  if (e.ingest.duplicates || fb.ingest.duplicates)
    lines.push(`  duplicates (not counted): embedded ${e.ingest.duplicates}, fabric ${fb.ingest.duplicates}`);
  return lines.join('\n');
}
