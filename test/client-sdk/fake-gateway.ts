import * as http from 'http';
import type { AddressInfo } from 'net';

/** A tiny stand-in for the gateway's REST ingestion (`POST /api/v1/events`), on 127.0.0.1:0. */
export interface FakeGateway {
  url: string;
  /** ids in the order the server accepted them */
  accepted: string[];
  /** every id received, in order, including duplicates */
  received: string[];
  requests: number;
  /** answer the next n requests with this status (e.g. 503) */
  failNext(n: number, status?: number): void;
  /** drop the connection without answering for the next n requests */
  dropNext(n: number): void;
  close(): Promise<void>;
}

interface FakeGatewayOptions {
  apiKey?: string;
  reject?: (e: Record<string, unknown>) => string | undefined;
}

/** Failures to inject into the next requests. */
interface Faults {
  fail: number;
  failStatus: number;
  drop: number;
}

export async function startFakeGateway(opts: FakeGatewayOptions = {}): Promise<FakeGateway> {
  const store = new Map<string, string>();
  const faults: Faults = { fail: 0, failStatus: 503, drop: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      gw.requests++;
      if (injectFault(faults, req, res)) return;
      answer(req, res, Buffer.concat(chunks), opts, (events) => appendResults(events, store, opts, gw));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const gw: FakeGateway = {
    url: `http://127.0.0.1:${port}`,
    accepted: [],
    received: [],
    requests: 0,
    failNext: (n, status = 503) => {
      faults.fail = n;
      faults.failStatus = status;
    },
    dropNext: (n) => {
      faults.drop = n;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  return gw;
}

/** Drops the connection or answers with the failure status while faults are pending; true when it did. */
function injectFault(faults: Faults, req: http.IncomingMessage, res: http.ServerResponse): boolean {
  if (faults.drop > 0) {
    faults.drop--;
    req.socket.destroy();
    return true;
  }
  if (faults.fail > 0) {
    faults.fail--;
    res.writeHead(faults.failStatus, { 'content-type': 'application/json' });
    res.end('{"message":"unavailable"}');
    return true;
  }
  return false;
}

function answer(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  body: Buffer,
  opts: FakeGatewayOptions,
  append: (events: Record<string, unknown>[]) => unknown[],
): void {
  if (opts.apiKey && req.headers.authorization !== `Bearer ${opts.apiKey}`) {
    res.writeHead(401);
    res.end('{"message":"unauthorised"}');
    return;
  }
  if (req.method !== 'POST' || req.url !== '/api/v1/events') {
    res.writeHead(404);
    res.end('{}');
    return;
  }
  const { events } = JSON.parse(body.toString('utf8')) as { events: Record<string, unknown>[] };
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ results: append(events) }));
}

/** What the ledger would do with each event: accept new ids, see resends as duplicates, reject conflicts. */
function appendResults(
  events: Record<string, unknown>[],
  store: Map<string, string>,
  opts: FakeGatewayOptions,
  gw: FakeGateway,
): unknown[] {
  return events.map((e) => {
    const id = String(e.id);
    gw.received.push(id);
    const why = opts.reject?.(e);
    if (why) return { id, status: 'rejected', code: 'VALIDATION_FAILED', path: '/kind', message: why };
    const json = JSON.stringify(e);
    if (store.has(id))
      return store.get(id) === json
        ? { id, status: 'duplicate' }
        : { id, status: 'rejected', code: 'CONFLICT', message: 'same id, other content' };
    store.set(id, json);
    gw.accepted.push(id);
    return { id, status: 'accepted' };
  });
}
