import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Level } from 'level';
import { BLOCKS_DIR, BlockFile } from './block-file';
import { checkLevelFiles } from './level-integrity';
import { replayBlocks } from './replay';
import { ChannelStore, EMPTY_META, INDEX_DIR, StoreInUseError, inUse, openIndexDb, readMeta } from './store';

/** What opening a channel store for writing found and did. */
export interface RecoveryReport {
  channelDir: string;
  /** Why the index was rebuilt from block 0, when it was. */
  rebuilt?: string;
  /** Blocks applied from the block file (all of them after a rebuild). */
  applied: number;
}

export interface OpenStoreOptions {
  /** Rebuild the index from the blocks whatever its state (the operator's `ledger rebuild`). */
  rebuild?: boolean;
  onProgress?: (applied: number, bytesDone: number, bytesTotal: number) => void;
}

/** Tables already checked, by name → "size:mtime" (level-integrity.ts). */
const CHECKED_TABLES = 'index-checked.json';
const WRITER_LOCK = 'writer.lock';

/** Opens a channel store for writing, as Fabric's peer treats its block files as the truth: the
 * LevelDB index is checked (LevelDB's own checksums, and that no batch is missing), rebuilt from
 * the block file when it cannot be trusted or is missing, and caught up with every block the file
 * holds past it. A damaged block refuses the open, naming the block. */
export async function openChannelStore(
  dir: string,
  options: OpenStoreOptions = {},
): Promise<{ store: ChannelStore; report: RecoveryReport }> {
  const location = path.resolve(dir);
  await refuseEarlierLayout(location);
  const lock = await takeWriterLock(location);
  try {
    const report: RecoveryReport = { channelDir: location, applied: 0 };
    const { store, rebuilt } = await trustedIndex(location, options.rebuild === true);
    if (rebuilt) report.rebuilt = rebuilt;
    try {
      report.applied = await replayBlocks(store, options.onProgress);
    } catch (err) {
      await store.close();
      throw err;
    }
    store.onClose(() => lock.close());
    return { store, report };
  } catch (err) {
    await lock.close();
    throw err;
  }
}

/** The index opened, or rebuilt empty when it cannot be trusted (and why). */
async function trustedIndex(location: string, forceRebuild: boolean): Promise<{ store: ChannelStore; rebuilt?: string }> {
  let reason = forceRebuild ? 'asked to rebuild' : undefined;
  // An index about to be rebuilt anyway needs no checking.
  const check = reason ? { tables: {} } : await checkLevelFiles(path.join(location, INDEX_DIR), await readChecked(location));
  reason ??= check.problem;
  if (!reason) {
    const opened = await openExisting(location);
    if (opened instanceof ChannelStore) {
      await writeChecked(location, check.tables);
      return { store: opened };
    }
    reason = opened;
  }
  await fs.rm(path.join(location, INDEX_DIR), { recursive: true, force: true });
  await writeChecked(location, {});
  const db = await openIndexDb(location);
  return { store: new ChannelStore(db, { ...EMPTY_META }, location, await BlockFile.openForAppend(location), true), rebuilt: reason };
}

/** The existing index, or why it cannot be used. */
async function openExisting(location: string): Promise<ChannelStore | string> {
  let db: Level<string, Buffer>;
  try {
    db = await openIndexDb(location);
  } catch (err) {
    if (err instanceof StoreInUseError) throw err;
    return (err as Error).message;
  }
  const store = new ChannelStore(db, await readMeta(db), location, await BlockFile.openForAppend(location), true);
  let problem: string | undefined;
  try {
    problem = await indexProblem(store);
  } catch (err) {
    await store.close();
    throw err;
  }
  if (!problem) return store;
  await store.close();
  return problem;
}

async function indexProblem(store: ChannelStore): Promise<string | undefined> {
  const { height, blockFileEnd } = store.meta;
  if (blockFileEnd > store.blockFile.size) {
    // The index is written after the block file is synced, so this means blocks were lost.
    throw new Error(
      `${store.blockFile.file} holds ${store.blockFile.size} bytes but the ledger's index has applied ${blockFileEnd} (${height} blocks): committed blocks are missing from the block file (restore the channel directory from a backup)`,
    );
  }
  if (height === 0 && store.blockFile.size > 0) return 'the index is missing';
  const records = await store.countBlockRecords();
  if (records !== height) return `the index holds ${records} block records but says ${height} blocks are applied (LevelDB lost a write)`;
  return undefined;
}

/** One writer per channel store, across processes: an empty LevelDB whose lock file LevelDB holds
 * (fcntl) while open, so that no process checks or rebuilds an index another one is writing. */
async function takeWriterLock(location: string): Promise<Level<string, Buffer>> {
  const at = path.join(location, BLOCKS_DIR, WRITER_LOCK);
  await fs.mkdir(at, { recursive: true });
  const lock = new Level<string, Buffer>(at, { valueEncoding: 'buffer' });
  try {
    await lock.open();
  } catch (err) {
    throw inUse(location, err) ?? err;
  }
  return lock;
}

/** Ledgers written before the block file became the commit point kept their LevelDB directly in
 * the channel directory. */
async function refuseEarlierLayout(location: string): Promise<void> {
  const entries = await fs.readdir(location).catch(() => [] as string[]);
  if (entries.includes('CURRENT') && !entries.includes(BLOCKS_DIR)) {
    throw new Error(
      `the ledger store ${location} was written by an earlier version of CargoTrace, which kept blocks inside LevelDB; migrate it with \`cargotrace-gateway ledger migrate\` (or start from an empty data directory)`,
    );
  }
}

async function readChecked(location: string): Promise<Record<string, string>> {
  try {
    return JSON.parse(await fs.readFile(path.join(location, CHECKED_TABLES), 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

async function writeChecked(location: string, tables: Record<string, string>): Promise<void> {
  await fs.writeFile(path.join(location, CHECKED_TABLES), JSON.stringify(tables));
}
