/**
 * Runnable example: queue two custody events in a durable outbox, flush them to the gateway and
 * print the trace of the container.
 *
 *   npm start                      # gateway with demo data on http://127.0.0.1:4000
 *   node client-sdk/dist/examples/append-and-trace.js http://127.0.0.1:4000 demo-sip-warehouse
 */
import { CargoTraceClient, Outbox } from '../index';
import type { CustodyEventInput } from '../index';
import { withId } from '../canonical';

async function main(): Promise<void> {
  const [
    gateway = process.env.CARGOTRACE_GATEWAY ?? 'http://127.0.0.1:4000',
    apiKey = process.env.CARGOTRACE_API_KEY ?? 'demo-sip-warehouse',
  ] = process.argv.slice(2);
  const client = new CargoTraceClient({ gateway, apiKey });
  const actor = { org: 'SipLogisticsMSP', enterpriseCode: '3205960123' };
  const events: CustodyEventInput[] = [
    {
      kind: 'MOVED',
      goods: [{ type: 'container', id: 'COSU6331218' }],
      eventTime: '2026-11-20T14:00:00+08:00',
      district: '2305',
      site: 'CNSZP-BZ-WH01',
      readPoint: 'B-01-4',
      actor,
    },
    {
      kind: 'STORED',
      goods: [{ type: 'container', id: 'COSU6331218' }],
      eventTime: '2026-11-20T14:05:00+08:00',
      district: '2305',
      site: 'CNSZP-BZ-WH01',
      readPoint: 'B-01-4',
      actor,
      supervisionStatus: 'bonded',
    },
  ];
  const outbox = await Outbox.open('.cargotrace/example-outbox');
  try {
    // ids are content hashes: running the example twice only yields "duplicate"
    await outbox.enqueue(events.map((e) => ({ event: withId(e) })));
    const report = await outbox.flush(client);
    console.log('flush:', report);
  } finally {
    await outbox.close();
  }
  const trace = await client.trace('COSU6331218', { type: 'container' });
  if (!trace) throw new Error('COSU6331218 is not on the ledger in this scope');
  for (const e of trace.events) console.log(e.eventTime, e.district, e.kind, e.site ?? '', e.readPoint ?? '');
  for (const a of trace.anomalies) console.log('anomaly:', a.type, a.message);
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exitCode = 1;
});
