import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Level } from 'level';
import { BLOCKS_DIR, BLOCK_FILE_NAME, BlockFile } from './block-file';
import { encodeFrame } from './block-frame';
import { META_KEY, P_BLOCK, P_TX, blockNumKey, decodeTxPointer, txPosKey } from './codec';
import type { BlockRecord } from './record';

/** Where the earlier layout's files go once their blocks are in the block file: kept, not deleted,
 * until the operator has checked the migrated channel. */
export const EARLIER_LAYOUT_DIR = 'before-migration';

export interface MigrationReport {
  channelDir: string;
  blocks: number;
}

/** Moves a channel store of the earlier layout (LevelDB in the channel directory holding the block
 * records, the transaction records beside it or inline) to the current one: every block, with its
 * header and records byte for byte (so every block hash and every proof stays what it was), into a
 * frame of the block file. The next open builds the index from the frames. Undefined when the store
 * is not in the earlier layout. */
export async function migrateEarlierLayout(
  channelDir: string,
  onProgress?: (done: number, total: number) => void,
): Promise<MigrationReport | undefined> {
  const location = path.resolve(channelDir);
  const entries = await fs.readdir(location).catch(() => [] as string[]);
  if (!entries.includes('CURRENT') || entries.includes(BLOCKS_DIR)) return undefined;
  const staging = path.join(location, `${BLOCKS_DIR}.migrating`);
  await fs.rm(staging, { recursive: true, force: true });
  const db = new Level<string, Buffer>(location, { keyEncoding: 'utf8', valueEncoding: 'buffer' });
  await db.open();
  let blocks: number;
  try {
    blocks = await copyBlocks(db, location, staging, onProgress);
  } finally {
    await db.close();
  }
  const kept = path.join(location, EARLIER_LAYOUT_DIR);
  await fs.mkdir(kept, { recursive: true });
  // Read again: opening LevelDB replaced its log.
  for (const name of await fs.readdir(location)) {
    if (name !== EARLIER_LAYOUT_DIR && name !== path.basename(staging)) await fs.rename(path.join(location, name), path.join(kept, name));
  }
  await fs.rename(staging, path.join(location, BLOCKS_DIR));
  return { channelDir: location, blocks };
}

async function copyBlocks(
  db: Level<string, Buffer>,
  location: string,
  staging: string,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  const meta = JSON.parse((await db.get(META_KEY)).toString('utf8')) as { height: number };
  const oldFile = await BlockFile.openForRead(location, BLOCK_FILE_NAME);
  const target = await BlockFile.openForAppend(staging, BLOCK_FILE_NAME);
  try {
    for (let n = 0; n < meta.height; n++) {
      const rawRecord = (await db.get(P_BLOCK + blockNumKey(n))) as Buffer | undefined;
      if (!rawRecord) throw new Error(`block ${n} is missing from ${location}: it cannot be migrated`);
      const record = JSON.parse(rawRecord.toString('utf8')) as BlockRecord;
      const raws: Buffer[] = [];
      for (let i = 0; i < record.txHashes.length; i++) raws.push(await earlierTxRecord(db, oldFile, n, i));
      await target.appendFrame(encodeFrame(record, raws));
      onProgress?.(n + 1, meta.height);
    }
  } finally {
    await target.close();
    await oldFile?.close();
  }
  return meta.height;
}

async function earlierTxRecord(db: Level<string, Buffer>, oldFile: BlockFile | undefined, n: number, i: number): Promise<Buffer> {
  const raw = (await db.get(P_TX + txPosKey(n, i))) as Buffer | undefined;
  if (!raw) throw new Error(`transaction ${i} of block ${n} is missing: it cannot be migrated`);
  const at = decodeTxPointer(raw);
  if (!at) return raw;
  const record = await oldFile?.read(at.offset, at.length);
  if (!record) throw new Error(`transaction ${i} of block ${n} is missing from the earlier block file: it cannot be migrated`);
  return record;
}
