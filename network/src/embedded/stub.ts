import type { ChaincodeProposal, ChaincodeStub, Iterators, SerializedIdentity, SplitCompositekey, StateQueryResponse, Timestamp } from 'fabric-shim-api';
import Long = require('long');
import { asQueryResponse } from './iterators';
import {
  EMPTY_KEY_SUBSTITUTE, MAX_UNICODE_RUNE_VALUE, createCompositeKey, splitCompositeKey, validateReadKey, validateSimpleKeys, validateWriteKey,
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

  constructor(private readonly ctx: ProposalContext, private readonly sim: TxSimulator) {
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

  async putState(key: string, value: Uint8Array | string): Promise<void> {
    this.sim.checkDone();
    validateWriteKey(key);
    const buf = typeof value === 'string' ? Buffer.from(value, 'utf8') : value instanceof Uint8Array ? Buffer.from(value) : undefined;
    // Fabric treats an empty value like a delete; the embedded ledger refuses it so that the
    // mistake surfaces in development.
    if (!buf || buf.length === 0) throw new Error(`value for key [${key}] must be a non-empty Buffer or Uint8Array; use deleteState to delete`);
    this.sim.putState(key, buf);
  }

  async deleteState(key: string): Promise<void> {
    this.sim.checkDone();
    validateWriteKey(key);
    this.sim.putState(key, null);
  }

  async setStateValidationParameter(): Promise<void> {
    throw new Error('key-level endorsement policies are not supported by the embedded ledger');
  }

  async getStateValidationParameter(): Promise<Uint8Array> {
    throw new Error('key-level endorsement policies are not supported by the embedded ledger');
  }

  getStateByRange(startKey: string, endKey: string): KVResponse {
    return asQueryResponse(
      (async () => {
        this.sim.checkDone();
        const start = startKey || EMPTY_KEY_SUBSTITUTE;
        validateSimpleKeys(start, endKey);
        return this.sim.scan(start, endKey ?? '');
      })(),
    );
  }

  getStateByRangeWithPagination(startKey: string, endKey: string, pageSize: number, bookmark?: string): PagedResponse {
    return asQueryResponse(
      (async () => {
        this.sim.checkDone();
        const start = startKey || EMPTY_KEY_SUBSTITUTE;
        validateSimpleKeys(start, endKey);
        return this.sim.scanPage(start, endKey ?? '', pageSize, bookmark || '');
      })(),
    );
  }

  getStateByPartialCompositeKey(objectType: string, attributes: string[]): KVResponse {
    return asQueryResponse(
      (async () => {
        this.sim.checkDone();
        const prefix = createCompositeKey(objectType, attributes);
        return this.sim.scan(prefix, prefix + MAX_UNICODE_RUNE_VALUE);
      })(),
    );
  }

  getStateByPartialCompositeKeyWithPagination(objectType: string, attributes: string[], pageSize: number, bookmark?: string): PagedResponse {
    return asQueryResponse(
      (async () => {
        this.sim.checkDone();
        const prefix = createCompositeKey(objectType, attributes);
        return this.sim.scanPage(prefix, prefix + MAX_UNICODE_RUNE_VALUE, pageSize, bookmark || '');
      })(),
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
      (async () => {
        this.sim.checkDone();
        validateReadKey(key);
        return this.sim.history(key);
      })(),
    );
  }

  async invokeChaincode(): Promise<never> {
    throw new Error('invokeChaincode is not supported by the embedded ledger');
  }

  setEvent(name: string, payload: Uint8Array): void {
    this.sim.checkDone();
    if (typeof name !== 'string' || name === '') throw new Error('Event name must be a non-empty string');
    this.sim.setEvent(name, payload === undefined || payload === null ? Buffer.alloc(0) : Buffer.from(payload));
  }

  createCompositeKey(objectType: string, attributes: string[]): string {
    return createCompositeKey(objectType, attributes);
  }

  splitCompositeKey(compositeKey: string): SplitCompositekey {
    return splitCompositeKey(compositeKey);
  }

  // ---- private data: not available (no collections on the embedded peer)

  async getPrivateData(): Promise<Uint8Array> {
    throw new Error(PRIVATE_DATA);
  }
  async getPrivateDataHash(): Promise<Uint8Array> {
    throw new Error(PRIVATE_DATA);
  }
  async putPrivateData(): Promise<void> {
    throw new Error(PRIVATE_DATA);
  }
  async deletePrivateData(): Promise<void> {
    throw new Error(PRIVATE_DATA);
  }
  async purgePrivateData(): Promise<void> {
    throw new Error(PRIVATE_DATA);
  }
  async setPrivateDataValidationParameter(): Promise<void> {
    throw new Error(PRIVATE_DATA);
  }
  async getPrivateDataValidationParameter(): Promise<Uint8Array> {
    throw new Error(PRIVATE_DATA);
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
