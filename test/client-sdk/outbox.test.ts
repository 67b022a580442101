import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CargoTraceClient, Outbox } from '@cargotrace/client-sdk';
import type { CustodyEvent } from '@cargotrace/client-sdk';
import { startFakeGateway } from './fake-gateway';
import type { FakeGateway } from './fake-gateway';

const ev = (n: number, kind = 'RECEIVED'): CustodyEvent => ({
  id: `ob-${String(n).padStart(4, '0')}`,
  kind: kind as CustodyEvent['kind'],
  goods: [{ type: 'container', id: 'COSU6331218' }],
  eventTime: `2026-11-20T10:${String(n % 60).padStart(2, '0')}:00+08:00`,
  district: '2305',
});

describe('client-sdk outbox (durable, ordered, idempotent)', () => {
  let dir: string;
  let gw: FakeGateway;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-outbox-'));
    gw = await startFakeGateway({ reject: (e) => (e.kind === 'HELD' ? 'not allowed in this test' : undefined) });
  });
  afterEach(async () => {
    await gw.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const client = () => new CargoTraceClient({ gateway: gw.url, retry: { retries: 2, minDelayMs: 5, maxDelayMs: 20 } });

  it('keeps written events across a reopen and sends them in order; acknowledged ones are removed', async () => {
    let ob = await Outbox.open(dir);
    expect(await ob.enqueue(Array.from({ length: 25 }, (_x, i) => ({ event: ev(i) })))).to.equal(25);
    // same ids again: not queued twice
    expect(await ob.enqueue([{ event: ev(3) }, { event: ev(4) }])).to.equal(0);
    await ob.close(); // "crash" before sending

    ob = await Outbox.open(dir);
    expect(await ob.size()).to.equal(25);
    const report = await ob.flush(client(), { batchSize: 10 });
    expect(report).to.include({ sent: 25, accepted: 25, duplicate: 0, rejected: 0, remaining: 0 });
    expect(gw.received).to.deep.equal(Array.from({ length: 25 }, (_x, i) => ev(i).id));
    expect(gw.requests).to.equal(3);
    await ob.close();
    ob = await Outbox.open(dir);
    expect(await ob.size()).to.equal(0);
    // new events continue the sequence after a reopen
    await ob.enqueue([{ event: ev(100) }]);
    expect((await ob.peek())[0].seq).to.equal(26);
    await ob.close();
  });

  it('loses nothing while the gateway is down and flushes later', async () => {
    const ob = await Outbox.open(dir);
    await ob.enqueue(Array.from({ length: 5 }, (_x, i) => ({ event: ev(i) })));
    gw.failNext(100, 503);
    const r1 = await ob.flush(client());
    expect(r1.sent).to.equal(0);
    expect(r1.remaining).to.equal(5);
    expect(r1.stoppedBy).to.match(/503/);
    gw.failNext(0);
    await gw.close();
    const r2 = await ob.flush(client()); // connection refused
    expect(r2.remaining).to.equal(5);
    expect(r2.stoppedBy).to.match(/unreachable/);
    await ob.close();

    gw = await startFakeGateway();
    const ob2 = await Outbox.open(dir);
    const r3 = await ob2.flush(client());
    expect(r3).to.include({ sent: 5, accepted: 5, remaining: 0 });
    expect(gw.accepted).to.deep.equal([0, 1, 2, 3, 4].map((i) => ev(i).id));
    await ob2.close();
  });

  it('retries transient failures (503, dropped connection) with back-off', async () => {
    const ob = await Outbox.open(dir);
    await ob.enqueue([{ event: ev(1) }, { event: ev(2) }]);
    gw.failNext(1, 503);
    const r = await ob.flush(client());
    expect(r).to.include({ accepted: 2, remaining: 0 });
    await ob.enqueue([{ event: ev(3) }]);
    gw.dropNext(1);
    expect(await ob.flush(client())).to.include({ accepted: 1, remaining: 0 });
    await ob.close();
  });

  it('a resend after a crash between send and removal is answered duplicate, not recorded twice', async () => {
    const ob = await Outbox.open(dir);
    await ob.enqueue([{ event: ev(1) }, { event: ev(2) }]);
    // simulate: the batch reached the gateway but the process died before removing it
    await client().postEvents([ev(1), ev(2)]);
    const r = await ob.flush(client());
    expect(r).to.include({ accepted: 0, duplicate: 2, remaining: 0 });
    expect(gw.accepted).to.deep.equal([ev(1).id, ev(2).id]);
    await ob.close();
  });

  it('moves rejected events to the dead-letter list with the reason and goes on', async () => {
    const ob = await Outbox.open(dir);
    await ob.enqueue([{ event: ev(1) }, { event: ev(2, 'HELD'), source: { file: 'x.csv', line: 3 } }, { event: ev(3) }]);
    const r = await ob.flush(client());
    expect(r).to.include({ accepted: 2, rejected: 1, remaining: 0 });
    const dead = await ob.deadLetters();
    expect(dead).to.have.length(1);
    expect(dead[0].entry.source?.line).to.equal(3);
    expect(dead[0].result).to.include({ status: 'rejected', code: 'VALIDATION_FAILED' });
    expect((await ob.status()).rejected).to.equal(1);
    await ob.close();
  });
});
