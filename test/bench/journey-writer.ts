import { setTimeout as sleep } from 'node:timers/promises';
import { writeJourneys } from './journey-ingest';

/** The journeys benchmark's background writer, run as its own process beside the load generator:
 * new journeys through the gateway's ingest API at a paced rate (events per second), until
 * SIGTERM. Prints `written <events accepted so far>` twice a second and, when stopped,
 * `done <JSON summary>`.
 *
 * Arguments: <gateway base url> <events per second> <container owner code> <event id tag>
 * <first arrival, epoch ms>. */

/** Journeys in flight at once: enough that one slow answer does not hold the rate back. */
const STREAMS = 16;
/** Journeys per wave: 260 events in six requests (2, 1, 2, 1, 2 and 5 events per journey). */
const WAVE = 20;

/** Before each request, waits until the events already let through are due at `rate` per second. */
function pacer(rate: number): (events: number) => Promise<void> {
  const started = performance.now();
  let scheduled = 0;
  return async (events: number) => {
    const due = started + (scheduled / rate) * 1000;
    scheduled += events;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
  };
}

async function main(): Promise<void> {
  const [baseUrl, rateArg, owner, tag, startArg] = process.argv.slice(2);
  const rate = Number(rateArg);
  if (!baseUrl || !(rate > 0) || !owner || !tag || !Number.isFinite(Number(startArg)))
    throw new Error('usage: journey-writer <base url> <events/s> <owner> <tag> <start ms>');
  let stop = false;
  process.once('SIGTERM', () => (stop = true));
  let accepted = 0;
  const started = performance.now();
  const ticker = setInterval(() => process.stdout.write(`written ${accepted}\n`), 500);
  const total = await writeJourneys({
    baseUrl,
    set: { owner, tag, startMs: Number(startArg), spacingMs: 60_000 },
    first: 0,
    journeys: 999_999,
    waveSize: WAVE,
    concurrency: STREAMS,
    pace: pacer(rate),
    onWritten: (c) => (accepted += c.accepted),
    stopped: () => stop,
  });
  clearInterval(ticker);
  const ms = performance.now() - started;
  process.stdout.write(`done ${JSON.stringify({ ...total, ms, eventsPerSecond: total.accepted / (ms / 1000) })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`journey writer failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
