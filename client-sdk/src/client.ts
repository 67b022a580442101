import { withId } from './canonical';
import type { CustodyEvent, CustodyEventInput } from '@cargotrace/model';
import * as ops from './graphql/operations';
import type { Operation } from './graphql/operations';
import type {
  Anomaly as GraphQLAnomaly,
  AeoCertificate,
  ChainVerification,
  CustodyEvent as GraphQLCustodyEvent,
  EventConnection,
  GateCheck,
  Goods,
  MrConsignment,
  Trace,
  Viewer,
} from '@cargotrace/model/graphql';

/**
 * What the ledger did with one event: `accepted` (recorded now), `duplicate` (already recorded with
 * the same content: a resend is harmless) or `rejected` (with a machine-readable code and path).
 *
 * @example
 * const [r] = await client.appendEvents([event]);
 * if (r.status === 'rejected') console.error(r.code, r.path, r.message);
 */
export type AppendStatus = 'accepted' | 'duplicate' | 'rejected';

/**
 * The answer for one event of an append, in input order.
 *
 * @example
 * const results: AppendResult[] = await client.appendEvents(events);
 * const rejected = results.filter((r) => r.status === 'rejected'); // [{ id, status, code: 'VALIDATION_FAILED', path: '/goods/0/id', message }]
 */
export interface AppendResult {
  id: string;
  status: AppendStatus;
  code?: string;
  path?: string;
  message?: string;
}

/**
 * Back-off of {@link CargoTraceClient.withRetry} for transient failures (exponential, full jitter;
 * a `Retry-After` answer is honoured).
 *
 * @example
 * new CargoTraceClient({ gateway: 'http://127.0.0.1:4000', retry: { retries: 10, minDelayMs: 500 } });
 */
export interface RetryOptions {
  /** attempts after the first one (default 5) */
  retries?: number;
  /** first back-off delay in ms (default 200) */
  minDelayMs?: number;
  /** cap of one back-off delay in ms (default 10,000) */
  maxDelayMs?: number;
}

/**
 * How to reach the gateway.
 *
 * @example
 * const options: ClientOptions = { gateway: 'http://127.0.0.1:4000', apiKey: 'demo-sip-warehouse', chunkSize: 200, timeoutMs: 30_000 };
 * const client = new CargoTraceClient(options);
 */
export interface ClientOptions {
  /** gateway base URL, e.g. http://127.0.0.1:4000 */
  gateway: string;
  apiKey?: string;
  /** events per POST (default 500; the chaincode accepts up to 1,000 per transaction) */
  chunkSize?: number;
  retry?: RetryOptions;
  /** per-request timeout in ms (default 60,000) */
  timeoutMs?: number;
  /** override fetch (tests) */
  fetch?: typeof fetch;
}

/**
 * The gateway answered with an error that resending will not fix (4xx, malformed answer).
 *
 * @example
 * try { await client.trace('CSQU3054383'); }
 * catch (err) { if (err instanceof GatewayError && err.status === 401) console.error('check the API key'); }
 */
export class GatewayError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

/**
 * Network failure, timeout, 408/425/429 or 5xx: worth retrying later.
 *
 * @example
 * await client.withRetry(() => client.postEvents(batch), (err: TransientError, attempt, delayMs) =>
 *   console.warn(`attempt ${attempt} failed (${err.status ?? 'network'}), retrying in ${delayMs} ms`));
 */
export class TransientError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'TransientError';
  }
}

/**
 * A GraphQL answer with errors and no data; `errors` holds the GraphQL errors as received.
 *
 * @example
 * try { await client.gateCheck({ containerNo: 'CSQU3054383', gateId: 'CNSZP-BZ-GATE1', direction: 'OUT' }); }
 * catch (err) { if (err instanceof GraphQLRequestError) console.error(err.errors); }
 */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly errors: unknown[],
  ) {
    super(message);
    this.name = 'GraphQLRequestError';
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Whether a failure is worth retrying later (a {@link TransientError}).
 *
 * @example
 * try { await client.postEvents(batch); } catch (err) { if (isTransient(err)) await outbox.enqueue(batch.map((event) => ({ event }))); else throw err; }
 */
export function isTransient(err: unknown): boolean {
  return err instanceof TransientError;
}

function isTransientStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

function retryAfter(h: string | null): number | undefined {
  if (!h) return undefined;
  const s = Number(h);
  if (Number.isFinite(s)) return s * 1000;
  const t = Date.parse(h);
  return Number.isNaN(t) ? undefined : Math.max(0, t - Date.now());
}

/** The answer's body: parsed JSON, the text when it is not JSON, undefined when empty. */
async function readAnswer(res: Response): Promise<unknown> {
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    throw new TransientError(`connection lost while reading the answer: ${(err as Error).message}`, res.status);
  }
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

/** `: <message>` when a transient failure's answer carries one. */
function transientDetail(parsed: unknown): string {
  return typeof parsed === 'object' && parsed && 'message' in parsed ? `: ${asText(parsed.message)}` : '';
}

/** What a failed answer says: its `message`, else its `error`, else the whole answer. */
function failureMessage(parsed: unknown, statusText: string): string {
  if (typeof parsed === 'object' && parsed !== null) {
    const answer = parsed as { message?: unknown; error?: unknown };
    return asText(answer.message ?? answer.error ?? parsed);
  }
  return asText(parsed ?? statusText);
}

/** A value from an answer as text: strings as they are, anything else as JSON. */
function asText(value: unknown): string {
  return typeof value === 'string' ? value : asJson(value);
}

/** JSON of a value from an answer; JSON.stringify(undefined) is undefined, not a string. */
function asJson(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

/**
 * A GraphQL answer as {@link CargoTraceClient.graphql} returns it: the data, and the errors that
 * came with it (the request fails instead when there are errors and no data).
 *
 * @example
 * const { data, errors }: GraphQLAnswer<{ viewer: { org: string } }> = await client.graphql('query { viewer { org } }');
 */
export interface GraphQLAnswer<T> {
  data: T;
  errors?: unknown[];
}

/**
 * Options of {@link CargoTraceClient.trace}: the goods type when the id is ambiguous, how far to
 * follow related goods, and a time window.
 *
 * @example
 * await client.trace('COSU6331218', { type: 'container', direction: 'BOTH', maxDepth: 3 });
 */
export interface TraceOptions {
  type?: string;
  direction?: 'UPSTREAM' | 'DOWNSTREAM' | 'BOTH';
  maxDepth?: number;
  from?: string;
  to?: string;
}
/**
 * What a gate reads: container, gate, direction, seals and weighbridge weight.
 *
 * @example
 * await client.gateCheck({ containerNo: 'TGHU8827013', gateId: 'CNSZP-BZ-GATE1', direction: 'OUT', seals: ['SZ2026B000456'], grossWeightKg: 18250 });
 */
export interface GateCheckInput {
  containerNo: string;
  gateId: string;
  direction: 'IN' | 'OUT';
  seals?: string[];
  grossWeightKg?: number;
}
/**
 * Filter of {@link CargoTraceClient.events} and {@link CargoTraceClient.subscribeEvents}.
 *
 * @example
 * await client.events({ district: '2305', kind: 'STORED', from: '2026-11-20T00:00:00+08:00' }, 50);
 */
export interface EventFilter {
  district?: string;
  kind?: string;
  goodsType?: string;
  goodsId?: string;
  from?: string;
  to?: string;
}

/**
 * A running GraphQL subscription: iterate it with `for await`, stop it with `close()`.
 *
 * @example
 * const sub: Subscription<TraceEvent> = client.subscribeEvents({ district: '2305' });
 * for await (const e of sub) { console.log(e.kind, e.goods?.[0]?.id); if (e.kind === 'DEPARTED') sub.close(); }
 */
export interface Subscription<T> extends AsyncIterable<T> {
  /** stop the subscription (closes the HTTP stream) */
  close(): void;
}

/**
 * Typed client for the CargoTrace gateway: REST ingestion (`POST /api/v1/events`) and the GraphQL
 * API (`/graphql`, subscriptions over server-sent events).
 *
 * @example
 * const client = new CargoTraceClient({ gateway: 'http://127.0.0.1:4000', apiKey: 'demo-sip-warehouse' });
 * const [r] = await client.appendEvents([{ kind: 'STORED', goods: [{ type: 'container', id: 'COSU6331218' }], eventTime: '2026-11-20T14:05:00+08:00', district: '2305', site: 'CNSZP-BZ-WH01' }]);
 * const trace = await client.trace('COSU6331218', { type: 'container' });
 * for (const e of trace?.events ?? []) console.log(e.eventTime, e.district, e.kind);
 */
export class CargoTraceClient {
  readonly gateway: string;
  private readonly apiKey?: string;
  private readonly chunkSize: number;
  private readonly retry: Required<RetryOptions>;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(opts: ClientOptions) {
    if (!opts.gateway) throw new Error('gateway URL is required (--gateway or CARGOTRACE_GATEWAY)');
    this.gateway = opts.gateway.replace(/\/+$/, '');
    this.apiKey = opts.apiKey;
    this.chunkSize = Math.max(1, Math.min(opts.chunkSize ?? 500, 1000));
    this.retry = { retries: 5, minDelayMs: 200, maxDelayMs: 10_000, ...opts.retry };
    this.timeoutMs = opts.timeoutMs ?? 60_000;
    this.fetchImpl = opts.fetch ?? fetch;
  }

  private headers(extra?: Record<string, string>): Record<string, string> {
    const h: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', ...extra };
    if (this.apiKey) h.authorization = `Bearer ${this.apiKey}`;
    return h;
  }

  /** One HTTP request with a timeout; classifies failures as TransientError or GatewayError. */
  async request(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await this.send(method, path, body);
    const parsed = await readAnswer(res);
    if (isTransientStatus(res.status)) {
      throw new TransientError(
        `gateway answered ${res.status}${transientDetail(parsed)}`,
        res.status,
        retryAfter(res.headers.get('retry-after')),
      );
    }
    if (!res.ok) throw new GatewayError(`gateway answered ${res.status}: ${failureMessage(parsed, res.statusText)}`, res.status, parsed);
    return parsed;
  }

  /** The fetch itself, aborted after the timeout; a failure to get an answer is transient. */
  private async send(method: string, path: string, body: unknown): Promise<Response> {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), this.timeoutMs);
    try {
      return await this.fetchImpl(`${this.gateway}${path}`, {
        method,
        headers: this.headers(),
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: ctrl.signal,
      });
    } catch (err) {
      throw new TransientError(`gateway unreachable: ${(err as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs `fn` with exponential back-off (full jitter) while it fails with a TransientError. */
  async withRetry<T>(fn: () => Promise<T>, onRetry?: (err: TransientError, attempt: number, delayMs: number) => void): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        if (!(err instanceof TransientError) || attempt >= this.retry.retries) throw err;
        const cap = Math.min(this.retry.maxDelayMs, this.retry.minDelayMs * 2 ** attempt);
        const delay = Math.max(err.retryAfterMs ?? 0, Math.round(cap / 2 + (Math.random() * cap) / 2));
        onRetry?.(err, attempt + 1, delay);
        await sleep(delay);
      }
    }
  }

  /** Sends one batch (≤ chunk size) once; no retry. */
  async postEvents(events: CustodyEvent[]): Promise<AppendResult[]> {
    const body = await this.request('POST', '/api/v1/events', { events });
    const results = Array.isArray(body) ? body : (body as { results?: unknown } | undefined)?.results;
    if (!Array.isArray(results) || results.length !== events.length) {
      throw new GatewayError(`unexpected answer to POST /api/v1/events: ${asJson(body).slice(0, 300)}`, 200, body);
    }
    return results.map((r, i) => {
      // the gateway's answer, not yet checked: `status` may be in any case or missing
      const x = r as Omit<Partial<AppendResult>, 'status'> & { status?: unknown };
      return { ...x, id: x.id ?? events[i].id, status: asText(x.status ?? 'rejected').toLowerCase() as AppendStatus };
    });
  }

  /**
   * Appends events: assigns content ids to events without one (so resends are idempotent),
   * splits into chunks, retries transient failures with back-off. Results are in input order.
   */
  async appendEvents(
    input: CustodyEventInput[],
    opts: {
      onChunk?: (done: number, total: number) => void;
      onRetry?: (err: TransientError, attempt: number, delayMs: number) => void;
    } = {},
  ): Promise<AppendResult[]> {
    const events = input.map(withId);
    const out: AppendResult[] = [];
    for (let i = 0; i < events.length; i += this.chunkSize) {
      const chunk = events.slice(i, i + this.chunkSize);
      out.push(...(await this.withRetry(() => this.postEvents(chunk), opts.onRetry)));
      opts.onChunk?.(Math.min(i + chunk.length, events.length), events.length);
    }
    return out;
  }

  /** Raw GraphQL request; throws GraphQLRequestError when the answer carries errors and no data. */
  async graphql<T = unknown>(document: string, variables: Record<string, unknown> = {}): Promise<GraphQLAnswer<T>> {
    // an empty answer body reads as undefined
    const body = (await this.withRetry(() => this.request('POST', '/graphql', { query: document, variables }))) as
      { data?: T | null; errors?: { message?: string }[] } | undefined;
    if (!body || (body.errors?.length && (body.data === undefined || body.data === null))) {
      throw new GraphQLRequestError(body?.errors?.map((e) => e.message).join('; ') || 'empty GraphQL answer', body?.errors ?? []);
    }
    return { data: body.data as T, errors: body.errors };
  }

  /** Runs an operation and returns the value of its top-level field; throws GraphQLRequestError
   * when that value is missing and the answer carries errors. */
  async run<T = unknown>(op: Operation, variables: Record<string, unknown> = {}): Promise<T> {
    // an answer without errors may still lack data
    const { data, errors } = await this.graphql<Record<string, T> | undefined>(op.document, variables);
    const v = data?.[op.field];
    if ((v === undefined || v === null) && errors?.length) {
      throw new GraphQLRequestError((errors as { message?: string }[]).map((e) => e.message).join('; '), errors);
    }
    return v as T;
  }

  /** End-to-end trace of goods across districts (three-level scope applied by the gateway); null
   * when the goods are unknown or outside the caller's scope. */
  trace<T = TraceResult | null>(id: string, opts: TraceOptions = {}): Promise<T> {
    return this.run<T>(ops.TRACE, { id, ...opts });
  }

  goods<T = Goods | null>(id: string, type?: string): Promise<T> {
    return this.run<T>(ops.GOODS, { id, type });
  }

  /** One page of custody events in the caller's scope. */
  events<T = EventConnection>(filter: EventFilter = {}, first = 20, after?: string): Promise<T> {
    return this.run<T>(ops.EVENTS, { filter, first, after });
  }

  /**
   * Looks an event up on the ledger (by its first goods and its event time) and returns the event
   * as submitted (`raw`), or undefined when the ledger does not hold it in the caller's scope.
   */
  async findEvent(event: Pick<CustodyEvent, 'id' | 'goods' | 'eventTime'>): Promise<CustodyEvent | undefined> {
    const g = event.goods[0];
    let after: string | undefined;
    for (let page = 0; page < 20; page++) {
      const conn = await this.events<{
        edges: { node: { id: string; raw: CustodyEvent } }[];
        pageInfo: { hasNextPage: boolean; endCursor?: string };
      }>({ goodsId: g.id, goodsType: g.type, from: event.eventTime, to: event.eventTime }, 100, after);
      const hit = conn.edges.find((e) => e.node.id === event.id);
      if (hit) return hit.node.raw;
      if (!conn.pageInfo.hasNextPage) return undefined;
      after = conn.pageInfo.endCursor;
    }
    return undefined;
  }

  /** Automatic gate release: ALLOW or DENY with reasons. */
  gateCheck<T = GateCheckResult>(input: GateCheckInput): Promise<T> {
    return this.run<T>(ops.GATE_CHECK, { ...input });
  }

  /** AEO certificate of an enterprise (mutual-recognition channel). */
  mutualRecognition<T = AeoCertificate | null>(enterpriseCode: string): Promise<T> {
    return this.run<T>(ops.MUTUAL_RECOGNITION, { enterpriseCode });
  }

  /** Mutual-recognition consignment record. */
  mrConsignment<T = MrConsignment | null>(id: string): Promise<T> {
    return this.run<T>(ops.MR_CONSIGNMENT, { id });
  }

  /** Re-checks the hash chain of a channel on the gateway's ledger. */
  verifyChain<T = ChainVerification>(channel: string): Promise<T> {
    return this.run<T>(ops.VERIFY_CHAIN, { channel });
  }

  viewer<T = Viewer>(): Promise<T> {
    return this.run<T>(ops.VIEWER);
  }

  /** EPCIS 2.0 query document served by the gateway (`GET /epcis/events`). */
  epcisEvents(params: Record<string, string> = {}): Promise<unknown> {
    const qs = new URLSearchParams(params).toString();
    return this.withRetry(() => this.request('GET', `/epcis/events${qs ? `?${qs}` : ''}`));
  }

  /**
   * GraphQL subscription over server-sent events (graphql-yoga's default transport).
   * Iterate with `for await`; call `close()` to stop.
   */
  subscribe<T = unknown>(op: Operation | string, variables: Record<string, unknown> = {}): Subscription<T> {
    const document = typeof op === 'string' ? op : op.document;
    const field = typeof op === 'string' ? undefined : op.field;
    const ctrl = new AbortController();
    const it = this.streamAnswers<T>(document, variables, field, ctrl.signal);
    return {
      [Symbol.asyncIterator]: () => it,
      close: () => ctrl.abort(),
    };
  }

  /** The answers of a subscription, read from its server-sent event stream until `complete` or abort. */
  private async *streamAnswers<T>(
    document: string,
    variables: Record<string, unknown>,
    field: string | undefined,
    signal: AbortSignal,
  ): AsyncGenerator<T> {
    const res = await this.fetchImpl(`${this.gateway}/graphql`, {
      method: 'POST',
      headers: this.headers({ accept: 'text/event-stream' }),
      body: JSON.stringify({ query: document, variables }),
      signal,
    });
    if (!res.ok || !res.body) throw new GatewayError(`subscription failed: ${res.status}`, res.status);
    try {
      for await (const sse of serverSentEvents(res.body)) {
        if (sse.name === 'complete') return;
        if (sse.data.length) yield subscriptionAnswer(sse.data, field) as T;
      }
    } catch (err) {
      if ((err as Error).name === 'AbortError') return;
      throw err;
    }
  }

  /** Subscribes to newly committed custody events in the caller's scope. */
  subscribeEvents<T = TraceEvent>(filter: EventFilter = {}): Subscription<T> {
    return this.subscribe<T>(ops.EVENTS_SUBSCRIPTION, { filter });
  }

  /** Subscribes to anomalies raised by newly committed events. */
  subscribeAnomalies<T = GraphQLAnomaly>(district?: string): Subscription<T> {
    return this.subscribe<T>(ops.ANOMALIES_SUBSCRIPTION, { district });
  }
}

/** The value one `next` event of a subscription carries (of `field` when given); throws when it
 * carries errors and no data. */
function subscriptionAnswer(data: string[], field: string | undefined): unknown {
  const msg = JSON.parse(data.join('\n')) as { data?: Record<string, unknown>; errors?: { message?: string }[] };
  if (msg.errors?.length && !msg.data) throw new GraphQLRequestError(msg.errors.map((e) => e.message).join('; '), msg.errors);
  return field ? msg.data?.[field] : msg.data;
}

/** One server-sent event: its name (`message` unless named) and its data lines. */
interface ServerSentEvent {
  name: string;
  data: string[];
}

/** The events of a server-sent event stream, as they complete (a blank line ends each one). */
async function* serverSentEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let buf = '';
  for await (const chunk of body) {
    buf += decoder.decode(chunk, { stream: true });
    let sep: number;
    while ((sep = buf.search(/\r?\n\r?\n/)) >= 0) {
      const raw = buf.slice(0, sep);
      buf = buf.slice(sep).replace(/^\r?\n\r?\n/, '');
      yield parseServerSentEvent(raw);
    }
  }
}

function parseServerSentEvent(raw: string): ServerSentEvent {
  const event: ServerSentEvent = { name: 'message', data: [] };
  for (const line of raw.split(/\r?\n/)) {
    if (line.startsWith('event:')) event.name = line.slice(6).trim();
    else if (line.startsWith('data:')) event.data.push(line.slice(5).replace(/^ /, ''));
  }
  return event;
}

// Shapes of the GraphQL answers, defined once in @cargotrace/model/graphql (mirroring the SDL); the
// answers hold the fields graphql/operations.ts selects. Names kept from earlier versions.

/**
 * A custody event as the GraphQL API answers it (in traces, event pages and subscriptions).
 *
 * @example
 * const trace = await client.trace('COSU6331218');
 * const last: TraceEvent | undefined = trace?.events.at(-1);
 */
export type TraceEvent = GraphQLCustodyEvent;

/**
 * An anomaly the ledger's analysis raised (missing hand-off, seal mismatch, overdue transit, …).
 *
 * @example
 * for await (const a of client.subscribeAnomalies('2305')) console.log(a.severity, a.type, a.goods.id, a.message);
 */
export type Anomaly = GraphQLAnomaly;

/**
 * The end-to-end trace of goods across districts: events, custody segments, crossings, anomalies.
 *
 * @example
 * const tr: TraceResult | null = await client.trace('CSQU3054383', { type: 'container' });
 * if (tr) console.log(tr.districts, tr.crossings.map((c) => c.verdict));
 */
export type TraceResult = Trace;

/**
 * The gate's answer: ALLOW or DENY with the reasons checked.
 *
 * @example
 * const r: GateCheckResult = await client.gateCheck({ containerNo: 'TGHU8827013', gateId: 'CNSZP-BZ-GATE1', direction: 'OUT' });
 * if (r.decision === 'DENY') for (const reason of r.reasons) if (!reason.ok) console.log(reason.code, reason.message);
 */
export type GateCheckResult = GateCheck;
