import type { DistinctLoadFigures } from './journey-load';
import { CLIENTS, type BackendJourneys, type JourneysReport, type Paired, type WriterFigures } from './journeys';
import { byTenths } from './tenths';

/** The issue's targets, each judged on figures of one run; reported, never asserted. */
export interface TargetCheck {
  target: string;
  value: number;
  goal: string;
  pass: boolean;
}

const f = (n: number) => Math.round(n).toLocaleString('en');
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** A target met by figures of runs that had errors is not met: latencies then only count the
 * requests that were answered (a run where every request timed out has a p50 of 0). */
function check(target: string, value: number, goal: string, pass: boolean, ...runs: DistinctLoadFigures[]): TargetCheck {
  const errors = runs.reduce((n, r) => n + r.errors, 0);
  return { target: errors ? `${target} [${errors} errors]` : target, value, goal, pass: pass && errors === 0 };
}

/** The targets of issue 12's benchmark, judged on this report. */
export function journeyTargets(r: JourneysReport): TargetCheck[] {
  const e = r.embedded;
  const out = [
    check('quiet trace rate ÷ bare rate', rate(e.quiet), '≥ 0.5', rate(e.quiet) >= 0.5, e.quiet.gateway, e.quiet.bare),
    check('quiet trace p99 (ms)', e.quiet.gateway.p99Ms, '≤ 50', e.quiet.gateway.p99Ms <= 50, e.quiet.gateway),
    check(
      'ingesting trace rate ÷ bare rate',
      rate(e.ingesting.trace),
      '≥ 0.5',
      rate(e.ingesting.trace) >= 0.5,
      e.ingesting.trace.gateway,
      e.ingesting.trace.bare,
    ),
    check(
      'ingesting trace p99 (ms)',
      e.ingesting.trace.gateway.p99Ms,
      '≤ 50',
      e.ingesting.trace.gateway.p99Ms <= 50,
      e.ingesting.trace.gateway,
    ),
    check(
      'ingesting gateCheck p99 ÷ bare p99',
      p99Ratio(e.ingesting.gateCheck),
      '≤ 2',
      p99Ratio(e.ingesting.gateCheck) <= 2,
      e.ingesting.gateCheck.gateway,
      e.ingesting.gateCheck.bare,
    ),
  ];
  if (e.mixed) {
    const peak = Math.max(e.mixed.rssMiB.highWaterMark, e.mixed.rssMiB.peakSample);
    out.push(check('gateway RSS peak through mixed load (MiB)', peak, '≤ 400', peak <= 400));
  }
  if (r.fabric) {
    const p50 = r.fabric.quiet.gateway.p50Ms;
    const vsEmbedded = r.fabric.quiet.gateway.requestsPerSecond / e.quiet.gateway.requestsPerSecond;
    out.push(check('Fabric quiet trace p50 (ms)', p50, '≤ 20', p50 <= 20, r.fabric.quiet.gateway));
    out.push(
      check('Fabric quiet trace rate ÷ embedded rate', vsEmbedded, '≥ 0.5', vsEmbedded >= 0.5, r.fabric.quiet.gateway, e.quiet.gateway),
    );
  }
  return out;
}

const rate = (p: Paired) => p.gateway.requestsPerSecond / p.bare.requestsPerSecond;
/** autocannon reports whole milliseconds at the low end: a bare p99 of 0 counts as 1 ms. */
const p99Ratio = (p: Paired) => p.gateway.p99Ms / Math.max(p.bare.p99Ms, 1);

function row(name: string, l: DistinctLoadFigures): string {
  const timeouts = l.timeouts ? ` (${f(l.timeouts)} timeouts)` : '';
  const errors = l.errors ? `, ${f(l.errors)} ERRORS${timeouts}${l.errorSamples.map((e) => `\n      e.g. ${e}`).join('')}` : '';
  const wrapped = l.wrapped ? ' (more requests than goods: some goods asked twice)' : '';
  return `  ${name.padEnd(30)} ${f(l.requestsPerSecond).padStart(6)} req/s, p50 ${ms(l.p50Ms)}, p99 ${ms(l.p99Ms)}${wrapped}${errors}`;
}

function pairedLines(title: string, p: Paired): string[] {
  return [
    row(title, p.gateway),
    row('  bare express, same-sized JSON', p.bare),
    `  ${'  ratio gateway / bare'.padEnd(30)} throughput ${rate(p).toFixed(2)}, p99 ${p99Ratio(p).toFixed(1)}×`,
  ];
}

function writerLine(w: WriterFigures): string {
  const short = w.achievedPerSecond < 0.9 * w.targetPerSecond ? ' (below the asked rate)' : '';
  return `  writer: asked ${f(w.targetPerSecond)} events/s, achieved ${f(w.achievedPerSecond)} events/s (${f(w.accepted)} events accepted)${short}`;
}

function backendLines(b: BackendJourneys): string[] {
  const lines = [
    `journeys on the ${b.backend} ledger: ${f(b.journeys)} journeys Yangshan (2248) → bonded transit → SIP (2305), ${f(b.events)} events, each written by its organisation's user through POST /api/v1/events`,
    b.build ? `  ledger written in ${f(b.build.ms)} ms (${f(b.build.eventsPerSecond)} events/s)` : '  ledger reused from an earlier run',
    `  gateway start-up ${f(b.startupMs)} ms; answers: trace ${f(b.answerBytes.trace)} bytes, gateCheck ${f(b.answerBytes.gateCheck)} bytes`,
    `  ${CLIENTS} clients, every request about a different container:`,
    ...pairedLines('trace, quiet', b.quiet),
    row('trace, quiet, 1 client', b.quietOneClient),
    ...pairedLines('trace, ingesting', b.ingesting.trace),
    ...pairedLines('gateCheck, ingesting', b.ingesting.gateCheck),
    writerLine(b.ingesting.writer),
    `  cold path: restarted (start-up ${f(b.cold.startupMs)} ms, RSS ${f(b.cold.rssMiBAfterStart)} MiB), first trace of ${f(b.cold.goods)} goods`,
    row('  trace, first read', b.cold.load),
  ];
  if (b.mixed) {
    const m = b.mixed;
    lines.push(
      `  mixed load, ${f(m.durationSec)} s: traces, gateCheck and event listings of distinct goods at once, with ingestion`,
      row(`  trace, ${m.load.trace.connections} clients`, m.load.trace),
      row(`  gateCheck, ${m.load.gateCheck.connections} clients`, m.load.gateCheck),
      row(`  events listing, ${m.load.events.connections} clients`, m.load.events),
      writerLine(m.writer),
      `  gateway RSS MiB: at the start ${f(m.rssMiB.afterStart)}, highest sample ${f(m.rssMiB.peakSample)}, high-water mark ${f(m.rssMiB.highWaterMark)}`,
      `  RSS MiB by tenths: ${byTenths(m.rssMiB.samples).map(f).join(' ')} (highest sample in each tenth of the mixed load)`,
    );
  }
  return lines;
}

export function printJourneys(r: JourneysReport): string {
  const lines = backendLines(r.embedded);
  if (r.fabric) lines.push('', ...backendLines(r.fabric));
  else lines.push(`  Fabric part skipped: ${r.fabricSkipped ?? 'not run'}`);
  lines.push('targets (issue 12; reported, not asserted):');
  for (const t of journeyTargets(r))
    lines.push(
      `  ${t.pass ? 'PASS' : 'MISS'} ${t.target.padEnd(44)} ${t.value.toFixed(t.value < 10 ? 2 : 0).padStart(8)} (goal ${t.goal})`,
    );
  return lines.join('\n');
}
