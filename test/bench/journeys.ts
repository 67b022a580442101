import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { EVENTS_PER_JOURNEY, journeyContainer, type JourneySet } from './journey-events';
import { apiKeys, writeJourneys } from './journey-ingest';
import { loadDistinct, Rotation, type DistinctLoadFigures, type Query } from './journey-load';
import { startBare, startGateway, startWriter, stopChild, type RunningGateway, type RunningWriter } from './journey-gateway';
import { fabricUnavailable, withFabricNetwork } from './fabric';
import { TRACE_QUERY, rssMiB } from './trace';

/** `npm run bench -- --suite journeys`: reads of distinct goods on a ledger of cross-district
 * journeys (journey-events.ts) written by the organisations that write them, through the gateway
 * process users start:
 * - 50 clients tracing distinct containers, quiet and while a separate writer appends new
 *   journeys at a paced rate, each beside a bare express endpoint returning a same-sized JSON
 *   under the same conditions; gateCheck of distinct containers under that ingestion;
 * - the cold path: the first trace of each goods after a restart;
 * - gateway RSS through a mixed load (traces, gate checks, event listings, ingestion);
 * - with the Fabric binaries (FABRIC_BIN), the same reads on a real Fabric network. */

export interface JourneysOptions {
  journeys: number;
  /** Where the built ledger is kept and reused when it holds the same journeys; runs measure a
   * copy, so the background writer's journeys never reach it. */
  ledgerDir?: string;
  phaseSec: number;
  mixedSec: number;
  ingestRate: number;
  /** Journeys on Fabric; 0 skips the Fabric part. */
  fabricJourneys: number;
  log: (line: string) => void;
}

/** A gateway run and the bare baseline measured beside it under the same conditions. */
export interface Paired {
  gateway: DistinctLoadFigures;
  bare: DistinctLoadFigures;
}

/** What the background writer achieved while a measurement ran. */
export interface WriterFigures {
  targetPerSecond: number;
  achievedPerSecond: number;
  accepted: number;
}

export interface BackendJourneys {
  backend: 'embedded' | 'fabric';
  journeys: number;
  events: number;
  /** Building the ledger through the gateway's ingest API; absent when a built one was reused. */
  build?: { ms: number; eventsPerSecond: number };
  startupMs: number;
  answerBytes: { trace: number; gateCheck: number };
  quiet: Paired;
  /** One client tracing distinct goods, no baseline: the latency of a trace without queueing. */
  quietOneClient: DistinctLoadFigures;
  ingesting: { trace: Paired; gateCheck: Paired; writer: WriterFigures };
  cold: { startupMs: number; rssMiBAfterStart: number; goods: number; load: DistinctLoadFigures };
  mixed?: {
    durationSec: number;
    /** Each kind of request with its own clients, all at once. */
    load: { trace: DistinctLoadFigures; gateCheck: DistinctLoadFigures; events: DistinctLoadFigures };
    writer: WriterFigures;
    /** `afterStart`: when the mixed load starts, on the gateway restarted for the cold path. */
    rssMiB: { afterStart: number; peakSample: number; highWaterMark: number; samples: number[] };
  };
}

export interface JourneysReport {
  embedded: BackendJourneys;
  fabric?: BackendJourneys;
  fabricSkipped?: string;
}

export const CLIENTS = 50;
/** The mixed load's 50 clients: half tracing, the rest checking gates and listing events. */
const MIXED_CLIENTS = { trace: 24, gateCheck: 13, events: 13 };
/** Goods read once each after the restart (at most the journeys built). */
const COLD_GOODS = 5000;
const MARKER = 'bench-journeys.json';
/** Bumped when the journeys written change, so an older ledger is rebuilt rather than reused. */
const LEDGER_FORMAT = 1;
const BUILT: JourneySet = { owner: 'JYS', tag: 'b', startMs: Date.UTC(2026, 6, 1), spacingMs: 120_000 };
const GACC = 'demo-gacc-analyst';
const SIP_OFFICER = 'demo-sip-officer';
const NANJING_ANALYST = 'demo-nanjing-analyst';
const GATE_QUERY = `query Gate($c: String!) { gateCheck(containerNo: $c, gateId: "CNSZP-BZ-GATE1", direction: OUT) { decision reasons { code ok } } }`;
const EVENTS_QUERY = `query Events($f: EventFilter) { events(filter: $f, first: 20) { edges { cursor node { id kind eventTime district
  goods { type id } proof { channel blockNumber txId } } } pageInfo { hasNextPage endCursor } } }`;

const traceOf = (serial: number): Query => ({
  body: JSON.stringify({ query: TRACE_QUERY, variables: { id: journeyContainer(BUILT, serial) } }),
  apiKey: GACC,
});
const gateOf = (serial: number): Query => ({
  body: JSON.stringify({ query: GATE_QUERY, variables: { c: journeyContainer(BUILT, serial) } }),
  apiKey: SIP_OFFICER,
});
/** A district's events over the hour in which journey `serial` arrived there, or one goods' events. */
function listingOf(serial: number, byGoods: boolean): Query {
  const arrival = BUILT.startMs + serial * BUILT.spacingMs + 11 * 3600_000;
  const f = byGoods
    ? { goodsId: journeyContainer(BUILT, serial) }
    : { district: '2305', from: new Date(arrival).toISOString(), to: new Date(arrival + 3600_000).toISOString() };
  return { body: JSON.stringify({ query: EVENTS_QUERY, variables: { f } }), apiKey: NANJING_ANALYST };
}

/** Container owner codes for the background writers: new containers on every run, also on a
 * Fabric network kept between runs. */
let writerRun = Math.floor(Date.now() / 1000);
function nextWriterOwner(): string {
  const n = writerRun++ % (26 * 26);
  return `W${String.fromCharCode(65 + Math.floor(n / 26))}${String.fromCharCode(65 + (n % 26))}`;
}
/** The mixed load's writer's journeys arrive this long after the first writer's, so that neither
 * meets the other's (a writer appends a journey a minute of event time) and none lies in the future. */
const MIXED_WRITER_LATER_MS = 30 * 86_400_000;
/** New journeys arrive after the built ones. */
const writerStartMs = (journeys: number) => BUILT.startMs + (journeys + 1000) * BUILT.spacingMs;

/** Writes `journeys` journeys through the gateway at `baseUrl`, with a progress bar. */
async function writeLedger(baseUrl: string, journeys: number, waveSize: number): Promise<{ ms: number; eventsPerSecond: number }> {
  const bar = new SingleBar(
    { format: '  journeys [{bar}] {percentage}% | {value}/{total} events | {rate} events/s | ETA {eta_formatted}', stream: process.stderr },
    Presets.shades_classic,
  );
  const started = performance.now();
  let done = 0;
  bar.start(journeys * EVENTS_PER_JOURNEY, 0, { rate: 0 });
  try {
    await writeJourneys({
      baseUrl,
      set: BUILT,
      first: 0,
      journeys,
      waveSize,
      concurrency: 4,
      onWritten: (c) => {
        done += c.accepted + c.duplicates;
        bar.update(done, { rate: Math.round(done / ((performance.now() - started) / 1000)) });
      },
    });
  } finally {
    bar.stop();
  }
  const ms = performance.now() - started;
  return { ms, eventsPerSecond: (journeys * EVENTS_PER_JOURNEY) / (ms / 1000) };
}

/** The embedded ledger of `journeys` journeys in `dir`: reused when its marker says so, else
 * written afresh through a gateway on it. */
async function buildEmbedded(dir: string, journeys: number, log: (l: string) => void): Promise<BackendJourneys['build']> {
  const marker = path.join(dir, MARKER);
  if (existsSync(marker)) {
    const m = JSON.parse(readFileSync(marker, 'utf8')) as { journeys?: number; format?: number };
    if (m.journeys === journeys && m.format === LEDGER_FORMAT) {
      log(`  reusing the ledger of ${journeys.toLocaleString('en')} journeys in ${dir}`);
      return undefined;
    }
  }
  await rm(dir, { recursive: true, force: true });
  log(`  writing ${journeys.toLocaleString('en')} journeys (${(journeys * EVENTS_PER_JOURNEY).toLocaleString('en')} events) into ${dir}`);
  const gw = await startGateway(dir);
  try {
    const build = await writeLedger(gw.baseUrl, journeys, 250);
    writeFileSync(marker, JSON.stringify({ journeys, format: LEDGER_FORMAT }));
    return build;
  } finally {
    await stopChild(gw.child);
  }
}

async function postQuery(url: string, q: Query): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${q.apiKey}` },
    body: q.body,
  });
  const text = await res.text();
  if (res.status !== 200 || text.includes('"errors"')) throw new Error(`query failed (${res.status}): ${text.slice(0, 500)}`);
  return text;
}

/** Checks that the ledger holds whole journeys (a trace crosses from 2248 to 2305 with a matched
 * crossing) and saves a trace and a gateCheck answer for the bare baselines. */
async function recordAnswers(gw: RunningGateway, dir: string, journeys: number) {
  const serial = journeys - 1;
  const trace = await postQuery(gw.graphqlUrl, traceOf(serial));
  const t = (JSON.parse(trace) as { data: { trace: { events: unknown[]; districts: string[]; crossings: { verdict: string }[] } } }).data
    .trace;
  if (t.events.length < EVENTS_PER_JOURNEY || !t.districts.includes('2305') || t.crossings[0]?.verdict !== 'MATCHED')
    throw new Error(`the trace of journey ${serial} is not a whole journey: ${trace.slice(0, 500)}`);
  const gate = await postQuery(gw.graphqlUrl, gateOf(serial));
  await postQuery(gw.graphqlUrl, listingOf(serial, false));
  const files = { trace: path.join(dir, 'trace-answer.json'), gateCheck: path.join(dir, 'gate-answer.json') };
  writeFileSync(files.trace, trace);
  writeFileSync(files.gateCheck, gate);
  return { files, bytes: { trace: Buffer.byteLength(trace), gateCheck: Buffer.byteLength(gate) } };
}

/** The writer's accepted events per second between two moments. */
class WriterWindow {
  private readonly at = performance.now();
  private readonly from: number;
  constructor(private readonly writer: RunningWriter) {
    this.from = writer.written();
  }
  figures(target: number): WriterFigures {
    const accepted = this.writer.written() - this.from;
    return { targetPerSecond: target, accepted, achievedPerSecond: accepted / ((performance.now() - this.at) / 1000) };
  }
}

interface Measure {
  opts: JourneysOptions;
  journeys: number;
  gw: RunningGateway;
  bare: { trace: string; gateCheck: string };
  rotation: Rotation;
  bareRotation: Rotation;
}

async function paired(m: Measure, what: 'trace' | 'gateCheck'): Promise<Paired> {
  const of = what === 'trace' ? traceOf : gateOf;
  m.opts.log(`  ${what}: ${CLIENTS} clients, distinct goods, ${m.opts.phaseSec} s on the gateway, then bare express`);
  const gateway = await loadDistinct({
    url: m.gw.graphqlUrl,
    connections: CLIENTS,
    durationSec: m.opts.phaseSec,
    next: () => of(m.rotation.next()),
    rotation: m.rotation,
  });
  const bare = await loadDistinct({
    url: m.bare[what],
    connections: CLIENTS,
    durationSec: m.opts.phaseSec,
    next: () => of(m.bareRotation.next()),
  });
  return { gateway, bare };
}

/** Quiet traces, then traces and gate checks while the writer appends new journeys. */
async function warmPhases(m: Measure): Promise<Pick<BackendJourneys, 'quiet' | 'quietOneClient' | 'ingesting'>> {
  const warmupSec = Math.max(2, Math.round(m.opts.phaseSec / 10));
  m.opts.log(`  warm-up: ${warmupSec} s of traces on the gateway and on bare express (not counted)`);
  await loadDistinct({ url: m.gw.graphqlUrl, connections: CLIENTS, durationSec: warmupSec, next: () => traceOf(m.rotation.next()) });
  await loadDistinct({ url: m.bare.trace, connections: CLIENTS, durationSec: warmupSec, next: () => traceOf(m.bareRotation.next()) });
  m.opts.log('  quiet');
  const quiet = await paired(m, 'trace');
  m.opts.log(`  trace: 1 client, distinct goods, ${m.opts.phaseSec} s on the gateway`);
  const quietOneClient = await loadDistinct({
    url: m.gw.graphqlUrl,
    connections: 1,
    durationSec: m.opts.phaseSec,
    next: () => traceOf(m.rotation.next()),
    rotation: m.rotation,
  });
  m.opts.log(`  with ${m.opts.ingestRate} events/s appended by a separate writer`);
  const writer = await startWriter(m.gw.baseUrl, m.opts.ingestRate, nextWriterOwner(), writerStartMs(m.journeys));
  try {
    const window = new WriterWindow(writer);
    const trace = await paired(m, 'trace');
    const gateCheck = await paired(m, 'gateCheck');
    const figures = window.figures(m.opts.ingestRate);
    await writer.stop();
    return { quiet, quietOneClient, ingesting: { trace, gateCheck, writer: figures } };
  } catch (err) {
    await writer.stop().catch(() => undefined);
    throw err;
  }
}

/** The first trace of each of up to COLD_GOODS goods after a restart. */
async function coldPath(
  m: Measure,
  dataDir: string,
  env: NodeJS.ProcessEnv,
): Promise<{ gw: RunningGateway; cold: BackendJourneys['cold'] }> {
  await stopChild(m.gw.child);
  const gw = await startGateway(dataDir, env);
  const rssMiBAfterStart = rssMiB(gw.pid).rss;
  const goods = Math.min(COLD_GOODS, m.journeys);
  m.opts.log(`  cold path: restarted; the first trace of ${goods.toLocaleString('en')} goods, ${CLIENTS} clients`);
  const rotation = new Rotation(m.journeys);
  const load = await loadDistinct({ url: gw.graphqlUrl, connections: CLIENTS, amount: goods, next: () => traceOf(rotation.next()) });
  return { gw, cold: { startupMs: gw.startupMs, rssMiBAfterStart, goods, load } };
}

/** Traces, gate checks and event listings of distinct goods at once, with ingestion, sampling the
 * gateway's RSS every second. */
async function mixedPhase(m: Measure): Promise<NonNullable<BackendJourneys['mixed']>> {
  m.opts.log(
    `  mixed load: ${CLIENTS} clients (traces, gate checks, event listings) and ${m.opts.ingestRate} events/s, ${m.opts.mixedSec} s`,
  );
  const afterStart = rssMiB(m.gw.pid).rss;
  const writer = await startWriter(m.gw.baseUrl, m.opts.ingestRate, nextWriterOwner(), writerStartMs(m.journeys) + MIXED_WRITER_LATER_MS);
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(rssMiB(m.gw.pid).rss), 1000);
  try {
    const window = new WriterWindow(writer);
    let listings = 0;
    const run = (connections: number, next: () => Query) =>
      loadDistinct({ url: m.gw.graphqlUrl, connections, durationSec: m.opts.mixedSec, next });
    const [trace, gateCheck, events] = await Promise.all([
      run(MIXED_CLIENTS.trace, () => traceOf(m.rotation.next())),
      run(MIXED_CLIENTS.gateCheck, () => gateOf(m.rotation.next())),
      run(MIXED_CLIENTS.events, () => listingOf(m.rotation.next(), listings++ % 2 === 0)),
    ]);
    const figures = window.figures(m.opts.ingestRate);
    const mem = rssMiB(m.gw.pid);
    samples.push(mem.rss);
    clearInterval(sampler);
    await writer.stop();
    return {
      durationSec: m.opts.mixedSec,
      load: { trace, gateCheck, events },
      writer: figures,
      rssMiB: { afterStart, peakSample: Math.max(...samples), highWaterMark: mem.peak, samples },
    };
  } catch (err) {
    clearInterval(sampler);
    await writer.stop().catch(() => undefined);
    throw err;
  }
}

/** Every phase against the gateway on `dataDir` (and `env`), on a ledger holding `journeys`. */
async function measure(
  opts: JourneysOptions,
  backend: BackendJourneys['backend'],
  dataDir: string,
  journeys: number,
  env: NodeJS.ProcessEnv,
): Promise<Omit<BackendJourneys, 'build'>> {
  let gw = await startGateway(dataDir, env);
  const children = [];
  try {
    const answers = await recordAnswers(gw, dataDir, journeys);
    const bareTrace = await startBare(answers.files.trace);
    children.push(bareTrace.child);
    const bareGate = await startBare(answers.files.gateCheck);
    children.push(bareGate.child);
    const m: Measure = {
      opts,
      journeys,
      gw,
      bare: { trace: bareTrace.url, gateCheck: bareGate.url },
      rotation: new Rotation(journeys),
      bareRotation: new Rotation(journeys),
    };
    const warm = await warmPhases(m);
    const restarted = await coldPath(m, dataDir, env);
    gw = restarted.gw;
    const mixed = backend === 'embedded' ? await mixedPhase({ ...m, gw }) : undefined;
    return {
      backend,
      journeys,
      events: journeys * EVENTS_PER_JOURNEY,
      startupMs: m.gw.startupMs,
      answerBytes: answers.bytes,
      ...warm,
      cold: restarted.cold,
      ...(mixed ? { mixed } : {}),
    };
  } finally {
    await Promise.all([gw.child, ...children].map(stopChild));
  }
}

async function benchEmbedded(opts: JourneysOptions): Promise<BackendJourneys> {
  const keep = opts.ledgerDir;
  const built = keep ?? (await mkdtemp(path.join(tmpdir(), 'cargotrace-journeys-')));
  const work = keep ? await mkdtemp(path.join(tmpdir(), 'cargotrace-journeys-run-')) : built;
  try {
    opts.log(`embedded: ledger of ${opts.journeys.toLocaleString('en')} journeys`);
    const build = await buildEmbedded(built, opts.journeys, opts.log);
    if (keep) await cp(built, work, { recursive: true });
    const r = await measure(opts, 'embedded', work, opts.journeys, process.env);
    return { ...r, ...(build ? { build } : {}) };
  } finally {
    await rm(work, { recursive: true, force: true });
    if (!keep) await rm(built, { recursive: true, force: true });
  }
}

async function benchOnFabric(opts: JourneysOptions): Promise<BackendJourneys> {
  return withFabricNetwork(opts.log, async ({ fabricEnv }) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cargotrace-journeys-fabric-'));
    try {
      opts.log(`fabric: writing ${opts.fabricJourneys.toLocaleString('en')} journeys through the gateway`);
      const gw = await startGateway(dir, fabricEnv);
      let build;
      try {
        build = await writeLedger(gw.baseUrl, opts.fabricJourneys, 50);
      } finally {
        await stopChild(gw.child);
      }
      return { ...(await measure(opts, 'fabric', dir, opts.fabricJourneys, fabricEnv)), build };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

export async function benchJourneys(opts: JourneysOptions): Promise<JourneysReport> {
  if (apiKeys().size === 0) throw new Error('the network configuration has no API keys');
  const embedded = await benchEmbedded(opts);
  if (opts.fabricJourneys === 0) return { embedded, fabricSkipped: 'not asked for (--fabric-journeys 0)' };
  const why = process.env.FABRIC_BIN || process.env.FABRIC_GATEWAY_CONFIG ? fabricUnavailable() : 'FABRIC_BIN is not set';
  if (why) return { embedded, fabricSkipped: why };
  try {
    return { embedded, fabric: await benchOnFabric(opts) };
  } catch (err) {
    // The embedded figures still count: report them with the Fabric failure rather than lose them.
    return { embedded, fabricSkipped: `failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}
