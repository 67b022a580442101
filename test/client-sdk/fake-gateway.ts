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

export async function startFakeGateway(
  opts: { apiKey?: string; reject?: (e: Record<string, unknown>) => string | undefined } = {},
): Promise<FakeGateway> {
  const store = new Map<string, string>();
  let fail = 0;
  let failStatus = 503;
  let drop = 0;
  const gw: Partial<FakeGateway> = { accepted: [], received: [], requests: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      gw.requests!++;
      if (drop > 0) {
        drop--;
        req.socket.destroy();
        return;
      }
      if (fail > 0) {
        fail--;
        res.writeHead(failStatus, { 'content-type': 'application/json' });
        res.end('{"message":"unavailable"}');
        return;
      }
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
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { events: Record<string, unknown>[] };
      const results = body.events.map((e) => {
        const id = String(e.id);
        gw.received!.push(id);
        const why = opts.reject?.(e);
        if (why) return { id, status: 'rejected', code: 'VALIDATION_FAILED', path: '/kind', message: why };
        const json = JSON.stringify(e);
        if (store.has(id))
          return store.get(id) === json
            ? { id, status: 'duplicate' }
            : { id, status: 'rejected', code: 'CONFLICT', message: 'same id, other content' };
        store.set(id, json);
        gw.accepted!.push(id);
        return { id, status: 'accepted' };
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ results }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  gw.url = `http://127.0.0.1:${port}`;
  gw.failNext = (n, status = 503) => {
    fail = n;
    failStatus = status;
  };
  gw.dropNext = (n) => {
    drop = n;
  };
  gw.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return gw as FakeGateway;
}
