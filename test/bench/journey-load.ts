import autocannon from 'autocannon';
import type { LoadFigures } from './trace';

/** Load runs of the journeys benchmark in which every request asks about other goods: autocannon
 * builds each request afresh from `next()` (body and headers), so no two requests of a run repeat
 * a query until every goods of the rotation has been asked for once. */

/** One request: its JSON body and the API key it is sent with. */
export interface Query {
  body: string;
  apiKey: string;
}

export interface DistinctLoadFigures extends LoadFigures {
  /** Requests answered (2xx or not). */
  requests: number;
  /** Of the errors: requests unanswered within autocannon's timeout (10 s). */
  timeouts: number;
  /** The first few error answers (status and the start of the body), to tell what failed. */
  errorSamples: string[];
  /** Whether the run asked for more goods than the rotation holds (so some were asked twice). */
  wrapped: boolean;
}

/** A shuffled order of `n` goods (0..n-1), handed out one at a time and shared by the runs that
 * take from it, so that successive runs ask about goods not asked about before. */
export class Rotation {
  private readonly order: number[];
  private cursor = 0;
  private laps = 0;

  constructor(readonly size: number) {
    this.order = Array.from({ length: size }, (_, i) => i);
    for (let i = size - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [this.order[i], this.order[j]] = [this.order[j], this.order[i]];
    }
  }

  next(): number {
    if (this.cursor === this.size) {
      this.cursor = 0;
      this.laps++;
    }
    return this.order[this.cursor++];
  }

  /** Laps completed so far: a run that starts and ends on different laps repeated some goods. */
  get lap(): number {
    return this.laps;
  }
}

/** `connections` clients POST to `url` for `durationSec` seconds, or until `amount` requests are
 * answered; a 2xx answer carrying GraphQL `errors` counts as an error. */
export async function loadDistinct(opts: {
  url: string;
  connections: number;
  durationSec?: number;
  amount?: number;
  next: () => Query;
  rotation?: Rotation;
}): Promise<DistinctLoadFigures> {
  const lapBefore = opts.rotation?.lap ?? 0;
  const errorSamples: string[] = [];
  const sampleError = (status: number, body: string) => {
    if (errorSamples.length < 3 && (status >= 300 || body.includes('"errors"'))) errorSamples.push(`${status} ${body.slice(0, 300)}`);
  };
  const r = await autocannon({
    url: opts.url,
    method: 'POST',
    connections: opts.connections,
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.durationSec ?? 10 }),
    requests: [
      {
        setupRequest: (req) => {
          const q = opts.next();
          return { ...req, body: q.body, headers: { 'content-type': 'application/json', authorization: `Bearer ${q.apiKey}` } };
        },
        onResponse: sampleError,
      },
    ],
    verifyBody: (body) => typeof body !== 'string' || !body.includes('"errors"'),
  });
  return {
    connections: opts.connections,
    requestsPerSecond: r.requests.total / r.duration,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    errors: r.errors + r.non2xx + r.mismatches,
    timeouts: r.timeouts,
    errorSamples,
    requests: r.requests.total,
    wrapped: (opts.rotation?.lap ?? 0) > lapBefore,
  };
}
