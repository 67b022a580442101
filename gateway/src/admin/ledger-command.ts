import { SingleBar, Presets } from 'cli-progress';
import * as path from 'node:path';
import { checkChannel, loadNetworkConfig, migrateEarlierLayout, rebuildChannel, type ChannelCheck } from '@cargotrace/network';

export type LedgerAction = 'check' | 'rebuild' | 'migrate';

export interface LedgerCommandOptions {
  dataDir: string;
  configPath?: string;
  /** Where lines go (stdout); progress bars go to stderr when it is a terminal. */
  print?: (line: string) => void;
}

/** The operator's `cargotrace-gateway ledger <action> [channels…]` on the embedded ledger (the
 * gateway must be stopped: the stores take one writer). `check` opens each channel as the gateway
 * does (so a damaged or lagging index is rebuilt or caught up from the blocks) and verifies blocks
 * and state; `rebuild` rebuilds the index from the blocks whatever its state, then verifies;
 * `migrate` moves a store of the earlier layout to the current one, then checks it. Resolves to
 * true when every channel verified. */
export async function runLedgerCommand(action: LedgerAction, channels: string[], options: LedgerCommandOptions): Promise<boolean> {
  const print = options.print ?? ((line: string) => console.log(line));
  const config = loadNetworkConfig(options.configPath);
  const known = config.channels.map((c) => c.name);
  const unknown = channels.filter((c) => !known.includes(c));
  if (unknown.length > 0) throw new Error(`unknown channel(s) ${unknown.join(', ')}; the configuration has ${known.join(', ')}`);
  let allOk = true;
  for (const channel of channels.length > 0 ? channels : known) {
    const dir = path.join(options.dataDir, 'ledgers', channel);
    if (action === 'migrate') {
      const migrated = await withBar(`${channel}: migrating`, (tick) => migrateEarlierLayout(dir, tick));
      print(migrated ? `${channel}: ${migrated.blocks} blocks moved into the block file` : `${channel}: already in the current layout`);
    }
    const result = await withBar(`${channel}: ${action === 'rebuild' ? 'rebuilding' : 'checking'}`, (tick) =>
      (action === 'rebuild' ? rebuildChannel : checkChannel)(dir, { onReplay: tick, onVerify: tick }),
    );
    print(describe(channel, result));
    allOk &&= result.verify.ok;
  }
  return allOk;
}

function describe(channel: string, { recovery, verify }: ChannelCheck): string {
  const did = recovery.rebuilt
    ? `index rebuilt from ${recovery.applied} blocks (${recovery.rebuilt})`
    : recovery.applied > 0
      ? `index caught up by ${recovery.applied} blocks`
      : 'index current';
  const bad = verify.firstBad;
  const verdict =
    verify.ok || !bad
      ? `verified: ${verify.height} blocks and the state`
      : `NOT OK at block ${bad.blockNumber}${bad.txIndex !== undefined ? `, transaction ${bad.txIndex}` : ''}: ${bad.reason}`;
  return `${channel}: ${did}; ${verdict}`;
}

/** A progress bar on stderr while `work` reports (done, total), when stderr is a terminal. */
async function withBar<T>(label: string, work: (tick: (done: number, total: number) => void) => Promise<T>): Promise<T> {
  if (!process.stderr.isTTY) return work(() => undefined);
  const bar = new SingleBar({ format: `${label} [{bar}] {percentage}% | ETA {eta}s`, stream: process.stderr }, Presets.shades_classic);
  const state = { started: false };
  try {
    return await work((done, total) => {
      if (!state.started) bar.start(total, 0);
      state.started = true;
      bar.setTotal(total);
      bar.update(done);
    });
  } finally {
    if (state.started) bar.stop();
  }
}
