import type {
  ChaincodeProposal,
  ChaincodeStub,
  Iterators,
  SerializedIdentity,
  SplitCompositekey,
  StateQueryResponse,
  Timestamp,
} from 'fabric-shim-api';
import Long from 'long';
import { asQueryResponse } from './iterators';
import { settle } from './settle';
import {
  EMPTY_KEY_SUBSTITUTE,
  MAX_UNICODE_RUNE_VALUE,
  createCompositeKey,
  splitCompositeKey,
  validateReadKey,
  validateSimpleKeys,
  validateWriteKey,
} from './keys';
import type { TxSimulator } from './simulator';

/** What the peer knows about the proposal being simulated. */
export interface ProposalContext {
  channel: string;
  txId: string;
  creator: SerializedIdentity;
  /** Hex sha256(nonce ‖ creator ‖ epoch), fabric-shim's getBinding(). */
  binding: string;
  timestampMs: number;
  fcn: string;
  args: string[];
}

const PRIVATE_DATA = 'private data is not supported by the embedded ledger';

type KVResponse = Promise<Iterators.StateQueryIterator> & AsyncIterable<Iterators.KV>;
type PagedResponse = Promise<StateQueryResponse<Iterators.StateQueryIterator>> & AsyncIterable<Iterators.KV>;

/** fabric-shim's ChaincodeStub over the embedded simulator. Method semantics and error messages
 * follow fabric-shim/lib/stub.js; checks are stricter where a real peer would refuse later. */
export class EmbeddedStub implements ChaincodeStub {
  private readonly bufferArgs: Buffer[];

  constructor(
    private readonly ctx: ProposalContext,
    private readonly sim: TxSimulator,
  ) {
    this.bufferArgs = [ctx.fcn, ...ctx.args].map((a) => Buffer.from(a, 'utf8'));
  }

  // ---- proposal data

  getArgs(): string[] {
    return [this.ctx.fcn, ...this.ctx.args];
  }

  getStringArgs(): string[] {
    return this.getArgs();
  }

  /** ChaincodeFromContract dispatches on these (fcn first). */
  getBufferArgs(): Buffer[] {
    return this.bufferArgs.map((b) => Buffer.from(b));
  }

  getFunctionAndParameters(): { params: string[]; fcn: string } {
    return { fcn: this.ctx.fcn, params: [...this.ctx.args] };
  }

  getTxID(): string {
    return this.ctx.txId;
  }

  getChannelID(): string {
    return this.ctx.channel;
  }

  getCreator(): SerializedIdentity {
    return this.ctx.creator;
  }

  /** The endorsing peer's MSP. The embedded peer endorses on behalf of the creator's organisation
   * (as a Fabric gateway in that org would), so this is the creator's MSP id. */
  getMspID(): string {
    return this.ctx.creator.mspid;
  }

  getTransient(): Map<string, Uint8Array> {
    return new Map();
  }

  getSignedProposal(): ChaincodeProposal.SignedProposal {
    throw new Error('getSignedProposal is not supported by the embedded ledger');
  }

  getTxTimestamp(): Timestamp {
    const ms = this.ctx.timestampMs;
    return { seconds: Long.fromNumber(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1_000_000 };
  }

  getDateTimestamp(): Date {
    return new Date(this.ctx.timestampMs);
  }

  getBinding(): string {
    return this.ctx.binding;
  }

  // ---- state

  async getState(key: string): Promise<Uint8Array> {
    this.sim.checkDone();
    validateReadKey(key);
    return this.sim.getState(key);
  }

  putState(key: string, value: Uint8Array | string): Promise<void> {
    return settle(() => {
      this.sim.checkDone();
      validateWriteKey(key);
      const buf = typeof value === 'string' ? Buffer.from(value, 'utf8') : value instanceof Uint8Array ? Buffer.from(value) : undefined;
      // Fabric treats an empty value like a delete; the embedded ledger refuses it so that the
      // mistake surfaces in development.
      if (!buf || buf.length === 0)
        throw new Error(`value for key [${key}] must be a non-empty Buffer or Uint8Array; use deleteState to delete`);
      this.sim.putState(key, buf);
    });
  }

  deleteState(key: string): Promise<void> {
    return settle(() => {
      this.sim.checkDone();
      validateWriteKey(key);
      this.sim.putState(key, null);
    });
  }

  setStateValidationParameter(): Promise<void> {
    return Promise.reject(new Error('key-level endorsement policies are not supported by the embedded ledger'));
  }

  getStateValidationParameter(): Promise<Uint8Array> {
    return Promise.reject(new Error('key-level endorsement policies are not supported by the embedded ledger'));
  }

  getStateByRange(startKey: string, endKey: string | undefined): KVResponse {
    return asQueryResponse(
      settle(() => {
        this.sim.checkDone();
        const start = startKey || EMPTY_KEY_SUBSTITUTE;
        validateSimpleKeys(start, endKey);
        return this.sim.scan(start, endKey ?? '');
      }),
    );
  }

  getStateByRangeWithPagination(startKey: string, endKey: string | undefined, pageSize: number, bookmark?: string): PagedResponse {
    return asQueryResponse(
      settle(() => {
        this.sim.checkDone();
        const start = startKey || EMPTY_KEY_SUBSTITUTE;
        validateSimpleKeys(start, endKey);
        return this.sim.scanPage(start, endKey ?? '', pageSize, bookmark || '');
      }),
    );
  }

  getStateByPartialCompositeKey(objectType: string, attributes: string[]): KVResponse {
    return asQueryResponse(
      settle(() => {
        this.sim.checkDone();
        const prefix = createCompositeKey(objectType, attributes);
        return this.sim.scan(prefix, prefix + MAX_UNICODE_RUNE_VALUE);
      }),
    );
  }

  getStateByPartialCompositeKeyWithPagination(
    objectType: string,
    attributes: string[],
    pageSize: number,
    bookmark?: string,
  ): PagedResponse {
    return asQueryResponse(
      settle(() => {
        this.sim.checkDone();
        const prefix = createCompositeKey(objectType, attributes);
        return this.sim.scanPage(prefix, prefix + MAX_UNICODE_RUNE_VALUE, pageSize, bookmark || '');
      }),
    );
  }

  getQueryResult(): KVResponse {
    // Fabric's LevelDB state database refuses rich queries with this message.
    return asQueryResponse(Promise.reject(new Error('ExecuteQuery not supported for leveldb')));
  }

  getQueryResultWithPagination(): PagedResponse {
    return asQueryResponse(Promise.reject(new Error('ExecuteQuery not supported for leveldb')));
  }

  getHistoryForKey(key: string): Promise<Iterators.HistoryQueryIterator> & AsyncIterable<Iterators.KeyModification> {
    return asQueryResponse(
      settle(() => {
        this.sim.checkDone();
        validateReadKey(key);
        return this.sim.history(key);
      }),
    );
  }

  invokeChaincode(): Promise<never> {
    return Promise.reject(new Error('invokeChaincode is not supported by the embedded ledger'));
  }

  // Chaincode written in JavaScript can pass anything; these checks are fabric-shim's.
  setEvent(name: unknown, payload: Uint8Array | null | undefined): void {
    this.sim.checkDone();
    if (typeof name !== 'string' || name === '') throw new Error('Event name must be a non-empty string');
    this.sim.setEvent(name, payload == null ? Buffer.alloc(0) : Buffer.from(payload));
  }

  createCompositeKey(objectType: string, attributes: string[]): string {
    return createCompositeKey(objectType, attributes);
  }

  splitCompositeKey(compositeKey: string): SplitCompositekey {
    return splitCompositeKey(compositeKey);
  }

  // ---- private data: not available (no collections on the embedded peer)

  getPrivateData(): Promise<Uint8Array> {
    return Promise.reject(new Error(PRIVATE_DATA));
  }
  getPrivateDataHash(): Promise<Uint8Array> {
    return Promise.reject(new Error(PRIVATE_DATA));
  }
  putPrivateData(): Promise<void> {
    return Promise.reject(new Error(PRIVATE_DATA));
  }
  deletePrivateData(): Promise<void> {
    return Promise.reject(new Error(PRIVATE_DATA));
  }
  purgePrivateData(): Promise<void> {
    return Promise.reject(new Error(PRIVATE_DATA));
  }
  setPrivateDataValidationParameter(): Promise<void> {
    return Promise.reject(new Error(PRIVATE_DATA));
  }
  getPrivateDataValidationParameter(): Promise<Uint8Array> {
    return Promise.reject(new Error(PRIVATE_DATA));
  }
  getPrivateDataByRange(): KVResponse {
    return asQueryResponse(Promise.reject(new Error(PRIVATE_DATA)));
  }
  getPrivateDataByPartialCompositeKey(): KVResponse {
    return asQueryResponse(Promise.reject(new Error(PRIVATE_DATA)));
  }
  getPrivateDataQueryResult(): KVResponse {
    return asQueryResponse(Promise.reject(new Error(PRIVATE_DATA)));
  }
}
