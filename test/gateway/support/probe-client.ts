/** One answer of the gateway as a probe saw it. */
export interface ProbeAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The parsed JSON body, or undefined when it is not JSON. */
  body: unknown;
  /** Milliseconds until the whole answer was read. */
  ms: number;
}

export interface ProbeRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer | ReadableStream<Uint8Array>;
}

/** A request that got no answer in time (or whose connection failed). */
export class NoAnswer extends Error {}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** An HTTP client for probing a gateway: every answer (status, headers, body) is kept, so that a
 * test can look through all of them at the end (e.g. for a credential), and a request without an
 * answer within `timeoutMs` is a NoAnswer. */
export class ProbeClient {
  readonly answers: ProbeAnswer[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 5000,
  ) {}

  async send(request: ProbeRequest): Promise<ProbeAnswer> {
    const started = Date.now();
    const streamed = request.body instanceof ReadableStream;
    let res: Response;
    let text: string;
    try {
      res = await fetch(this.baseUrl + request.path, {
        method: request.method,
        headers: request.headers ?? {},
        signal: AbortSignal.timeout(this.timeoutMs),
        ...(request.body !== undefined ? { body: request.body } : {}),
        ...(streamed ? { duplex: 'half' } : {}),
      } as RequestInit);
      text = await res.text();
    } catch (err) {
      throw new NoAnswer(`${request.method} ${request.path.slice(0, 120)}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const answer: ProbeAnswer = {
      status: res.status,
      headers: Object.fromEntries(res.headers),
      text,
      body: parseJson(text),
      ms: Date.now() - started,
    };
    this.answers.push(answer);
    return answer;
  }

  /** Answers (status, header or body) that contain any of `secrets`. */
  containing(secrets: readonly string[]): string[] {
    const found: string[] = [];
    for (const a of this.answers) {
      const all = `${JSON.stringify(a.headers)}\n${a.text}`;
      for (const s of secrets) if (all.includes(s)) found.push(`${a.status}: ${s}`);
    }
    return found;
  }
}

/** The machine-readable codes of an error answer: REST `error.code`, GraphQL `errors[].extensions.code`
 * (undefined for an error without one), EPCIS `error.code`. Empty when the body names none. */
export function errorCodes(body: unknown): (string | undefined)[] {
  if (!body || typeof body !== 'object') return [];
  const { error, errors } = body as { error?: { code?: unknown }; errors?: unknown };
  if (error && typeof error.code === 'string') return [error.code];
  if (!Array.isArray(errors)) return [];
  return errors.map((e: { extensions?: { code?: unknown } } | null) => {
    const code = e?.extensions?.code;
    return typeof code === 'string' ? code : undefined;
  });
}

/** A body of `bytes` bytes sent in chunks, without Content-Length. */
export function chunkedBody(bytes: number, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) {
        controller.close();
        return;
      }
      const n = Math.min(chunk, bytes - sent);
      sent += n;
      controller.enqueue(new Uint8Array(n).fill(0x20));
    },
  });
}
