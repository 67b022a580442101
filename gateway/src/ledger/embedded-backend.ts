import * as path from 'node:path';
import {
  AccessDeniedError,
  EmbeddedNetwork,
  TransactionInvalidError,
  bootstrapRegistry,
  type ChaincodeEventMessage,
  type NetworkConfig,
} from '@cargotrace/network';
import { ChaincodeEventListeners } from './block-listener';
import type { CommittedBlockHandler } from './committed-blocks';
import { embeddedBlockFeed } from './embedded-block-feed';
import {
  LedgerAccessDeniedError,
  LedgerInvalidError,
  type ChainVerification,
  type LedgerBackend,
  type LedgerChaincodeEvent,
  type SubmitOutcome,
  type TransactionProof,
} from './ledger-backend';
import { retryOnMvccConflict } from './mvcc-retry';
import { TxLocations, proofOf } from './proofs';

const MAX_ATTEMPTS = 5;

/**
 * True when the embedded ledger can be opened here: the chaincode package it runs is installed
 * (the network package itself is a declared dependency of the gateway).
 *
 * @example
 * ```ts
 * import { EmbeddedBackend, embeddedLedgerAvailable } from '@cargotrace/gateway';
 * if (embeddedLedgerAvailable()) backend = await EmbeddedBackend.open('.data', config);
 * ```
 */
export function embeddedLedgerAvailable(): boolean {
  try {
    require.resolve('@cargotrace/chaincode/package.json');
    return true;
  } catch {
    return false;
  }
}

/**
 * The ledger backend over the in-process embedded Fabric-compatible network
 * (`@cargotrace/network`): same chaincode, identities, endorsement and validation rules as a
 * Fabric peer, no containers.
 *
 * @example
 * ```ts
 * import { loadNetworkConfig } from '@cargotrace/network';
 * import { EmbeddedBackend } from '@cargotrace/gateway';
 *
 * const config = loadNetworkConfig();
 * const backend = await EmbeddedBackend.open('.data', config);
 * const answer = await backend.evaluate('shanghai', 'gateway-service', 'custody:getEvent', ['evt-1']);
 * await backend.close();
 * ```
 */
export class EmbeddedBackend implements LedgerBackend {
  readonly kind = 'embedded' as const;
  private readonly listeners = new ChaincodeEventListeners();
  private readonly detach: (() => void)[] = [];
  private readonly locations = new TxLocations();

  private constructor(
    private readonly net: EmbeddedNetwork,
    channels: string[],
  ) {
    for (const name of channels) {
      const ch = net.channel(name);
      const handler = (e: ChaincodeEventMessage) => this.listeners.deliver(chaincodeEventOf(e));
      ch.on('chaincodeEvent', handler);
      this.detach.push(() => ch.off('chaincodeEvent', handler));
    }
  }

  /** Opens (or creates) the embedded ledger in `dataDir` and fills each channel's registry once. */
  static async open(dataDir: string, config: NetworkConfig): Promise<EmbeddedBackend> {
    const chaincodeDir = path.dirname(require.resolve('@cargotrace/chaincode/package.json'));
    const net = await EmbeddedNetwork.open({
      dataDir,
      config,
      chaincodeDir,
      // An operator wants to know when the index was behind or had to be rebuilt from the blocks.
      onRecovery: (r) =>
        console.error(
          r.rebuilt !== undefined
            ? `ledger ${r.channel}: index rebuilt from ${r.applied} blocks (${r.rebuilt})`
            : `ledger ${r.channel}: index caught up by ${r.applied} blocks from the block file`,
        ),
    });
    const backend = new EmbeddedBackend(
      net,
      config.channels.map((c) => c.name),
    );
    await bootstrapRegistry(backend, config);
    return backend;
  }

  async submit(channel: string, userId: string, fcn: string, args: string[]): Promise<SubmitOutcome> {
    const identity = this.net.identity(userId);
    return retryOnMvccConflict(
      async () => {
        try {
          const r = await this.net.channel(channel).submit(identity, fcn, args);
          return { txId: r.txId, blockNumber: r.blockNumber, payload: r.payload.toString('utf8') };
        } catch (err) {
          throw mapError(err);
        }
      },
      { maxAttempts: MAX_ATTEMPTS, backoffMs: (attempt) => 5 * attempt },
    );
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
    return this.listeners.add(listener);
  }

  async transactionProof(channel: string, txId: string): Promise<TransactionProof | undefined> {
    const known = this.locations.get(channel, txId);
    if (known) return proofOf(channel, txId, known);
    const loc = await this.net.channel(channel).getTransactionLocation(txId);
    if (!loc) return undefined;
    if (loc.blockHash) this.locations.remember(channel, txId, loc);
    return proofOf(channel, txId, loc);
  }

  async verify(channel: string): Promise<ChainVerification> {
    const r = await this.net.channel(channel).verify();
    return { channel, ok: r.ok, height: r.height, ...(r.firstBad ? { firstBad: r.firstBad } : {}) };
  }

  height(channel: string): number {
    return this.net.channel(channel).height();
  }

  committedBlocks(channel: string, from: number, onBlock: CommittedBlockHandler, onError: (err: Error) => void): () => void {
    return embeddedBlockFeed(this.net.channel(channel), channel, from, onBlock, onError);
  }

  async blockHash(channel: string, n: number): Promise<string | undefined> {
    const ch = this.net.channel(channel);
    if (n < 0 || n >= ch.height()) return undefined;
    return (await ch.getBlock(n)).hash;
  }

  async close(): Promise<void> {
    for (const d of this.detach) d();
    this.listeners.clear();
    await this.net.close();
  }
}

function chaincodeEventOf(e: ChaincodeEventMessage): LedgerChaincodeEvent {
  return {
    channel: e.channel,
    blockNumber: e.blockNumber,
    txId: e.txId,
    eventName: e.eventName,
    payload: e.payload.toString('utf8'),
    blockHash: e.blockHash,
  };
}

/** The embedded network's errors onto the backend's error contract; a chaincode error (an
 * EndorsementError carrying the chaincode's JSON message) passes through unchanged. */
function mapError(err: unknown): Error {
  if (err instanceof TransactionInvalidError) return new LedgerInvalidError(err.validationCode, err.txId);
  if (err instanceof AccessDeniedError) return new LedgerAccessDeniedError(err.message);
  return err instanceof Error ? err : new Error(String(err));
}
