import * as path from 'node:path';
import { channelMembers } from '../config/membership';
import type { NetworkConfig } from '../config/types';
import type { Identity } from '../identity/types';
import { DevWallet } from '../identity/wallet';
import { loadChaincode } from './chaincode-host';
import { EmbeddedChannel } from './channel';
import { EndorserThread } from './endorser-thread';
import { openChannelStore, type RecoveryReport } from './recovery';
import { DEFAULT_BLOCK_CUTTING, type BlockCutting } from './types';

export interface EmbeddedNetworkOptions {
  dataDir: string;
  config: NetworkConfig;
  /** Directory of the chaincode package (its package.json "main" exports `contracts`). */
  chaincodeDir: string;
  blockCutting?: Partial<BlockCutting>;
  /** Where submitted proposals are simulated: 'thread' (default), the process's endorsing thread,
   * so that simulation and commit run on separate cores; 'in-process', this thread. Queries are
   * always simulated on this thread. */
  endorsement?: 'thread' | 'in-process';
  /** Told what opening each channel's store found and did (a rebuild, blocks caught up). */
  onRecovery?: (report: RecoveryReport & { channel: string }) => void;
  /** Progress of a long catch-up or rebuild. */
  onReplayProgress?: (channel: string, bytesDone: number, bytesTotal: number) => void;
}

/** The whole embedded Fabric network in-process: the dev CA's wallet, one chaincode (shared by all
 * channels, as one chaincode process serves every channel of a peer) and one ledger per channel. */
export class EmbeddedNetwork {
  private constructor(
    private readonly wallet: DevWallet,
    private readonly channels: Map<string, EmbeddedChannel>,
  ) {}

  static async open(opts: EmbeddedNetworkOptions): Promise<EmbeddedNetwork> {
    const cutting: BlockCutting = { ...DEFAULT_BLOCK_CUTTING, ...opts.blockCutting };
    const wallet = await DevWallet.open(opts.dataDir, opts.config);
    const chaincodeDir = path.resolve(opts.chaincodeDir);
    const chaincode = await loadChaincode(chaincodeDir);
    const endorser = (opts.endorsement ?? 'thread') === 'thread' ? EndorserThread.shared() : undefined;
    const caCerts = wallet.caCertificates();
    const channels = new Map<string, EmbeddedChannel>();
    try {
      for (const c of opts.config.channels) {
        const { store, report } = await openChannelStore(path.join(opts.dataDir, 'ledgers', c.name), {
          onProgress: (_applied, done, total) => opts.onReplayProgress?.(c.name, done, total),
        });
        if (report.rebuilt !== undefined || report.applied > 0) opts.onRecovery?.({ ...report, channel: c.name });
        try {
          channels.set(
            c.name,
            await EmbeddedChannel.open({
              name: c.name,
              store,
              chaincode,
              chaincodeDir,
              ...(endorser ? { endorser } : {}),
              members: channelMembers(opts.config, c.name),
              caCerts,
              blockCutting: cutting,
            }),
          );
        } catch (err) {
          await store.close();
          throw err;
        }
      }
    } catch (err) {
      await Promise.all([...channels.values()].map((ch) => ch.close()));
      throw err;
    }
    return new EmbeddedNetwork(wallet, channels);
  }

  identity(userId: string): Identity {
    return this.wallet.identity(userId);
  }

  channel(name: string): EmbeddedChannel {
    const ch = this.channels.get(name);
    if (!ch) throw new Error(`unknown channel ${name}`);
    return ch;
  }

  channelNames(): string[] {
    return [...this.channels.keys()];
  }

  async close(): Promise<void> {
    await Promise.all([...this.channels.values()].map((ch) => ch.close()));
  }
}
