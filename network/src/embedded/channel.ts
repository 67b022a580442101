import { EventEmitter } from 'node:events';
import type { Identity } from '../identity/types';
import { BlockCutter } from './block-cutter';
import type { LoadedChaincode } from './chaincode-host';
import { sha256hex } from './codec';
import { commitBlock } from './committer';
import type { EndorserThread } from './endorser-thread';
import { EndorsementError, TransactionInvalidError } from './errors';
import { certHash, checkProposal, computeBinding, createProposal, serializeIdentity, type SignedProposal } from './proposal';
import { decodeTxRecord, type BlockRecord } from './record';
import { simulate, type Simulation, type SimulationRequest } from './simulate';
import type { ChannelStore } from './store';
import type {
  BlockCutting,
  BlockEventMessage,
  ChaincodeEventMessage,
  ChaincodeEventRecord,
  RwSet,
  StoredBlock,
  StoredTransaction,
  SubmitResult,
  TransactionLocation,
  TxTimestamp,
  VerifyResult,
} from './types';
import { validateBlock } from './validator';
import { verifyChain } from './verify';

/** A proposal with its simulation results, on its way to the orderer. */
interface Endorsed {
  proposal: SignedProposal;
  rwset: RwSet;
  event?: ChaincodeEventRecord;
  payload: Buffer;
  size: number;
}

interface Pending extends Endorsed {
  resolve(r: SubmitResult): void;
  reject(e: Error): void;
}

export interface SubmitOptions {
  /** Reuse a nonce (and so a tx id), e.g. to retry a submission idempotently. */
  nonce?: Buffer;
}

export interface ChannelDeps {
  name: string;
  store: ChannelStore;
  chaincode: LoadedChaincode;
  /** Where `chaincode` was loaded from (the endorsing thread loads it from there too). */
  chaincodeDir: string;
  /** Simulates submitted proposals off this thread; absent: everything runs on this thread. */
  endorser?: EndorserThread;
  members: string[];
  caCerts: ReadonlyMap<string, string>;
  blockCutting: BlockCutting;
}

function timestampOf(ms: number): TxTimestamp {
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 };
}

/** One channel of the embedded network: endorsing peer (simulation), orderer (block cutter) and
 * committing peer (validation + one atomic write per block) in one object.
 * Events: 'chaincodeEvent' (ChaincodeEventMessage, valid transactions only, after the block is
 * durable) and then 'block' (BlockEventMessage). */
export class EmbeddedChannel extends EventEmitter {
  readonly name: string;
  private readonly store: ChannelStore;
  private readonly chaincode: LoadedChaincode;
  private readonly chaincodeDir: string;
  private readonly endorser: EndorserThread | undefined;
  private readonly members: Set<string>;
  private readonly caCerts: ReadonlyMap<string, string>;
  private readonly cutter: BlockCutter<Pending>;
  /** Commits are strictly serialised through this chain. */
  private commits: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(deps: ChannelDeps) {
    super();
    this.name = deps.name;
    this.store = deps.store;
    this.chaincode = deps.chaincode;
    this.chaincodeDir = deps.chaincodeDir;
    this.endorser = deps.endorser;
    this.members = new Set(deps.members);
    this.caCerts = deps.caCerts;
    this.cutter = new BlockCutter<Pending>(deps.blockCutting, (batch) => {
      this.commits = this.commits.then(() => this.commitBatch(batch));
    });
  }

  /** Opens the channel on its store, writing the genesis block on first use. */
  static async open(deps: ChannelDeps): Promise<EmbeddedChannel> {
    const channel = new EmbeddedChannel(deps);
    if (deps.store.meta.height === 0) await channel.writeGenesis(deps.members);
    return channel;
  }

  private async writeGenesis(members: string[]): Promise<void> {
    const config = { channel: this.name, members: [...members].sort() };
    const tx: StoredTransaction = {
      txId: sha256hex(JSON.stringify(config)),
      txIndex: 0,
      type: 'config',
      timestamp: timestampOf(Date.now()),
      creatorMspId: '',
      creatorCertHash: '',
      fcn: '',
      args: [],
      validationCode: 'VALID',
      rwset: { reads: [], rangeQueries: [], writes: [] },
      config,
    };
    await commitBlock(this.store, [tx], new Map());
  }

  height(): number {
    return this.store.meta.height;
  }

  /** Endorsed transactions the orderer holds for the next block (observability; tests use it to
   * order concurrent submits without guessing at timings). */
  pendingTransactions(): number {
    return this.cutter.size;
  }

  /** Endorse, order, validate, commit; resolves once the transaction's block is durable. */
  async submit(id: Identity, fcn: string, args: string[], options: SubmitOptions = {}): Promise<SubmitResult> {
    this.assertOpen();
    const proposal = createProposal(this.name, id, fcn, args, options.nonce);
    // Fabric's endorser refuses a tx id that is already on the ledger.
    if (await this.store.getTxIndex(proposal.txId)) {
      throw new EndorsementError(`duplicate transaction found [${proposal.txId}]`, proposal.txId);
    }
    const endorsed = await this.endorse(proposal, this.endorser);
    this.assertOpen();
    return new Promise<SubmitResult>((resolve, reject) => this.cutter.enqueue({ ...endorsed, resolve, reject }));
  }

  /** Simulate only; never ordered. Queries run on this thread: they are answered at once, with
   * no hand-over to the endorsing thread. */
  async evaluate(id: Identity, fcn: string, args: string[]): Promise<Buffer> {
    this.assertOpen();
    return (await this.endorse(createProposal(this.name, id, fcn, args))).payload;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`channel ${this.name} is closed`);
  }

  private async endorse(proposal: SignedProposal, endorser?: EndorserThread): Promise<Endorsed> {
    checkProposal(proposal, this.members, this.caCerts);
    const request: SimulationRequest = {
      channel: this.name,
      txId: proposal.txId,
      mspId: proposal.mspId,
      certificate: proposal.certificate,
      binding: computeBinding(proposal.nonce, serializeIdentity(proposal.mspId, proposal.certificate)),
      timestampMs: proposal.timestampMs,
      fcn: proposal.fcn,
      args: proposal.args,
    };
    const s: Simulation = endorser
      ? await endorser.simulate(this.store.dir, this.chaincodeDir, request)
      : await simulate(this.store, this.chaincode, request);
    if (s.status >= 400) throw new EndorsementError(s.message, proposal.txId);
    let size = proposal.bytes.length + (s.event ? s.event.payload.length + s.event.name.length : 0);
    for (const w of s.rwset.writes) size += w.key.length + (w.value?.length ?? 0);
    return { proposal, rwset: s.rwset, ...(s.event ? { event: s.event } : {}), payload: s.payload, size };
  }

  private async commitBatch(batch: Pending[]): Promise<void> {
    let record: BlockRecord;
    let txs: StoredTransaction[];
    try {
      const { codes, updates } = await validateBlock(
        this.store,
        batch.map((p) => ({ txId: p.proposal.txId, rwset: p.rwset })),
      );
      txs = batch.map((p, i) => ({
        txId: p.proposal.txId,
        txIndex: i,
        type: 'endorser' as const,
        timestamp: timestampOf(p.proposal.timestampMs),
        creatorMspId: p.proposal.mspId,
        creatorCertHash: certHash(p.proposal.certificate),
        fcn: p.proposal.fcn,
        args: p.proposal.args,
        validationCode: codes[i],
        ...(p.event ? { event: p.event } : {}),
        rwset: p.rwset,
      }));
      record = await commitBlock(this.store, txs, updates);
    } catch (err) {
      // Nothing was written (the batch is atomic); the submitters learn why.
      for (const p of batch) p.reject(err as Error);
      return;
    }
    const blockNumber = record.number;
    for (const tx of txs) {
      if (tx.validationCode !== 'VALID' || !tx.event) continue;
      this.safeEmit('chaincodeEvent', {
        channel: this.name,
        blockNumber,
        txId: tx.txId,
        txIndex: tx.txIndex,
        eventName: tx.event.name,
        payload: tx.event.payload,
        blockHash: record.hash,
      } satisfies ChaincodeEventMessage);
    }
    this.safeEmit('block', { number: blockNumber, hash: record.hash, txCount: txs.length } satisfies BlockEventMessage);
    batch.forEach((p, i) => {
      const tx = txs[i];
      if (tx.validationCode === 'VALID') p.resolve({ txId: tx.txId, blockNumber, txIndex: i, payload: p.payload });
      else p.reject(new TransactionInvalidError(tx.validationCode, tx.txId, blockNumber));
    });
  }

  /** A throwing listener must not break the commit pipeline. */
  private safeEmit(event: string, message: unknown): void {
    try {
      this.emit(event, message);
    } catch (err) {
      process.emitWarning(`embedded ledger: a '${event}' listener threw: ${(err as Error).message}`);
    }
  }

  async getBlock(n: number): Promise<StoredBlock> {
    if (!Number.isInteger(n) || n < 0 || n >= this.height())
      throw new RangeError(`block ${n} does not exist on channel ${this.name} (height ${this.height()})`);
    const record = await this.store.getBlockRecord(n);
    if (!record) throw new Error(`block ${n} is missing from the store of channel ${this.name}`);
    const transactions: StoredTransaction[] = [];
    for (let i = 0; i < record.txHashes.length; i++) {
      const raw = await this.store.getRawTx(n, i);
      if (!raw) throw new Error(`transaction ${i} of block ${n} is missing`);
      transactions.push(decodeTxRecord(raw));
    }
    return {
      header: {
        number: record.number,
        previousHash: record.previousHash,
        dataHash: record.dataHash,
        ...(record.writeSetHash !== undefined ? { writeSetHash: record.writeSetHash } : {}),
        ...(record.stateHash !== undefined ? { stateHash: record.stateHash } : {}),
      },
      hash: record.hash,
      transactions,
    };
  }

  async getTransactionLocation(txId: string): Promise<TransactionLocation | undefined> {
    const idx = await this.store.getTxIndex(txId);
    if (!idx) return undefined;
    const block = await this.store.getBlockRecord(idx.b);
    return { blockNumber: idx.b, txIndex: idx.t, blockHash: block?.hash ?? '', validationCode: idx.c };
  }

  verify(onProgress?: (done: number, total: number) => void): Promise<VerifyResult> {
    return verifyChain(this.store, onProgress);
  }

  /** Flushes pending transactions into a last block, waits for commits, closes the store. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.cutter.cut();
    await this.commits;
    await this.endorser?.release(this.store.dir);
    await this.store.close();
  }
}
