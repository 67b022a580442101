// `@cargotrace/gateway/demo`: the demo story (events, constants, seeding), for benches, tests and the web page's demo that need the story without starting a gateway.
import type { NetworkConfig } from '@cargotrace/network';
import { ingestEvents } from '../ingest/ingest';
import type { LedgerBackend } from '../ledger/ledger-backend';
import { demoFlow, demoMutualRecognition, type DemoSubmission } from './demo-flow';

export * from './demo-flow';

/** Seeds the demo story into an empty ledger, each event recorded by the demo user who would
 * record it in reality, so the chaincode's authorisation applies to the demo as to anyone.
 * Consecutive events of one user go in one request; any rejection is a bug in the demo and
 * stops start-up with its code and path. */
export async function seedDemoData(backend: LedgerBackend, config: NetworkConfig, now = new Date()): Promise<number> {
  let recorded = 0;
  for (const run of runsByUser(demoFlow(now))) {
    const summary = await ingestEvents(backend, config, run.userId, run.events);
    const bad = summary.results.find((r) => r.status !== 'ACCEPTED' && r.status !== 'DUPLICATE');
    if (bad) throw new Error(`demo data rejected for ${run.userId}: ${JSON.stringify(bad)}`);
    recorded += summary.accepted;
  }
  const mr = demoMutualRecognition(now);
  await backend.submit('mutual-recognition', mr.userId, 'mutualRecognition:putAeoCertificate', [JSON.stringify(mr.aeo)]);
  await backend.submit('mutual-recognition', mr.userId, 'mutualRecognition:putMrConsignment', [JSON.stringify(mr.consignment)]);
  return recorded;
}

function runsByUser(submissions: DemoSubmission[]): { userId: string; events: Record<string, unknown>[] }[] {
  const runs: { userId: string; events: Record<string, unknown>[] }[] = [];
  for (const s of submissions) {
    const last = runs.at(-1);
    if (last && last.userId === s.userId) last.events.push(s.event);
    else runs.push({ userId: s.userId, events: [s.event] });
  }
  return runs;
}
