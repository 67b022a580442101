import type { LoadedChaincode } from './chaincode-host';
import { TxSimulator } from './simulator';
import type { ChannelStore } from './store';
import { EmbeddedStub } from './stub';
import type { ChaincodeEventRecord, RwSet } from './types';

/** What simulation needs of a proposal that already passed the endorser's checks. Plain data
 * (strings and numbers only), so that it can be handed to another thread as it is. */
export interface SimulationRequest {
  channel: string;
  txId: string;
  mspId: string;
  certificate: string;
  /** fabric-shim's getBinding() of the proposal. */
  binding: string;
  timestampMs: number;
  fcn: string;
  args: string[];
}

/** The chaincode's response and what the simulator recorded. */
export interface Simulation {
  status: number;
  message: string;
  payload: Buffer;
  rwset: RwSet;
  event?: ChaincodeEventRecord;
}

/** Runs one proposal through fabric-contract-api's dispatch over a stub whose reads come from one
 * snapshot of committed state (Fabric's simulator under its commit lock). */
export async function simulate(store: ChannelStore, chaincode: LoadedChaincode, req: SimulationRequest): Promise<Simulation> {
  const snapshot = store.snapshot();
  const sim = new TxSimulator(req.txId, chaincode.name, store, snapshot);
  const stub = new EmbeddedStub(
    {
      channel: req.channel,
      txId: req.txId,
      creator: { mspid: req.mspId, idBytes: new Uint8Array(Buffer.from(req.certificate, 'utf8')) },
      binding: req.binding,
      timestampMs: req.timestampMs,
      fcn: req.fcn,
      args: req.args,
    },
    sim,
  );
  let response;
  try {
    response = await chaincode.chaincode.Invoke(stub);
  } finally {
    await sim.finish();
    await snapshot.close();
  }
  const { rwset, event } = sim.results();
  return {
    status: response.status,
    message: response.message ?? '',
    payload: Buffer.from(response.payload ?? []),
    rwset,
    ...(event ? { event } : {}),
  };
}
