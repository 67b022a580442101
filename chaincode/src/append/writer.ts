import type { Context } from 'fabric-contract-api';
import { readRegistryIndexVia } from '../indexes/registry';
import { callerOf, txTime } from '../ledger/context';
import type { WorkingSet } from '../ledger/working-set';
import type { RecordedBy } from '@cargotrace/model';
import type { Caller } from '../rules/authorisation';
import type { Recorder } from '../rules/goods-state';
import type { RegistryIndex } from '../rules/registry-index';

/** Who appends, in which transaction, against which registry. */
export interface Writer {
  caller: Caller;
  registry: RegistryIndex;
  /** The caller's organisation as goods-state derivation needs it. */
  recorder: Recorder;
  recordedBy: RecordedBy;
  txId: string;
  /** Transaction time, fixed-width ISO UTC. */
  time: string;
}

function recorderOf(registry: RegistryIndex, caller: Caller): Recorder {
  const org = registry.organisations.get(caller.mspId);
  return {
    mspId: caller.mspId,
    orgKind: org?.kind ?? 'gacc',
    ...(org?.enterpriseCode !== undefined ? { enterpriseCode: org.enterpriseCode } : {}),
  };
}

/** Step 2, resolveRegistry: the channel registry (read through the working set) and the caller. */
export async function resolveWriter(ctx: Context, ws: WorkingSet): Promise<Writer> {
  const caller = callerOf(ctx);
  const registry = await readRegistryIndexVia(ws);
  return {
    caller,
    registry,
    recorder: recorderOf(registry, caller),
    recordedBy: { mspId: caller.mspId, id: caller.id, role: caller.role, district: caller.district },
    txId: ctx.stub.getTxID(),
    time: txTime(ctx),
  };
}
