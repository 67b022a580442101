// First: quiets the in-process chaincode logger before any module loads the chaincode.
import '../support/setup';
import { Command } from 'commander';
import { benchIngest, type IngestReport } from './ingest';
import { benchTrace, type LoadFigures, type TraceBenchReport } from './trace';
import { benchFabric, printFabric, type FabricBenchReport } from './fabric';
import { benchImport, type ImportBenchReport } from './import';
import { benchJourneys, type JourneysReport } from './journeys';
import { journeyTargets, printJourneys } from './journeys-report';
import { byTenths } from './tenths';

/** `npm run bench`: figures and ratios against baselines measured in the same run. Machines are
 * shared and noisy, so read the ratios rather than the absolute times. */
interface Options {
  suite: string;
  events: number;
  batch: number;
  concurrency: number;
  endorsement: 'thread' | 'in-process';
  traceEvents: number;
  ledgerDir?: string;
  duration: number;
  fabricEvents: number;
  clients: number;
  importRows: number;
  importBatch: number;
  journeys: number;
  journeysLedgerDir?: string;
  phase: number;
  mixed: number;
  ingestRate: number;
  fabricJourneys: number;
  json?: boolean;
}

const int = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`not a positive whole number: ${v}`);
  return n;
};

const count = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`not a whole number: ${v}`);
  return n;
};

const endorsementOf = (v: string): Options['endorsement'] => {
  if (v !== 'thread' && v !== 'in-process') throw new Error(`--endorsement must be 'thread' or 'in-process', got '${v}'`);
  return v;
};

const f = (n: number) => Math.round(n).toLocaleString('en');

function printIngest(r: IngestReport): string {
  return [
    'ingestion (embedded ledger, real chaincode)',
    `  events               ${f(r.events)} in ${f(r.ledgerMs)} ms → ${f(r.eventsPerSecond)} events/s (goal ≥ 10,000)`,
    `  CPU                  ${f(r.ledgerCpuMs)} ms, all threads (${(r.ledgerCpuMs / r.ledgerMs).toFixed(2)} cores busy; ${((1000 * r.ledgerCpuMs) / r.events).toFixed(0)} µs per event)`,
    `  blocks               ${f(r.blocks)}, state writes ${f(r.stateWrites)}`,
    `  raw level baseline   same state key/values, one sync batch per block, one open database: ${f(r.rawMs)} ms → ${f(r.rawEventsPerSecond)} events/s; CPU ${f(r.rawCpuMs)} ms (${((1000 * r.rawCpuMs) / r.events).toFixed(0)} µs per event)`,
    `  ratio ledger / raw   ${r.ratio.toFixed(2)}× (goal ≤ 2×)`,
    `  RSS MiB              after warm-up ${f(r.rssMiB.afterWarmup)}, max ${f(r.rssMiB.max)}, end ${f(r.rssMiB.end)} (goal: flat)`,
    `  RSS MiB by tenths    ${byTenths(r.rssMiB.samples).map(f).join(' ')} (highest sample in each tenth of the run)`,
    ...(r.rssAnonMiB && r.rssFileMiB
      ? [
          `  RSS split MiB        anonymous: after warm-up ${f(r.rssAnonMiB.afterWarmup)}, max ${f(r.rssAnonMiB.max)}, end ${f(r.rssAnonMiB.end)}; file-backed (mapped table files): after warm-up ${f(r.rssFileMiB.afterWarmup)}, max ${f(r.rssFileMiB.max)}, end ${f(r.rssFileMiB.end)}`,
        ]
      : []),
    `  V8 heap MiB          committing thread, used: after warm-up ${f(r.heapMiB.afterWarmup)}, max ${f(r.heapMiB.max)}, end ${f(r.heapMiB.end)}; reserved: after warm-up ${f(r.heapTotalMiB.afterWarmup)}, max ${f(r.heapTotalMiB.max)}, end ${f(r.heapTotalMiB.end)}`,
    ...(r.endorserHeapMiB
      ? [
          `  endorsing thread     V8 heap used: after warm-up ${f(r.endorserHeapMiB.used.afterWarmup)}, max ${f(r.endorserHeapMiB.used.max)}, end ${f(r.endorserHeapMiB.used.end)}; reserved: after warm-up ${f(r.endorserHeapMiB.reserved.afterWarmup)}, max ${f(r.endorserHeapMiB.reserved.max)}, end ${f(r.endorserHeapMiB.reserved.end)}`,
        ]
      : []),
    `  outside the V8 heap  external (Buffers) ${f(r.externalMiB.afterWarmup)}, max ${f(r.externalMiB.max)}, end ${f(r.externalMiB.end)}`,
    `  rebuild from blocks  ${f(r.rebuild.blocks)} blocks in ${f(r.rebuild.ms)} ms → ${f(r.events / (r.rebuild.ms / 1000))} events/s (goal: 1,000,000 events ≤ 120,000 ms); ${(r.rebuild.ms / r.rawMs).toFixed(2)}× the raw level baseline; then verify (blocks and state) ${f(r.rebuild.verifyMs)} ms, ${r.rebuild.verifiedOk ? 'ok' : 'NOT OK'}`,
  ].join('\n');
}

function printTrace(r: TraceBenchReport): string {
  const row = (name: string, l: LoadFigures) =>
    `  ${name.padEnd(24)} ${String(l.connections).padStart(2)} clients: ${f(l.requestsPerSecond).padStart(6)} req/s, p50 ${l.p50Ms.toFixed(1)} ms, p99 ${l.p99Ms.toFixed(1)} ms${l.errors ? `, ${l.errors} errors` : ''}`;
  const ratio = (g: LoadFigures, b: LoadFigures) =>
    `  ${'ratio gateway / bare'.padEnd(24)} ${String(g.connections).padStart(2)} clients: throughput ${(g.requestsPerSecond / b.requestsPerSecond).toFixed(2)}, p99 ${b.p99Ms > 0 ? `${(g.p99Ms / b.p99Ms).toFixed(1)}×` : 'n/a (bare p99 < 1 ms)'}`;
  const lines = [
    `trace over HTTP (ledger of ${f(r.ledgerEvents)} background events; the traced goods: ${r.traceEvents} events in districts ${r.traceDistricts.join(', ')})`,
    '  gateway as started by default: goods reads and whole answers shared until a channel gets a new block',
    '  (the same query repeated: trace answers here come from the answer cache)',
    `  gateway start-up         ${f(r.startupMs)} ms (goal ≤ 5,000)`,
  ];
  r.gateway.forEach((g, i) => lines.push(row('gateway trace', g), row('bare express, same JSON', r.bare[i]), ratio(g, r.bare[i])));
  lines.push('  goals: p99 ≤ 50 ms and ≥ 1,000 traces/s at 50 clients');
  r.gateCheck.forEach((g, i) => lines.push(row('gateCheck', g), row('bare express, same JSON', r.bareGate[i]), ratio(g, r.bareGate[i])));
  lines.push('  goal: gateCheck p99 ≤ 10 ms (every check is computed and logged; never from the answer cache)');
  lines.push(
    `  gateway RSS MiB          after start ${f(r.rssMiB.afterStart)}, after load ${f(r.rssMiB.afterLoad)}, peak ${f(r.rssMiB.peak)} (goal ≤ 300)`,
  );
  const other = (title: string, u: TraceBenchReport['uncached']) => {
    lines.push(title);
    lines.push(`  gateway start-up         ${f(u.startupMs)} ms`);
    u.gateway.forEach((g, i) => lines.push(row('gateway trace', g), ratio(g, r.bare[i])));
    u.gateCheck.forEach((g) => lines.push(row('gateCheck', g)));
    lines.push(
      `  gateway RSS MiB          after start ${f(u.rssMiB.afterStart)}, after load ${f(u.rssMiB.afterLoad)}, peak ${f(u.rssMiB.peak)}`,
    );
  };
  other('  --no-answer-cache (every answer computed; goods reads shared until a new block):', r.noAnswerCache);
  other('  --no-trace-cache (every request reads the ledger):', r.uncached);
  return lines.join('\n');
}

function printImport(r: ImportBenchReport): string {
  return [
    `CLI import (cargotrace import, CSV → outbox → gateway → embedded ledger, ${f(r.rows)} rows, ${r.batchSize} per request)`,
    `  cargotrace import       ${f(r.cliMs)} ms → ${f(r.cliRowsPerSecond)} rows/s`,
    `  raw gateway ingestion   same rows pre-mapped, POST /api/v1/events one request at a time: ${f(r.rawMs)} ms → ${f(r.rawEventsPerSecond)} events/s`,
    `  ratio CLI / raw         ${r.ratio.toFixed(2)}`,
  ].join('\n');
}

function allocator(): string {
  const preload = process.env.LD_PRELOAD ?? '';
  if (/jemalloc/.test(preload)) return `jemalloc (LD_PRELOAD=${preload})`;
  return `glibc malloc${process.env.MALLOC_ARENA_MAX ? `, MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX}` : ''}${preload ? `, LD_PRELOAD=${preload}` : ''}`;
}

type Reports = {
  ingest?: IngestReport;
  trace?: TraceBenchReport;
  import?: ImportBenchReport;
  journeys?: JourneysReport & { targets: ReturnType<typeof journeyTargets> };
  fabric?: FabricBenchReport;
};

async function main(): Promise<void> {
  const o = parseOptions();
  const log = (line: string) => process.stderr.write(line + '\n');
  // Memory figures depend on the allocator (see scripts/node-long-running.sh): say which one ran.
  if (!o.json) process.stdout.write(`allocator: ${allocator()}\n\n`);
  const reports = await runSuites(o, log);
  if (o.json) {
    if (reports.ingest) reports.ingest.rssMiB.samples = [];
    process.stdout.write(JSON.stringify(reports, null, 2) + '\n');
  }
}

function parseOptions(): Options {
  const program = new Command()
    .name('npm run bench --')
    .description('CargoTrace benchmarks, each beside a baseline measured in the same run')
    .option(
      '--suite <name>',
      'ingest, trace, import, journeys, all (= ingest, trace, import and journeys) or fabric (real Fabric network beside the embedded ledger)',
      'all',
    )
    .option('--events <n>', 'ingest: events to ingest', int, 1_000_000)
    .option('--batch <n>', 'ingest: events per transaction (1..1000)', int, 1000)
    .option('--concurrency <n>', 'ingest: transactions in flight', int, 4)
    .option(
      '--endorsement <where>',
      "ingest: 'thread' (the endorsing thread, as the gateway runs) or 'in-process' (simulation on the committing thread)",
      endorsementOf,
      'thread',
    )
    .option('--trace-events <n>', 'trace: background events in the ledger', int, 1_000_000)
    .option('--ledger-dir <dir>', 'trace: keep the ledger here and reuse it on the next run')
    .option('--duration <seconds>', 'trace, fabric: seconds per load run', int, 10)
    .option('--fabric-events <n>', 'fabric: events ingested through the gateway on each ledger', int, 20_000)
    .option('--clients <n>', 'fabric: concurrent ingestion clients', int, 4)
    .option('--import-rows <n>', 'import: CSV rows for the cargotrace CLI', int, 100_000)
    .option('--import-batch <n>', 'import: events per request (CLI and raw baseline alike)', int, 500)
    .option('--journeys <n>', 'journeys: cross-district journeys written into the ledger (13 events each)', int, 20_000)
    .option('--journeys-ledger-dir <dir>', 'journeys: keep the built ledger here and reuse it on the next run (runs measure a copy)')
    .option('--phase <seconds>', 'journeys: seconds per load run (gateway and bare express each)', int, 30)
    .option('--mixed <seconds>', 'journeys: seconds of mixed load while the gateway RSS is sampled', int, 600)
    .option('--ingest-rate <n>', 'journeys: events per second the background writer asks to append', int, 500)
    .option('--fabric-journeys <n>', 'journeys: journeys on real Fabric when FABRIC_BIN is set (0 skips the Fabric part)', count, 1000)
    .option('--json', 'print the reports as JSON')
    .parse();
  const o = program.opts<Options>();
  if (!['ingest', 'trace', 'import', 'journeys', 'all', 'fabric'].includes(o.suite))
    throw new Error(`--suite: ingest, trace, import, journeys, all or fabric, not ${o.suite}`);
  return o;
}

/** Runs the chosen suites one after the other, printing each report unless --json. */
async function runSuites(o: Options, log: (line: string) => void): Promise<Reports> {
  const reports: Reports = {};
  const print = (text: string) => {
    if (!o.json) process.stdout.write(text);
  };
  const wants = (suite: 'ingest' | 'trace' | 'import' | 'journeys') => o.suite === suite || o.suite === 'all';
  if (o.suite === 'fabric') {
    if (o.batch > 1000) throw new Error('--batch: at most 1000 events per transaction');
    reports.fabric = await benchFabric({
      events: o.fabricEvents,
      batchSize: o.batch,
      clients: o.clients,
      durationSec: o.duration,
      traceClients: [1, 10],
      log,
    });
    print(printFabric(reports.fabric) + '\n');
  }
  if (wants('ingest')) {
    log(`ingestion: ${f(o.events)} events in batches of ${o.batch}, ${o.concurrency} in flight, endorsement: ${o.endorsement}`);
    reports.ingest = await benchIngest({
      events: o.events,
      batchSize: o.batch,
      concurrency: o.concurrency,
      endorsement: o.endorsement,
      log,
    });
    print(printIngest(reports.ingest) + '\n\n');
  }
  if (wants('trace')) {
    log(`trace: building a ledger of ${f(o.traceEvents)} events${o.ledgerDir ? ` in ${o.ledgerDir}` : ''}`);
    reports.trace = await benchTrace({ events: o.traceEvents, ledgerDir: o.ledgerDir, durationSec: o.duration, log });
    print(printTrace(reports.trace) + '\n');
  }
  if (wants('import')) {
    log(`import: ${f(o.importRows)} CSV rows through the cargotrace CLI, then the raw gateway ingestion rate`);
    reports.import = await benchImport({ rows: o.importRows, batchSize: o.importBatch, log });
    print(printImport(reports.import) + '\n');
  }
  if (wants('journeys')) {
    log(`journeys: ${f(o.journeys)} cross-district journeys, ${o.phase} s per load run, ${o.mixed} s of mixed load`);
    const journeys = await benchJourneys({
      journeys: o.journeys,
      ledgerDir: o.journeysLedgerDir,
      phaseSec: o.phase,
      mixedSec: o.mixed,
      ingestRate: o.ingestRate,
      fabricJourneys: o.fabricJourneys,
      log,
    });
    reports.journeys = { ...journeys, targets: journeyTargets(journeys) };
    print(printJourneys(journeys) + '\n');
  }
  return reports;
}

process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'CRITICAL';
main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
