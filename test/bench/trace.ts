import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadNetworkConfig } from '@cargotrace/network';
import { EmbeddedBackend, ingestEvents, seedDemoData } from '@cargotrace/gateway';
import { DEMO_CONTAINER, DEMO_EXPORT_CONTAINER } from '@cargotrace/gateway/demo';
import { SIP_WAREHOUSE, YANGSHAN_TERMINAL, YOUYIGUAN_GATE, syntheticBatch, type SyntheticSite } from './synthetic-events';
import { binOf } from '../support/bin';
import { defined } from '../support/defined';

export interface TraceBenchOptions {
  events: number;
  /** Reused when it holds a ledger built for the same number of events. */
  ledgerDir?: string;
  durationSec: number;
  log: (line: string) => void;
}

export interface LoadFigures {
  connections: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/** One gateway process under load. */
export interface GatewayRun {
  startupMs: number;
  /** Trace at each of TRACE_CLIENTS. */
  gateway: LoadFigures[];
  /** gateCheck at each of GATE_CLIENTS. */
  gateCheck: LoadFigures[];
  rssMiB: { afterStart: number; afterLoad: number; peak: number };
}

export const TRACE_CLIENTS = [1, 50];
/** A gate lane asks one check at a time; 10 and 50 are many lanes at once. */
export const GATE_CLIENTS = [1, 10, 50];

/** The gateway as started by default (goods reads and whole answers shared between requests until
 * a channel gets a new block), `noAnswerCache`: with `--no-answer-cache` (every answer computed,
 * goods reads shared), and `uncached`: with `--no-trace-cache`, every request reading the ledger.
 * `bare` and `bareGate`: a bare express endpoint returning the same trace / gateCheck JSON. */
export interface TraceBenchReport extends GatewayRun {
  ledgerEvents: number;
  traceEvents: number;
  traceDistricts: string[];
  bare: LoadFigures[];
  bareGate: LoadFigures[];
  noAnswerCache: GatewayRun;
  uncached: GatewayRun;
}

type CacheMode = 'default' | 'no-answer-cache' | 'no-trace-cache';

const GACC_KEY = 'demo-gacc-analyst';
const MARKER = 'bench-ledger.json';

export const TRACE_QUERY = `query Trace($id: ID!) { trace(id: $id, direction: BOTH, maxDepth: 3) {
  districts events { id kind eventTime district proof { channel blockNumber txId blockHash } }
  custody { custodian { org } from to district } crossings { verdict fromDistrict toDistrict } anomalies { type message } } }`;
const GATE_QUERY = `query Gate { gateCheck(containerNo: "${DEMO_EXPORT_CONTAINER}", gateId: "CNYYG-GATE", direction: OUT) { decision reasons { code ok } } }`;

/** Builds (or reuses) a ledger of `events` background events plus the demo story, whose import
 * container is padded to about 50 events across 3 districts. */
async function buildLedger(dir: string, events: number, log: (l: string) => void): Promise<void> {
  const marker = path.join(dir, MARKER);
  if (existsSync(marker) && (JSON.parse(readFileSync(marker, 'utf8')) as { events?: number }).events === events) {
    log(`  reusing the ledger in ${dir}`);
    return;
  }
  const config = loadNetworkConfig();
  const backend = await EmbeddedBackend.open(dir, config);
  try {
    await seedDemoData(backend, config);
    const now = Date.now();
    const moves = Array.from({ length: 25 }, (_, i) => ({
      id: `bench-hero-move-${i}`,
      kind: 'MOVED',
      goods: [{ type: 'container', id: DEMO_CONTAINER }],
      eventTime: new Date(now - 80 * 3600_000 + i * 60_000).toISOString().replace('Z', '+00:00'),
      district: '2305',
      site: 'CNSZP-BZ-WH01',
      readPoint: `CNSZP-BZ-WH01-Y-${i}`,
      actor: SIP_WAREHOUSE.actor,
    }));
    const padded = await ingestEvents(backend, config, SIP_WAREHOUSE.userId, moves);
    if (padded.accepted + padded.duplicates !== moves.length)
      throw new Error(`hero padding rejected: ${JSON.stringify(padded.results[0])}`);

    const sites: SyntheticSite[] = [SIP_WAREHOUSE, YANGSHAN_TERMINAL, YOUYIGUAN_GATE];
    const batchSize = 1000;
    const batches = Math.ceil(events / batchSize);
    let next = 0;
    let done = 0;
    let reported = 0;
    const started = Date.now();
    const worker = async () => {
      while (next < batches) {
        const b = next++;
        const site = sites[b % sites.length];
        const size = Math.min(batchSize, events - b * batchSize);
        await backend.submit(site.channel, site.userId, 'custody:appendEvents', [
          JSON.stringify(syntheticBatch(Math.floor(b / sites.length), size, Date.UTC(2026, 0, 1), site)),
        ]);
        done += size;
        if (done - reported >= events / 20) {
          reported = done;
          log(
            `  ledger: ${done.toLocaleString('en')} / ${events.toLocaleString('en')} background events (${Math.round(done / ((Date.now() - started) / 1000))}/s)`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
  } finally {
    await backend.close();
  }
  writeFileSync(marker, JSON.stringify({ events }));
}

export function startChild(
  args: string[],
  ready: RegExp,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ child: ChildProcess; match: RegExpMatchArray; ms: number }> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...env, CORE_CHAINCODE_LOGGING_LEVEL: 'CRITICAL' },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const match = out.match(ready);
      if (match) resolve({ child, match, ms: Number(process.hrtime.bigint() - started) / 1e6 });
    });
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${String(code)} before it was ready:\n${out}`)));
  });
}

export function rssMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(status.match(new RegExp(`${name}:\\s+(\\d+) kB`))?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

export async function load(url: string, body: string, connections: number, durationSec: number): Promise<LoadFigures> {
  const r = await autocannon({
    url,
    method: 'POST',
    connections,
    duration: durationSec,
    body,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${GACC_KEY}` },
  });
  return { connections, requestsPerSecond: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, errors: r.errors + r.non2xx };
}

/** A full trace over HTTP at 1 and 50 clients beside a bare express endpoint returning the same
 * JSON, gateCheck latency, gateway start-up time and RSS on a large ledger. */
export async function benchTrace(opts: TraceBenchOptions): Promise<TraceBenchReport> {
  const dir = opts.ledgerDir ?? (await mkdtemp(path.join(tmpdir(), 'cargotrace-trace-bench-')));
  try {
    await buildLedger(dir, opts.events, opts.log);
    opts.log('  gateway as started by default (read and answer caches)');
    const cached = await measure(dir, opts, 'default');
    opts.log('  gateway with --no-answer-cache');
    const noAnswerCache = await measure(dir, opts, 'no-answer-cache');
    opts.log('  gateway with --no-trace-cache');
    const uncached = await measure(dir, opts, 'no-trace-cache');
    const { bare, bareGate, traceEvents, traceDistricts, ...run } = cached;
    return {
      ledgerEvents: opts.events,
      traceEvents,
      traceDistricts,
      bare,
      bareGate,
      ...run,
      noAnswerCache: withoutBare(noAnswerCache),
      uncached: withoutBare(uncached),
    };
  } finally {
    if (!opts.ledgerDir) await rm(dir, { recursive: true, force: true });
  }
}

function withoutBare(r: GatewayRun): GatewayRun {
  return { startupMs: r.startupMs, gateway: r.gateway, gateCheck: r.gateCheck, rssMiB: r.rssMiB };
}

/** The trace and gateCheck answers of a running gateway, saved for the bare-express baselines. */
async function recordAnswers(graphqlUrl: string, dir: string) {
  const traceBody = JSON.stringify({ query: TRACE_QUERY, variables: { id: DEMO_CONTAINER } });
  const answer = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${GACC_KEY}` },
    body: traceBody,
  });
  const text = await answer.text();
  const parsed = JSON.parse(text) as { data?: { trace?: { events: unknown[]; districts: string[] } }; errors?: unknown };
  if (!parsed.data?.trace) throw new Error(`trace query failed: ${text.slice(0, 500)}`);
  const bodyFile = path.join(dir, 'trace-answer.json');
  writeFileSync(bodyFile, text);
  const gateBody = JSON.stringify({ query: GATE_QUERY });
  const gateText = await (
    await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${GACC_KEY}` },
      body: gateBody,
    })
  ).text();
  if (!(JSON.parse(gateText) as { data?: { gateCheck?: unknown } }).data?.gateCheck)
    throw new Error(`gateCheck query failed: ${gateText.slice(0, 500)}`);
  const gateFile = path.join(dir, 'gate-answer.json');
  writeFileSync(gateFile, gateText);
  return { traceBody, gateBody, bodyFile, gateFile, trace: parsed.data.trace };
}

/** A load run at each client count against the gateway, each followed by one against the bare
 * baseline when there is one. */
async function loadSeries(
  what: string,
  clientCounts: readonly number[],
  gatewayUrl: string,
  baselineUrl: string | undefined,
  body: string,
  opts: TraceBenchOptions,
): Promise<{ gateway: LoadFigures[]; bare: LoadFigures[] }> {
  const out = { gateway: [] as LoadFigures[], bare: [] as LoadFigures[] };
  for (const connections of clientCounts) {
    opts.log(`  ${what} at ${connections} client(s): gateway${baselineUrl ? ', then bare express' : ''}`);
    out.gateway.push(await load(gatewayUrl, body, connections, opts.durationSec));
    if (baselineUrl) out.bare.push(await load(baselineUrl, body, connections, opts.durationSec));
  }
  return out;
}

async function measure(
  dir: string,
  opts: TraceBenchOptions,
  mode: CacheMode,
): Promise<GatewayRun & { bare: LoadFigures[]; bareGate: LoadFigures[]; traceEvents: number; traceDistricts: string[] }> {
  const cli = binOf('@cargotrace/gateway', 'cargotrace-gateway');
  const gw = await startChild(
    [
      cli,
      '--port',
      '0',
      '--data-dir',
      dir,
      '--no-demo',
      '--config-keys',
      '--rate-limit',
      '0',
      ...(mode === 'default' ? [] : [`--${mode}`]),
    ],
    /GraphiQL\s+(http:\S+)/,
  );
  const children: ChildProcess[] = [gw.child];
  try {
    const graphqlUrl = gw.match[1];
    const pid = defined(gw.child.pid, 'the gateway pid');
    const afterStart = rssMiB(pid).rss;
    const { traceBody, gateBody, bodyFile, gateFile, trace } = await recordAnswers(graphqlUrl, dir);
    // The bare baselines once, beside the default gateway run.
    const withBare = mode === 'default';
    const bare = withBare ? await startChild([path.join(__dirname, 'bare-express.js'), bodyFile], /listening (\d+)/) : undefined;
    if (bare) children.push(bare.child);
    const bareGate = withBare ? await startChild([path.join(__dirname, 'bare-express.js'), gateFile], /listening (\d+)/) : undefined;
    if (bareGate) children.push(bareGate.child);
    const bareUrl = (b: NonNullable<typeof bare>) => `http://127.0.0.1:${b.match[1]}/graphql`;

    const traces = await loadSeries('trace', TRACE_CLIENTS, graphqlUrl, bare && bareUrl(bare), traceBody, opts);
    const gates = await loadSeries('gateCheck', GATE_CLIENTS, graphqlUrl, bareGate && bareUrl(bareGate), gateBody, opts);
    const report = {
      traceEvents: trace.events.length,
      traceDistricts: trace.districts,
      startupMs: gw.ms,
      gateway: traces.gateway,
      bare: traces.bare,
      gateCheck: gates.gateway,
      bareGate: gates.bare,
      rssMiB: { afterStart, afterLoad: 0, peak: 0 },
    };
    const mem = rssMiB(pid);
    report.rssMiB.afterLoad = mem.rss;
    report.rssMiB.peak = mem.peak;
    return report;
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
  }
}
