import { openChannelStore, type RecoveryReport } from './recovery';
import type { VerifyResult } from './types';
import { verifyChain } from './verify';

/** What an operator's check or rebuild of one channel store found. */
export interface ChannelCheck {
  recovery: RecoveryReport;
  verify: VerifyResult;
}

export interface OperatorOptions {
  onReplay?: (bytesDone: number, bytesTotal: number) => void;
  onVerify?: (done: number, total: number) => void;
}

/** Opens a channel store as the ledger does (so the index is checked, and caught up with or rebuilt
 * from the blocks when it must be), then verifies it. The store must not be open elsewhere. */
export function checkChannel(channelDir: string, options: OperatorOptions = {}): Promise<ChannelCheck> {
  return run(channelDir, false, options);
}

/** Rebuilds a channel's index (state, history, indexes) from its block file, as Fabric's
 * `peer node rebuild-dbs`, then verifies it. */
export function rebuildChannel(channelDir: string, options: OperatorOptions = {}): Promise<ChannelCheck> {
  return run(channelDir, true, options);
}

async function run(channelDir: string, rebuild: boolean, options: OperatorOptions): Promise<ChannelCheck> {
  const { store, report } = await openChannelStore(channelDir, {
    rebuild,
    ...(options.onReplay ? { onProgress: (_n: number, done: number, total: number) => options.onReplay?.(done, total) } : {}),
  });
  try {
    return { recovery: report, verify: await verifyChain(store, options.onVerify) };
  } finally {
    await store.close();
  }
}
