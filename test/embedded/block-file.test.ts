import { expect } from 'chai';
import { Level } from 'level';
import { appendFile, readFile, rm, stat, truncate } from 'node:fs/promises';
import * as path from 'node:path';
import { BLOCK_FILE_NAME, BlockFile, type EmbeddedNetwork } from '@cargotrace/network';
import { DISTRICT, openNetwork, rejectionOf, removeDir, tempDir } from './helpers';

/** Transaction records live in an append-only block file beside the channel's LevelDB. */
describe('embedded ledger: the block file', () => {
  let dir: string;
  let net: EmbeddedNetwork | undefined;
  const storeDir = () => path.join(dir, 'ledgers', DISTRICT);
  const blockFile = () => path.join(storeDir(), BLOCK_FILE_NAME);

  beforeEach(async () => {
    dir = await tempDir('blockfile');
  });
  afterEach(async () => {
    await net?.close();
    net = undefined;
    await removeDir(dir);
  });

  async function ledgerWithBlocks(values: string[]): Promise<void> {
    net = await openNetwork(dir);
    const ch = net.channel(DISTRICT);
    for (const v of values) await ch.submit(net.identity('shanghai-officer'), 'counter:put', [v, v]);
    await net.close();
    net = undefined;
  }

  it('holds the records and nothing past what the ledger committed; an uncommitted tail is cut off on reopen', async () => {
    await ledgerWithBlocks(['a', 'b', 'c']);
    const committed = (await stat(blockFile())).size;
    expect(committed).to.be.above(0);
    // What a crash between the block-file append and the LevelDB commit leaves behind.
    await appendFile(blockFile(), Buffer.alloc(777, 0x5a));

    net = await openNetwork(dir);
    expect((await stat(blockFile())).size).to.equal(committed);
    const ch = net.channel(DISTRICT);
    expect(await ch.verify()).to.deep.equal({ ok: true, height: 4 });
    const r = await ch.submit(net.identity('shanghai-officer'), 'counter:put', ['d', 'd']);
    expect((await ch.getBlock(r.blockNumber)).transactions[0].txId).to.equal(r.txId);
    expect(await ch.verify()).to.deep.equal({ ok: true, height: 5 });
  });

  it('appends more records than one vectored write takes (1,024) and reads each back where it was put', async () => {
    const file = await BlockFile.openForAppend(dir, 0);
    try {
      const records = Array.from({ length: 1500 }, (_, i) => Buffer.from(`record ${i} `.repeat(1 + (i % 7))));
      const offsets = await file.append(records);
      expect(file.size).to.equal(records.reduce((n, r) => n + r.length, 0));
      for (const i of [0, 1, 1023, 1024, 1025, 1499])
        expect((await file.read(offsets[i], records[i].length))?.toString()).to.equal(records[i].toString());
      expect(await file.read(file.size - 2, 10)).to.equal(undefined);
    } finally {
      await file.close();
    }
  });

  it('a store another process holds is refused with that reason', async () => {
    await ledgerWithBlocks(['a']);
    // Opened without multithreading, LevelDB takes the directory's lock like another process would.
    const holder = new Level(storeDir());
    await holder.open();
    try {
      const err = await rejectionOf(openNetwork(dir));
      expect(err.message).to.match(/ledger store .* is in use by another process/);
    } finally {
      await holder.close();
    }
  });

  it('a block file shorter than the ledger says is refused with the reason, not appended to', async () => {
    await ledgerWithBlocks(['a', 'b']);
    const size = (await stat(blockFile())).size;
    await truncate(blockFile(), size - 10);
    const err = await rejectionOf(openNetwork(dir));
    expect(err.message).to.match(/transaction records are missing/);
    expect((await stat(blockFile())).size).to.equal(size - 10);
  });

  it('reads and verifies ledgers written before the block file (records inside LevelDB), and appends new blocks to a new file', async () => {
    await ledgerWithBlocks(['a', 'b']);
    // Rewrite the ledger the way the earlier format stored it: each record inline under t!.
    const file = await readFile(blockFile());
    const db = new Level<string, Buffer>(storeDir(), { keyEncoding: 'utf8', valueEncoding: 'buffer' });
    let moved = 0;
    for await (const [key, value] of db.iterator({ gte: 't!', lt: 't"' })) {
      const offset = value.readUIntBE(1, 6);
      await db.put(key, file.subarray(offset, offset + value.readUInt32BE(7)));
      moved++;
    }
    const meta = JSON.parse((await db.get('m!meta')).toString('utf8')) as Record<string, unknown>;
    delete meta.blockFileEnd;
    await db.put('m!meta', Buffer.from(JSON.stringify(meta)));
    await db.close();
    await rm(blockFile());
    expect(moved).to.equal(3);

    net = await openNetwork(dir);
    const ch = net.channel(DISTRICT);
    expect(await ch.verify()).to.deep.equal({ ok: true, height: 3 });
    expect((await ch.getBlock(2)).transactions[0].args).to.deep.equal(['b', 'b']);
    await ch.submit(net.identity('shanghai-officer'), 'counter:put', ['c', 'c']);
    expect(await ch.verify()).to.deep.equal({ ok: true, height: 4 });
    expect((await stat(blockFile())).size).to.be.above(0);
    expect((await ch.evaluate(net.identity('shanghai-officer'), 'counter:get', ['a'])).toString()).to.equal('a');
  });
});
