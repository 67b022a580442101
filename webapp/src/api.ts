/** A small GraphQL client for the gateway: queries over POST, subscriptions over server-sent
 * events (graphql-yoga answers `Accept: text/event-stream` at the same endpoint). EventSource
 * cannot send an Authorization header, so the stream is read with fetch. */

export interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string } & Record<string, unknown>;
  path?: unknown[];
}

/** What a subscription reports: each payload, each error, and the state of its stream. */
export interface SubscriptionHandlers<T> {
  onData: (d: T) => void;
  onError?: (e: ApiError) => void;
  onState?: (s: 'open' | 'closed' | 'retrying') => void;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly errors: GraphQLErrorShape[] = [],
  ) {
    super(message);
  }
}

export class Api {
  constructor(
    readonly endpoint: string,
    private readonly apiKey: string,
  ) {}

  private headers(accept: string): Record<string, string> {
    return { 'content-type': 'application/json', accept, authorization: `Bearer ${this.apiKey}` };
  }

  async query<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetch(this.endpoint, {
        method: 'POST',
        headers: this.headers('application/graphql-response+json, application/json'),
        body: JSON.stringify({ query, variables }),
      });
    } catch (err) {
      throw new ApiError(`gateway unreachable: ${(err as Error).message}`, 'NETWORK');
    }
    let body: { data?: T; errors?: GraphQLErrorShape[]; error?: { code?: string; message?: string } };
    try {
      body = (await res.json()) as typeof body;
    } catch {
      throw new ApiError(`HTTP ${res.status}`, `HTTP_${res.status}`);
    }
    if (body.errors && body.errors.length > 0) {
      const first = body.errors[0];
      // Partial data is still useful (e.g. a proof the caller may not read): callers that want it
      // use queryPartial.
      throw new ApiError(first.message, first.extensions?.code, body.errors);
    }
    // The gateway answers authentication and rate-limit failures as {"error":{code,message}}.
    if (body.error) throw new ApiError(body.error.message ?? `HTTP ${res.status}`, body.error.code ?? `HTTP_${res.status}`);
    if (!res.ok || body.data === undefined) throw new ApiError(`HTTP ${res.status}`, `HTTP_${res.status}`);
    return body.data;
  }

  /** The body of a subscription's event stream, or an ApiError carrying the gateway's reason. */
  private async openEventStream(
    query: string,
    variables: Record<string, unknown>,
    signal: AbortSignal,
  ): Promise<ReadableStream<Uint8Array>> {
    const res = await fetch(this.endpoint, {
      method: 'POST',
      headers: this.headers('text/event-stream'),
      body: JSON.stringify({ query, variables }),
      signal,
    });
    if (res.ok && res.body) return res.body;
    let msg = `HTTP ${res.status}`;
    try {
      const b = (await res.json()) as { errors?: GraphQLErrorShape[]; error?: { message?: string } };
      if (b.errors?.[0]) msg = b.errors[0].message;
      else if (b.error?.message) msg = b.error.message;
    } catch {
      /* not JSON */
    }
    throw new ApiError(msg, `HTTP_${res.status}`);
  }

  /** Opens a subscription; `onData` gets each `data` payload. Returns a function that closes it.
   * Reconnects (with back-off) when the stream ends unexpectedly. */
  subscribe<T>(query: string, variables: Record<string, unknown>, handlers: SubscriptionHandlers<T>): () => void {
    let closed = false;
    // Read through a function: `closed` changes while the loop awaits (the returned closer sets it).
    const isClosed = (): boolean => closed;
    let controller: AbortController | undefined;
    let delay = 1000;
    const run = async (): Promise<void> => {
      while (!isClosed()) {
        controller = new AbortController();
        try {
          const body = await this.openEventStream(query, variables, controller.signal);
          handlers.onState?.('open');
          delay = 1000;
          await readEventStream(body, (event, data) => {
            dispatchStreamMessage(event, data, handlers);
          });
        } catch (err) {
          if (isClosed()) break;
          handlers.onError?.(err instanceof ApiError ? err : new ApiError(errorMessage(err), 'NETWORK'));
        }
        if (isClosed()) break;
        handlers.onState?.('retrying');
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 15000);
      }
      handlers.onState?.('closed');
    };
    void run();
    return () => {
      closed = true;
      controller?.abort();
    };
  }
}

/** Hands one server-sent message of a subscription to its handlers. */
function dispatchStreamMessage<T>(event: string, data: string, handlers: SubscriptionHandlers<T>): void {
  if (event === 'complete' || !data) return;
  const msg = JSON.parse(data) as { data?: T; errors?: GraphQLErrorShape[] };
  const first = msg.errors?.[0];
  if (first) handlers.onError?.(new ApiError(first.message, first.extensions?.code, msg.errors));
  else if (msg.data !== undefined) handlers.onData(msg.data);
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Parses a text/event-stream body, calling `on(event, data)` per dispatched message. */
export async function readEventStream(body: ReadableStream<Uint8Array>, on: (event: string, data: string) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event = 'message';
  let data: string[] = [];
  const line = (l: string) => {
    if (l === '') {
      if (data.length > 0 || event !== 'message') on(event, data.join('\n'));
      event = 'message';
      data = [];
      return;
    }
    if (l.startsWith(':')) return;
    const i = l.indexOf(':');
    const field = i < 0 ? l : l.slice(0, i);
    const value = i < 0 ? '' : l.slice(i + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let nl: number;
    while ((nl = buffer.search(/\r\n|\n|\r/)) >= 0) {
      const sep = buffer[nl] === '\r' && buffer[nl + 1] === '\n' ? 2 : 1;
      line(buffer.slice(0, nl));
      buffer = buffer.slice(nl + sep);
    }
  }
  if (buffer) line(buffer);
  line('');
}
