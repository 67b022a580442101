import { loadNetworkConfig } from '@cargotrace/network';
import { journeyWave, type JourneyRequest, type JourneySet } from './journey-events';

/** Writing journeys through the gateway's ingest API (POST /api/v1/events), each request as the
 * demo user of the organisation that writes its events. */

export interface WriteCounts {
  accepted: number;
  duplicates: number;
}

/** The demo users' API keys by user id. */
export function apiKeys(): Map<string, string> {
  return new Map(loadNetworkConfig().users.flatMap((u) => (u.apiKey ? [[u.id, u.apiKey] as const] : [])));
}

interface IngestAnswer {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: { code?: string; message?: string; path?: string }[];
}

/** One request; any rejected event fails it, naming the first refusal. */
export async function postEvents(baseUrl: string, keys: Map<string, string>, request: JourneyRequest): Promise<WriteCounts> {
  const res = await fetch(`${baseUrl}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.get(request.userId) ?? ''}` },
    body: JSON.stringify(request.events),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`POST /api/v1/events as ${request.userId}: ${res.status} ${text.slice(0, 300)}`);
  const r = JSON.parse(text) as IngestAnswer;
  if (r.rejected) {
    const why = r.results.find((x) => x.code && x.code !== 'CHUNK_REJECTED') ?? r.results[0];
    throw new Error(`events of ${request.userId} rejected: ${JSON.stringify(why)}`);
  }
  return { accepted: r.accepted, duplicates: r.duplicates };
}

/** Journeys in waves of `waveSize`, `concurrency` waves in flight; each wave's requests in order.
 * `pace` is awaited before every request with its event count (the paced writer's rate limit);
 * `onWritten` hears of every answered request. Stops early when `stopped()` turns true. */
export async function writeJourneys(opts: {
  baseUrl: string;
  set: JourneySet;
  first: number;
  journeys: number;
  waveSize: number;
  concurrency: number;
  pace?: (events: number) => Promise<void>;
  onWritten?: (counts: WriteCounts) => void;
  stopped?: () => boolean;
}): Promise<WriteCounts> {
  const keys = apiKeys();
  const total: WriteCounts = { accepted: 0, duplicates: 0 };
  const waves = Math.ceil(opts.journeys / opts.waveSize);
  let next = 0;
  const stream = async () => {
    while (next < waves && !opts.stopped?.()) {
      const w = next++;
      const count = Math.min(opts.waveSize, opts.journeys - w * opts.waveSize);
      for (const request of journeyWave(opts.set, opts.first + w * opts.waveSize, count)) {
        if (opts.stopped?.()) return;
        await opts.pace?.(request.events.length);
        const counts = await postEvents(opts.baseUrl, keys, request);
        total.accepted += counts.accepted;
        total.duplicates += counts.duplicates;
        opts.onWritten?.(counts);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, stream));
  return total;
}
