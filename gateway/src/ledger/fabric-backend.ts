/**
 * LedgerBackend on a real Hyperledger Fabric 2.5 network through fabric-network 2.2 (the network
 * that network/fabric/up.sh starts, or any network described by the same gateway manifest).
 *
 * Selected by configuration: LEDGER=fabric and FABRIC_GATEWAY_CONFIG=<manifest> (written by
 * up.sh to <work>/gateway/fabric-gateway.json: wallet path, one connection profile per MSP, the
 * channels, the chaincode name, asLocalhost).
 *
 * - one Gateway connection per config user (its wallet identity signs), opened lazily;
 *   one Network per (user, channel) — fabric-network caches them per gateway;
 * - service discovery picks endorsers satisfying each channel's endorsement policy;
 * - submit waits until every peer of the channel has committed the transaction (commitScope
 *   'network', the default), so that a read through any organisation's peer right afterwards sees
 *   it, as on the embedded ledger; 'org' waits for the caller's organisation only (lower latency,
 *   reads through other organisations' peers may lag a block). MVCC conflicts are retried;
 * - fabric-network's own (winston) console logging is limited to unexpected errors unless
 *   HFC_LOGGING says otherwise;
 * - chaincode events and block heights come from one block listener per channel, opened with the
 *   GACC service identity (GACC is a member of every channel);
 * - proofs and chain verification read blocks through qscc.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { format } from 'node:util';
import type { BlockEvent, BlockListener, Contract, Gateway, Network, Wallet } from 'fabric-network';
import {
  LedgerAccessDeniedError,
  LedgerInvalidError,
  type ChainVerification,
  type LedgerBackend,
  type LedgerChaincodeEvent,
  type SubmitOutcome,
  type TransactionProof,
} from './ledger-backend';
import { ChaincodeEventListeners } from './block-listener';
import type { CommittedBlockHandler } from './committed-blocks';
import { fabricCommittedBlock } from './fabric-block-feed';
import { parseChaincodeError } from '@cargotrace/model';
import { retryOnMvccConflict } from './mvcc-retry';
import { TxLocations, proofOf, type TxLocation } from './proofs';

export interface FabricGatewayManifest {
  network: string;
  chaincode: string;
  walletPath: string;
  asLocalhost: boolean;
  channels: { name: string; kind: string; district?: string; members: string[] }[];
  /** MSP id -> connection profile (JSON) path */
  connectionProfiles: Record<string, string>;
  /** config user id -> wallet label and MSP */
  users: Partial<Record<string, { mspId: string; walletLabel: string }>>;
}

export interface FabricBackendOptions {
  /** Identity used for block listening and qscc reads; must be a member of every channel. */
  observerUser?: string;
  /** Seconds to wait for endorsement / commit. */
  endorseTimeoutSeconds?: number;
  commitTimeoutSeconds?: number;
  /** Attempts for a submit whose transaction is invalidated by an MVCC / phantom read conflict. */
  maxAttempts?: number;
  /** Whose commit a submit waits for: every peer of the channel ('network', default) or the
   * caller's organisation's peers ('org'). */
  commitScope?: 'network' | 'org';
}

const ACCESS_DENIED =
  /access denied|creator org unknown|Failed verifying that proposal's creator|is not a member of channel|signature set did not satisfy policy|identity is not valid|certificate has expired/i;

type FabricNetworkModule = typeof import('fabric-network');

/** Errors fabric-network logs for outcomes this backend turns into results or typed errors: a
 * chaincode rejection (the per-event REJECTED result), a caller outside the channel
 * (LedgerAccessDeniedError), an invalidated transaction (retried or LedgerInvalidError); and
 * "Endorser … already exists", logged when two discovery refreshes of one channel race to add the
 * same peer (the peer is there, and used). */
const EXPECTED_SDK_ERRORS =
  /No valid responses from any peers|access denied|MVCC_READ_CONFLICT|PHANTOM_READ_CONFLICT|ENDORSEMENT_POLICY_FAILURE|Endorser \S+ already exists/;

/** fabric-common's default (winston) logger writes info and above to the console — every
 * discovery refresh, every endorsement failure and MVCC conflict with its stack — which drowns the
 * gateway's own output. Unless the operator configured HFC_LOGGING (fabric-common's own setting,
 * e.g. '{"debug":"console"}'), the SDK gets a logger that prints only unexpected errors. It is
 * installed where fabric-common looks first (global.hfc.logger, as Utils.setLogger does), before
 * fabric-network and fabric-common load, because their modules take their loggers at load time. */
function quietSdkLogging(): void {
  if (process.env.HFC_LOGGING) return;
  const g = globalThis as { hfc?: { logger?: unknown } };
  if (g.hfc?.logger) return;
  const noop = () => undefined;
  const logger = {
    debug: noop,
    info: noop,
    warn: noop,
    error: (...args: unknown[]) => {
      const line = format(...args);
      if (!EXPECTED_SDK_ERRORS.test(line)) process.stderr.write(`fabric-network: ${line.split('\n')[0]}\n`);
    },
  };
  g.hfc = { ...(g.hfc ?? {}), logger };
}

/** Loads the Fabric SDK's CommonJS packages on first use, as `require` does: an ES `import()`
 * would not see fabric-protos' namespaces, which it builds at run time, as named exports. */
const loadCommonJs = createRequire(__filename);

function loadFabricNetwork(): FabricNetworkModule {
  quietSdkLogging();
  // Loaded lazily so that the embedded ledger (and `npm test`) never needs fabric-network.
  return loadCommonJs('fabric-network') as FabricNetworkModule;
}

export function readGatewayManifest(file: string): FabricGatewayManifest {
  const m = JSON.parse(readFileSync(file, 'utf8')) as FabricGatewayManifest;
  const base = path.dirname(path.resolve(file));
  m.walletPath = path.resolve(base, m.walletPath);
  for (const k of Object.keys(m.connectionProfiles)) m.connectionProfiles[k] = path.resolve(base, m.connectionProfiles[k]);
  return m;
}

/** The backend the environment asks for: LEDGER=fabric with FABRIC_GATEWAY_CONFIG (and optionally
 * FABRIC_COMMIT_SCOPE=network|org), else undefined.
 *
 * @example
 * ```ts
 * import { fabricBackendFromEnv, startGateway } from '@cargotrace/gateway';
 * // LEDGER=fabric FABRIC_GATEWAY_CONFIG=/work/gateway/fabric-gateway.json
 * const backend = await fabricBackendFromEnv();
 * if (backend) await startGateway({ backend });
 * ```
 */
export async function fabricBackendFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<FabricBackend | undefined> {
  if ((env.LEDGER ?? '').toLowerCase() !== 'fabric') return undefined;
  const manifest = env.FABRIC_GATEWAY_CONFIG;
  if (!manifest) throw new Error('LEDGER=fabric needs FABRIC_GATEWAY_CONFIG (the fabric-gateway.json written by network/fabric/up.sh)');
  const scope = env.FABRIC_COMMIT_SCOPE;
  if (scope !== undefined && scope !== 'network' && scope !== 'org')
    throw new Error(`FABRIC_COMMIT_SCOPE: 'network' or 'org', not ${scope}`);
  return FabricBackend.open(manifest, scope ? { commitScope: scope } : {});
}

/**
 * The ledger backend on a Hyperledger Fabric network through fabric-network, described by the
 * gateway manifest that network/fabric/up.sh writes (see the file comment).
 *
 * @example
 * ```ts
 * import { FabricBackend } from '@cargotrace/gateway';
 * const backend = await FabricBackend.open('fabric-gateway.json', { commitScope: 'org' });
 * const { txId, blockNumber } = await backend.submit('shanghai', 'demo-yangshan-terminal', 'custody:appendEvents', [JSON.stringify(events)]);
 * await backend.close();
 * ```
 */
export class FabricBackend implements LedgerBackend {
  readonly kind = 'fabric' as const;
  private readonly gateways = new Map<string, Promise<Gateway>>();
  private readonly listeners = new ChaincodeEventListeners();
  private readonly heights = new Map<string, number>();
  private readonly locations = new TxLocations();
  private readonly waiters = new Map<string, ((loc: TxLocation) => void)[]>();
  private readonly detach: (() => void)[] = [];
  private closed = false;

  private constructor(
    private readonly fabric: FabricNetworkModule,
    private readonly manifest: FabricGatewayManifest,
    private readonly wallet: Wallet,
    private readonly options: Required<FabricBackendOptions>,
  ) {}

  static async open(manifestFile: string, options: FabricBackendOptions = {}): Promise<FabricBackend> {
    const fabric = loadFabricNetwork();
    const manifest = readGatewayManifest(manifestFile);
    const wallet = await fabric.Wallets.newFileSystemWallet(manifest.walletPath);
    const backend = new FabricBackend(fabric, manifest, wallet, {
      observerUser: options.observerUser ?? 'gateway-service',
      endorseTimeoutSeconds: options.endorseTimeoutSeconds ?? 60,
      commitTimeoutSeconds: options.commitTimeoutSeconds ?? 60,
      maxAttempts: options.maxAttempts ?? 5,
      commitScope: options.commitScope ?? 'network',
    });
    try {
      await backend.startObserving();
    } catch (err) {
      await backend.close();
      throw err;
    }
    return backend;
  }

  // ---- connections ----------------------------------------------------------------------------

  private gateway(userId: string): Promise<Gateway> {
    let g = this.gateways.get(userId);
    if (!g) {
      g = this.connect(userId);
      this.gateways.set(userId, g);
      g.catch(() => this.gateways.delete(userId));
    }
    return g;
  }

  private async connect(userId: string): Promise<Gateway> {
    if (this.closed) throw new Error('the Fabric backend is closed');
    const user = this.manifest.users[userId];
    if (!user) throw new LedgerAccessDeniedError(`unknown user ${userId}`);
    const profileFile = this.manifest.connectionProfiles[user.mspId];
    if (!profileFile) throw new Error(`no connection profile for ${user.mspId}`);
    const profile = JSON.parse(readFileSync(profileFile, 'utf8')) as Record<string, unknown>;
    const f = this.fabric;
    const gateway = new f.Gateway();
    await gateway.connect(profile, {
      wallet: this.wallet,
      identity: user.walletLabel,
      discovery: { enabled: true, asLocalhost: this.manifest.asLocalhost },
      eventHandlerOptions: {
        commitTimeout: this.options.commitTimeoutSeconds,
        endorseTimeout: this.options.endorseTimeoutSeconds,
        // Resolve once every peer of the channel (or of the caller's organisation) has committed.
        strategy:
          this.options.commitScope === 'org'
            ? f.DefaultEventHandlerStrategies.MSPID_SCOPE_ALLFORTX
            : f.DefaultEventHandlerStrategies.NETWORK_SCOPE_ALLFORTX,
      },
      queryHandlerOptions: {
        timeout: this.options.endorseTimeoutSeconds,
        strategy: f.DefaultQueryHandlerStrategies.MSPID_SCOPE_ROUND_ROBIN,
      },
    });
    return gateway;
  }

  private async network(userId: string, channel: string): Promise<Network> {
    if (!this.manifest.channels.some((c) => c.name === channel)) throw new Error(`unknown channel ${channel}`);
    const gw = await this.gateway(userId);
    try {
      return await gw.getNetwork(channel);
    } catch (err) {
      throw mapError(err);
    }
  }

  private async contract(userId: string, channel: string): Promise<Contract> {
    return (await this.network(userId, channel)).getContract(this.manifest.chaincode);
  }

  // ---- LedgerBackend --------------------------------------------------------------------------

  async submit(channel: string, userId: string, fcn: string, args: string[]): Promise<SubmitOutcome> {
    const contract = await this.contract(userId, channel);
    return retryOnMvccConflict(
      async () => {
        // A new transaction (and tx id) per attempt: Fabric refuses a tx id it has seen.
        const tx = contract.createTransaction(fcn);
        const txId = tx.getTransactionId();
        const located = this.waitForLocation(channel, txId, this.options.commitTimeoutSeconds * 1000);
        try {
          const payload = await tx.submit(...args);
          const loc = await located.promise;
          return {
            txId,
            blockNumber: loc?.blockNumber ?? (await this.locate(channel, txId))?.blockNumber ?? -1,
            payload: payload.toString('utf8'),
          };
        } catch (err) {
          located.cancel();
          throw mapError(err);
        }
      },
      // Jitter: the conflicting submitters are often this gateway's own concurrent requests.
      { maxAttempts: this.options.maxAttempts, backoffMs: (attempt) => 20 * attempt + Math.floor(Math.random() * 20) },
    );
  }

  async evaluate(channel: string, userId: string, fcn: string, args: string[]): Promise<string> {
    const contract = await this.contract(userId, channel);
    try {
      return (await contract.evaluateTransaction(fcn, ...args)).toString('utf8');
    } catch (err) {
      throw mapError(err);
    }
  }

  onChaincodeEvent(listener: (e: LedgerChaincodeEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  async transactionProof(channel: string, txId: string): Promise<TransactionProof | undefined> {
    const loc = this.locations.get(channel, txId) ?? (await this.locate(channel, txId));
    return loc ? proofOf(channel, txId, loc) : undefined;
  }

  async verify(channel: string): Promise<ChainVerification> {
    const protos = loadProtos();
    const qscc = (await this.network(this.options.observerUser, channel)).getContract('qscc');
    const info = protos.common.BlockchainInfo.decode(await qscc.evaluateTransaction('GetChainInfo', channel));
    const height = Number(info.height);
    let previous: Buffer | undefined;
    for (let n = 0; n < height; n++) {
      const raw = await qscc.evaluateTransaction('GetBlockByNumber', channel, String(n));
      const checked = checkBlock(protos.common.Block.decode(raw), previous);
      if (typeof checked === 'string') return { channel, ok: false, height, firstBad: { blockNumber: n, reason: checked } };
      previous = checked;
    }
    if (previous && info.currentBlockHash && !Buffer.from(info.currentBlockHash).equals(previous)) {
      return {
        channel,
        ok: false,
        height,
        firstBad: { blockNumber: height - 1, reason: "chain head differs from the peer's current block hash" },
      };
    }
    return { channel, ok: true, height };
  }

  height(channel: string): number {
    return this.heights.get(channel) ?? 0;
  }

  /** The block event service (full blocks, from `from`); the query store's applied height is the
   * checkpoint, so a restart asks for the blocks from there. Blocks are handed on one at a time. */
  committedBlocks(channel: string, from: number, onBlock: CommittedBlockHandler, onError: (err: Error) => void): () => void {
    const protos = loadProtos();
    const codeName = (code: number) => protos.protos.TxValidationCode[code] ?? String(code);
    let stopped = false;
    let chain = Promise.resolve();
    let detach = (): void => undefined;
    const listener: BlockListener = (event: BlockEvent) => {
      const block = fabricCommittedBlock(
        channel,
        this.manifest.chaincode,
        event,
        blockHashOf(Number(event.blockNumber.toString()), event),
        codeName,
      );
      chain = chain.then(async () => {
        if (!stopped) await onBlock(block);
      });
      return chain.catch((err: unknown) => {
        if (stopped) return;
        stopped = true;
        detach();
        onError(err instanceof Error ? err : new Error(String(err)));
      });
    };
    void this.network(this.options.observerUser, channel)
      .then(async (network) => {
        detach = () => network.removeBlockListener(listener);
        await network.addBlockListener(listener, { type: 'full', startBlock: from });
        if (stopped) detach();
      })
      .catch((err: unknown) => onError(err instanceof Error ? err : new Error(String(err))));
    return () => {
      stopped = true;
      detach();
    };
  }

  async blockHash(channel: string, n: number): Promise<string | undefined> {
    if (!Number.isInteger(n) || n < 0) return undefined;
    const qscc = (await this.network(this.options.observerUser, channel)).getContract('qscc');
    let raw: Buffer;
    try {
      raw = await qscc.evaluateTransaction('GetBlockByNumber', channel, String(n));
    } catch {
      return undefined;
    }
    const header = loadProtos().common.Block.decode(raw).header;
    if (!header) return undefined;
    return blockHeaderHash(n, Buffer.from(header.previous_hash ?? []), Buffer.from(header.data_hash ?? [])).toString('hex');
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const d of this.detach.splice(0)) d();
    this.listeners.clear();
    for (const g of this.gateways.values()) {
      try {
        (await g).disconnect();
      } catch {
        // a gateway that never connected has nothing to close
      }
    }
    this.gateways.clear();
  }

  // ---- block observation ----------------------------------------------------------------------

  private async startObserving(): Promise<void> {
    const protos = loadProtos();
    for (const ch of this.manifest.channels) {
      const network = await this.network(this.options.observerUser, ch.name);
      const info = protos.common.BlockchainInfo.decode(await network.getContract('qscc').evaluateTransaction('GetChainInfo', ch.name));
      const height = Number(info.height);
      this.heights.set(ch.name, height);
      // A throw in onBlock becomes the listener's rejection, as fabric-network expects of a listener.
      const listener: BlockListener = (event: BlockEvent) =>
        new Promise<void>((resolve) => {
          this.onBlock(ch.name, event);
          resolve();
        });
      // Start at the current height: events of earlier blocks were delivered before this backend.
      await network.addBlockListener(listener, { type: 'full', startBlock: height });
      this.detach.push(() => network.removeBlockListener(listener));
    }
  }

  private onBlock(channel: string, event: BlockEvent): void {
    const blockNumber = Number(event.blockNumber.toString());
    const blockHash = blockHashOf(blockNumber, event);
    this.heights.set(channel, Math.max(this.heights.get(channel) ?? 0, blockNumber + 1));
    const txIndex = txIndexesOf(event);
    for (const tx of event.getTransactionEvents()) {
      const loc: TxLocation = { blockNumber, txIndex: txIndex.get(tx.transactionId) ?? -1, blockHash, validationCode: tx.status };
      const key = `${channel}/${tx.transactionId}`;
      this.locations.remember(channel, tx.transactionId, loc);
      for (const w of this.waiters.get(key) ?? []) w(loc);
      this.waiters.delete(key);
      if (!tx.isValid) continue;
      for (const ce of tx.getContractEvents()) {
        if (ce.chaincodeId !== this.manifest.chaincode) continue;
        const e: LedgerChaincodeEvent = {
          channel,
          blockNumber,
          txId: tx.transactionId,
          eventName: ce.eventName,
          payload: ce.payload ? Buffer.from(ce.payload).toString('utf8') : '',
          blockHash,
        };
        this.listeners.deliver(e);
      }
    }
  }

  private waitForLocation(
    channel: string,
    txId: string,
    timeoutMs: number,
  ): { promise: Promise<TxLocation | undefined>; cancel: () => void } {
    const key = `${channel}/${txId}`;
    let done: (loc: TxLocation | undefined) => void = () => undefined;
    const promise = new Promise<TxLocation | undefined>((resolve) => {
      done = resolve;
    });
    const known = this.locations.get(channel, txId);
    if (known) return { promise: Promise.resolve(known), cancel: () => undefined };
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    const finish = (loc: TxLocation | undefined) => {
      clearTimeout(timer);
      const list = (this.waiters.get(key) ?? []).filter((w) => w !== finish);
      if (list.length) this.waiters.set(key, list);
      else this.waiters.delete(key);
      done(loc);
    };
    this.waiters.set(key, [...(this.waiters.get(key) ?? []), finish]);
    return { promise, cancel: () => finish(undefined) };
  }

  /** Looks a transaction up through qscc (a transaction older than this backend's listener). */
  private async locate(channel: string, txId: string): Promise<TxLocation | undefined> {
    const protos = loadProtos();
    const qscc = (await this.network(this.options.observerUser, channel)).getContract('qscc');
    let processed: Buffer;
    let rawBlock: Buffer;
    try {
      processed = await qscc.evaluateTransaction('GetTransactionByID', channel, txId);
      rawBlock = await qscc.evaluateTransaction('GetBlockByTxID', channel, txId);
    } catch {
      return undefined;
    }
    const ptx = protos.protos.ProcessedTransaction.decode(processed);
    const block = protos.common.Block.decode(rawBlock);
    const header = block.header;
    if (!header) return undefined;
    const n = Number(header.number);
    let txIndex = -1;
    (block.data?.data ?? []).forEach((d, i) => {
      if (txIdOf(protos, d) === txId) txIndex = i;
    });
    const code = protos.protos.TxValidationCode[ptx.validationCode ?? 0] ?? String(ptx.validationCode);
    const loc: TxLocation = {
      blockNumber: n,
      txIndex,
      blockHash: blockHeaderHash(n, Buffer.from(header.previous_hash ?? []), Buffer.from(header.data_hash ?? [])).toString('hex'),
      validationCode: code,
    };
    this.locations.remember(channel, txId, loc);
    return loc;
  }
}

// ---- helpers ------------------------------------------------------------------------------------

/** The hex hash of a delivered (full) block's header. */
function blockHashOf(blockNumber: number, event: BlockEvent): string {
  const header = (event.blockData as { header?: { number?: unknown; previous_hash?: unknown; data_hash?: unknown } }).header ?? {};
  return blockHeaderHash(blockNumber, toBuffer(header.previous_hash), toBuffer(header.data_hash)).toString('hex');
}

/** Transaction id -> position in a delivered (full) block. */
function txIndexesOf(event: BlockEvent): Map<string, number> {
  const envelopes =
    (event.blockData as { data?: { data?: { payload?: { header?: { channel_header?: { tx_id?: string } } } }[] } }).data?.data ?? [];
  const txIndex = new Map<string, number>();
  envelopes.forEach((env, i) => {
    const id = env.payload?.header?.channel_header?.tx_id;
    if (id) txIndex.set(id, i);
  });
  return txIndex;
}

/** A decoded block: numbers are protobufjs Longs (Number() reads them). */
interface DecodedBlock {
  header?: { number?: unknown; previous_hash?: Uint8Array; data_hash?: Uint8Array };
  data?: { data?: Uint8Array[] };
}

interface Protos {
  common: {
    Block: { decode(b: Uint8Array): DecodedBlock };
    BlockchainInfo: { decode(b: Uint8Array): { height?: unknown; currentBlockHash?: Uint8Array } };
    Envelope: { decode(b: Uint8Array): { payload?: Uint8Array } };
    Payload: { decode(b: Uint8Array): { header?: { channel_header?: Uint8Array } } };
    ChannelHeader: { decode(b: Uint8Array): { tx_id?: string } };
  };
  protos: {
    ProcessedTransaction: { decode(b: Uint8Array): { validationCode?: number } };
    TxValidationCode: Record<number, string>;
  };
}

/** fabric-protos, seen through the fields this backend decodes. */
function loadProtos(): Protos {
  return loadCommonJs('fabric-protos') as Protos;
}

/** A block's header hash, or why the block does not fit the chain: its data hash, or its link to
 * the header before it (`previous`). */
function checkBlock(block: DecodedBlock, previous: Buffer | undefined): Buffer | string {
  const header = block.header;
  if (!header) return 'the block has no header';
  const dataHash = Buffer.from(header.data_hash ?? []);
  const previousHash = Buffer.from(header.previous_hash ?? []);
  if (!dataHash.equals(sha256(Buffer.concat((block.data?.data ?? []).map((d) => Buffer.from(d)))))) {
    return 'data hash does not match the block data';
  }
  if (previous && !previousHash.equals(previous)) return 'previous hash does not match the preceding block header';
  return blockHeaderHash(Number(header.number), previousHash, dataHash);
}

/** The transaction id in an envelope's channel header, if it has one. */
function txIdOf(protos: Protos, envelopeBytes: Uint8Array): string | undefined {
  const envelope = protos.common.Envelope.decode(envelopeBytes);
  if (!envelope.payload) return undefined;
  const channelHeader = protos.common.Payload.decode(envelope.payload).header?.channel_header;
  return channelHeader ? protos.common.ChannelHeader.decode(channelHeader).tx_id : undefined;
}

function sha256(b: Buffer): Buffer {
  return createHash('sha256').update(b).digest();
}

function toBuffer(v: unknown): Buffer {
  if (v === undefined || v === null) return Buffer.alloc(0);
  if (Buffer.isBuffer(v)) return v;
  if (v instanceof Uint8Array) return Buffer.from(v);
  if (typeof v === 'string') return Buffer.from(v, /^[0-9a-f]*$/i.test(v) ? 'hex' : 'base64');
  return Buffer.alloc(0);
}

/** Fabric's block hash: SHA-256 of the ASN.1 DER SEQUENCE { INTEGER number, OCTET STRING
 * previous_hash, OCTET STRING data_hash } (protoutil.BlockHeaderBytes). */
export function blockHeaderHash(number: number, previousHash: Buffer, dataHash: Buffer): Buffer {
  const body = Buffer.concat([derInteger(number), derTlv(0x04, previousHash), derTlv(0x04, dataHash)]);
  return sha256(derTlv(0x30, body));
}

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function derTlv(tag: number, value: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(value.length), value]);
}

function derInteger(n: number): Buffer {
  const bytes: number[] = [];
  let v = BigInt(n);
  do {
    bytes.unshift(Number(v & 0xffn));
    v >>= 8n;
  } while (v > 0n);
  if (bytes[0] & 0x80) bytes.unshift(0);
  return derTlv(0x02, Buffer.from(bytes));
}

/** Maps fabric-network errors onto the backend's error contract: chaincode errors keep the
 * chaincode's JSON message (as on the embedded ledger), invalidated transactions become
 * LedgerInvalidError, refusals before chaincode runs become LedgerAccessDeniedError. */
function mapError(err: unknown): Error {
  if (typeof err !== 'object' || err === null) return new Error(String(err));
  const e = err as FabricNetworkError;
  if (e.transactionCode && e.transactionCode !== 'VALID') return new LedgerInvalidError(e.transactionCode, e.transactionId ?? '');
  const message = messageOf(e, err);
  // Fabric hands the chaincode's error over as text only: the one chaincode-error parser decides
  // whether it is one, as it does for every other ledger error.
  if (parseChaincodeError(message)) return new Error(message);
  if (ACCESS_DENIED.test(message)) return new LedgerAccessDeniedError(message);
  return err instanceof Error ? err : new Error(message);
}

/** The fields of fabric-network's errors this backend reads. */
interface FabricNetworkError {
  name?: string;
  message?: string;
  transactionCode?: string;
  transactionId?: string;
  responses?: { response?: { status?: number; message?: string } }[];
  errors?: unknown[];
}

/** The chaincode's message when an endorser returned one, else the error's own. */
function messageOf(e: FabricNetworkError, err: unknown): string {
  const fromResponses = e.responses?.map((r) => r.response?.message).find((m) => typeof m === 'string' && m.length > 0);
  return fromResponses ?? chaincodeMessage(e.message ?? '') ?? e.message ?? String(err);
}

/** "No valid responses from any peers. Errors:\n    peer=…, status=500, message={…}" → the
 * first chaincode message (every endorser ran the same deterministic chaincode). */
function chaincodeMessage(text: string): string | undefined {
  const m = /message=(.*)$/m.exec(text);
  if (!m) return undefined;
  const msg = m[1].trim();
  // "error in simulation: transaction returned with failure: {…}" from the peer
  const i = msg.indexOf('{');
  return i >= 0 ? msg.slice(i) : msg;
}
