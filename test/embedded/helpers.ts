import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EmbeddedNetwork, loadNetworkConfig, type BlockCutting, type NetworkConfig } from '@cargotrace/network';

// fabric-shim logs every failed transaction at error level; the fidelity tests fail many on
// purpose. 'CRITICAL' maps to a level winston never emits. Must be set before the chaincode loads.
process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'CRITICAL';

/** Source directory of the fixture package (tsc does not copy plain JS into build/). */
export const FIXTURE_CHAINCODE = path.resolve(__dirname, '../../../test/fixtures/fidelity-chaincode');

export const DISTRICT = 'district-2200';

export function demoConfig(): NetworkConfig {
  return loadNetworkConfig();
}

export async function tempDir(tag: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `cargotrace-${tag}-`));
}

export async function removeDir(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}

export function openNetwork(
  dataDir: string,
  blockCutting?: Partial<BlockCutting>,
  config: NetworkConfig = demoConfig(),
  endorsement: 'thread' | 'in-process' = 'thread',
): Promise<EmbeddedNetwork> {
  return EmbeddedNetwork.open({ dataDir, config, chaincodeDir: FIXTURE_CHAINCODE, endorsement, ...(blockCutting ? { blockCutting } : {}) });
}

export const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Resolves to the rejection of `p` (fails the test when `p` resolves). */
/** The rejection of `p`, which must be an instance of `type`. */
export async function rejectionAs<E extends Error>(p: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  const err = await rejectionOf(p);
  if (!(err instanceof type)) throw new Error(`expected a ${type.name}, got ${String(err)}`);
  return err;
}

export async function rejectionOf(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

/** Waits until the channel's orderer holds `count` endorsed transactions. */
export async function untilPending(channel: { pendingTransactions(): number }, count: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (channel.pendingTransactions() < count) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} pending transaction(s)`);
    await delay(1);
  }
}
