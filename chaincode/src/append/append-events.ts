import type { Context } from 'fabric-contract-api';
import { canonicalJson } from '@cargotrace/model';
import { WorkingSet } from '../ledger/working-set';
import type { AppendResult } from '@cargotrace/model';
import { admitEvents } from './admission';
import { parseBatch } from './batch';
import { emitAppended } from './notify';
import { prefetchBatch } from './prefetch';
import { writeAccepted } from './record';
import { resolveWriter } from './writer';

/** custody:appendEvents as named steps: parseBatch → resolveRegistry → prefetch → (per event:
 * dropDuplicates → authorise → apply) → writeIndexes → notify. All or nothing: any error in any
 * step throws before anything is written, listing every bad event. Returns canonical JSON of the
 * AppendResult. */
export async function appendEventBatch(ctx: Context, eventsJson: string): Promise<string> {
  const batch = parseBatch(eventsJson);
  const ws = new WorkingSet(ctx.stub);
  const writer = await resolveWriter(ctx, ws);
  await prefetchBatch(ws, batch.events);
  const admission = await admitEvents(ws, writer, batch);
  batch.errors.throwIfAny();
  writeAccepted(ws, writer, admission);
  await ws.flush();
  emitAppended(ctx.stub, writer.txId, admission.accepted);
  const result: AppendResult = { results: admission.results, txTime: writer.time };
  return canonicalJson(result);
}
