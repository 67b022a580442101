import * as path from 'node:path';
import type { NetworkConfig } from '@cargotrace/network';
import {
  LedgerAccessDeniedError,
  LedgerInvalidError,
  type ChainVerification,
  type LedgerBackend,
  type LedgerChaincodeEvent,
  type SubmitOutcome,
  type TransactionProof,
} from './ledger-backend';

/** The parts of network/src/embedded the gateway uses, typed structurally so that the gateway
 * depends on the behaviour, not on the module's internal class names. */
interface EmbeddedIdentity {
  userId: string;
  mspId: string;
}
interface EmbeddedChannel {
  submit(identity: EmbeddedIdentity, fcn: string, args: string[]): Promise<{ txId: string; blockNumber: number; txIndex: number; payload: Buffer }>;
  evaluate(identity: EmbeddedIdentity, fcn: string, args: string[]): Promise<Buffer>;
  on(event: 'chaincodeEvent', listener: (e: EmbeddedChaincodeEvent) => void): unknown;
  off?(event: 'chaincodeEvent', listener: (e: EmbeddedChaincodeEvent) => void): unknown;
  removeListener?(event: 'chaincodeEvent', listener: (e: EmbeddedChaincodeEvent) => void): unknown;
  getTransactionLocation(txId: string): Promise<{ blockNumber: number; txIndex: number; blockHash: string; validationCode: string } | undefined>;
  verify(): Promise<{ ok: boolean; height: number; firstBad?: ChainVerification['firstBad'] }>;
  height(): number;
}
interface EmbeddedChaincodeEvent {
  channel: string;
  blockNumber: number;
  txId: string;
  eventName: string;
  payload: Buffer;
  blockHash: string;
}
interface EmbeddedNetworkLike {
  identity(userId: string): EmbeddedIdentity;
  channel(name: string): EmbeddedChannel;
  close(): Promise<void>;
}
interface EmbeddedNetworkClass {
  open(options: { dataDir: string; config: NetworkConfig; chaincodeDir: string }): Promise<EmbeddedNetworkLike>;
}
interface NetworkModule {
  EmbeddedNetwork?: EmbeddedNetworkClass;
  bootstrapRegistry?: (invoker: Pick<LedgerBackend, 'submit' | 'evaluate'>, config: NetworkConfig) => Promise<string[]>;
}

/** True when '@cargotrace/network' exports the embedded ledger and the chaincode package is built. */
export function embeddedLedgerAvailable(): boolean {
  try {
    const mod = loadNetworkModule();
    if (!mod.EmbeddedNetwork) return false;
    require.resolve('@cargotrace/chaincode');
    return true;
  } catch {
    return false;
  }
}

function loadNetworkModule(): NetworkModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@cargotrace/network') as NetworkModule;
}

const MVCC_CODES = new Set(['MVCC_READ_CONFLICT', 'PHANTOM_READ_CONFLICT']);
/** Proofs kept in memory (about 300 bytes each). */
const PROOF_CACHE_SIZE = 100_000;
const MAX_ATTEMPTS = 5;

export class EmbeddedBackend implements LedgerBackend {
  readonly kind = 'embedded' as const;
  private readonly listeners = new Set<(e: LedgerChaincodeEvent) => void>();
  private readonly detach: (() => void)[] = [];
  /** Where committed transactions are: a committed block never changes, so a found location is
   * kept (bounded, oldest first out); a tx id not found is asked again. */
  private readonly proofs = new Map<string, TransactionProof>();

  private constructor(
    private readonly net: EmbeddedNetworkLike,
    private readonly channels: string[],
  ) {
    for (const name of channels) {
      const ch = net.channel(name);
      const handler = (e: EmbeddedChaincodeEvent) => {
        const event: LedgerChaincodeEvent = {
          channel: e.channel ?? name,
          blockNumber: e.blockNumber,
          txId: e.txId,
          eventName: e.eventName,
          payload: Buffer.isBuffer(e.payload) ? e.payload.toString('utf8') : String(e.payload),
          blockHash: e.blockHash,
        };
        for (const l of [...this.listeners]) {
          try {
            l(event);
          } catch {
            // a listener's failure must not stop delivery to the others
          }
        }
      };
      ch.on('chaincodeEvent', handler);
      this.detach.push(() => (ch.off ? ch.off('chaincodeEvent', handler) : ch.removeListener?.('chaincodeEvent', handler)));
    }
  }

  /** Opens (or creates) the embedded ledger in `dataDir` and fills each channel's registry once. */
  static async open(dataDir: string, config: NetworkConfig): Promise<EmbeddedBackend> {
    const mod = loadNetworkModule();
    if (!mod.EmbeddedNetwork) throw new Error('the embedded ledger is not available: @cargotrace/network does not export EmbeddedNetwork');
    const chaincodeDir = path.dirname(require.resolve('@cargotrace/chaincode/package.json'));
    const net = await mod.EmbeddedNetwork.open({ dataDir, config, chaincodeDir });
    const backend = new EmbeddedBackend(
      net,
      config.channels.map((c) => c.name),
    );
    if (mod.bootstrapRegistry) await mod.bootstrapRegistry(backend, config);
    return backend;
  }

  async submit(channel: string, userId: string, fcn: string, args: string[]): Promise<SubmitOutcome> {
    const identity = this.net.identity(userId);
    for (let attempt = 1; ; attempt++) {
      try {
        const r = await this.net.channel(channel).submit(identity, fcn, args);
        return { txId: r.txId, blockNumber: r.blockNumber, payload: r.payload.toString('utf8') };
      } catch (err) {
        const mapped = mapError(err);
        if (mapped instanceof LedgerInvalidError && MVCC_CODES.has(mapped.validationCode) && attempt < MAX_ATTEMPTS) {
          await new Promise((r) => setTimeout(r, 5 * attempt));
          continue;
        }
        throw mapped;
      }
    }
  }

  async evaluate(channel: string, userId: string, fcn: string, args: string[]): Promise<string> {
    try {
      const r = await this.net.channel(channel).evaluate(this.net.identity(userId), fcn, args);
      return r.toString('utf8');
    } catch (err) {
      throw mapError(err);
    }
  }

  onChaincodeEvent(listener: (e: LedgerChaincodeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async transactionProof(channel: string, txId: string): Promise<TransactionProof | undefined> {
    const key = `${channel}|${txId}`;
    const known = this.proofs.get(key);
    if (known) return { ...known };
    const loc = await this.net.channel(channel).getTransactionLocation(txId);
    if (!loc) return undefined;
    const proof = { channel, txId, blockNumber: loc.blockNumber, txIndex: loc.txIndex, blockHash: loc.blockHash, validationCode: loc.validationCode };
    if (proof.blockHash) {
      if (this.proofs.size >= PROOF_CACHE_SIZE) this.proofs.delete(this.proofs.keys().next().value!);
      this.proofs.set(key, proof);
    }
    return { ...proof };
  }

  async verify(channel: string): Promise<ChainVerification> {
    const r = await this.net.channel(channel).verify();
    return { channel, ok: r.ok, height: r.height, ...(r.firstBad ? { firstBad: r.firstBad } : {}) };
  }

  height(channel: string): number {
    return this.net.channel(channel).height();
  }

  async close(): Promise<void> {
    for (const d of this.detach) d();
    this.listeners.clear();
    await this.net.close();
  }
}

function mapError(err: unknown): Error {
  const e = err as { name?: string; validationCode?: string; txId?: string; message?: string };
  if (e && e.name === 'TransactionInvalidError') {
    return new LedgerInvalidError(e.validationCode ?? 'INVALID', e.txId ?? '');
  }
  if (e && e.name === 'AccessDeniedError') return new LedgerAccessDeniedError(e.message ?? 'access denied');
  return err instanceof Error ? err : new Error(String(err));
}
