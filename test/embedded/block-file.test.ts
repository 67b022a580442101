import { expect } from 'chai';
import { Level } from 'level';
import { createHash } from 'node:crypto';
import { appendFile, cp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import {
  BlockFile,
  BlockFileDamagedError,
  EmbeddedNetwork,
  INDEX_DIR,
  migrateEarlierLayout,
  rebuildChannel,
  type RecoveryReport,
  type SubmitResult,
} from '@cargotrace/network';
import { DISTRICT, FIXTURE_CHAINCODE, demoConfig, openNetwork, rejectionAs, rejectionOf, removeDir, tempDir } from './helpers';
import { defined } from '../support/defined';

/** The block file is the ledger's truth; the LevelDB index is derived from it, checked on open,
 * caught up with it and rebuilt from it. */
describe('embedded ledger: blocks are the commit point', function () {
  this.timeout(60_000);
  let dir: string;
  let net: EmbeddedNetwork | undefined;
  let reports: RecoveryReport[];
  const storeDir = () => path.join(dir, 'ledgers', DISTRICT);
  const indexDir = () => path.join(storeDir(), INDEX_DIR);
  const blockFile = () => BlockFile.pathIn(storeDir());

  beforeEach(async () => {
    dir = await tempDir('blockfile');
    reports = [];
  });
  afterEach(async () => {
    await net?.close();
    net = undefined;
    await removeDir(dir);
  });

  async function open(): Promise<EmbeddedNetwork> {
    net = await EmbeddedNetwork.open({
      dataDir: dir,
      config: demoConfig(),
      chaincodeDir: FIXTURE_CHAINCODE,
      onRecovery: (r) => {
        if (r.channel === DISTRICT) reports.push(r);
      },
    });
    return net;
  }

  async function close(): Promise<void> {
    await net?.close();
    net = undefined;
  }

  /** Commits one block per value (key = value) and closes the network. */
  async function ledgerWithBlocks(values: string[]): Promise<SubmitResult[]> {
    const n = await open();
    const results: SubmitResult[] = [];
    for (const v of values) results.push(await n.channel(DISTRICT).submit(n.identity('shanghai-officer'), 'counter:put', [v, v]));
    await close();
    return results;
  }

  /** After reopening: every committed transaction is there and valid, every value reads back, the
   * chain and the state verify. */
  async function expectIntact(results: SubmitResult[], values: string[]): Promise<void> {
    const n = net ?? (await open());
    const ch = n.channel(DISTRICT);
    for (const r of results) expect((await ch.getTransactionLocation(r.txId))?.validationCode, r.txId).to.equal('VALID');
    for (const v of values) expect((await ch.evaluate(n.identity('shanghai-officer'), 'counter:get', [v])).toString()).to.equal(v);
    expect(await ch.verify()).to.deep.equal({ ok: true, height: values.length + 1 });
  }

  async function flipByte(file: string, at: (bytes: Buffer) => number): Promise<void> {
    const bytes = await readFile(file);
    const i = at(bytes);
    expect(i, `a byte to flip in ${file}`).to.be.within(0, bytes.length - 1);
    bytes[i] ^= 0x01;
    await writeFile(file, bytes);
  }

  async function indexFiles(pattern: RegExp): Promise<string[]> {
    return (await readdir(indexDir())).filter((f) => pattern.test(f)).map((f) => path.join(indexDir(), f));
  }

  it('cuts a torn frame off the end (a block whose write never finished) and keeps every committed one', async () => {
    const values = ['a', 'b', 'c'];
    const results = await ledgerWithBlocks(values);
    const committed = (await stat(blockFile())).size;
    // The first bytes of a frame whose body never reached the disk.
    const head = (await readFile(blockFile())).subarray(0, 16);
    await appendFile(blockFile(), Buffer.concat([head, Buffer.alloc(100, 0x5a)]));
    await open();
    expect((await stat(blockFile())).size).to.equal(committed);
    expect(reports).to.deep.equal([]);
    await expectIntact(results, values);
  });

  it('an index left behind (blocks committed after it was saved) catches up from the blocks', async () => {
    const early = await ledgerWithBlocks(['a', 'b']);
    const saved = path.join(dir, 'saved-index');
    await cp(indexDir(), saved, { recursive: true });
    await open();
    const later = [];
    for (const v of ['c', 'd', 'e'])
      later.push(await defined(net).channel(DISTRICT).submit(defined(net).identity('shanghai-officer'), 'counter:put', [v, v]));
    await close();
    await rm(indexDir(), { recursive: true });
    await cp(saved, indexDir(), { recursive: true });
    await open();
    expect(reports).to.have.length(1);
    expect(reports[0].rebuilt).to.equal(undefined);
    expect(reports[0].applied).to.equal(3);
    await expectIntact([...early, ...later], ['a', 'b', 'c', 'd', 'e']);
  });

  for (const [kind, damage] of [
    ['deleted', async () => rm(indexDir(), { recursive: true })],
    ['CURRENT', async () => writeFile(path.join(indexDir(), 'CURRENT'), 'MANIFEST-999999\n')],
    ['MANIFEST', async () => flipByte((await indexFiles(/^MANIFEST-/))[0], (b) => Math.min(20, b.length - 1))],
    ['table', async () => flipByte((await indexFiles(/\.ldb$/))[0], (b) => Math.floor(b.length / 3))],
  ] as const) {
    it(`an index whose ${kind === 'deleted' ? 'directory is deleted' : `${kind} file is damaged`} is rebuilt from the blocks, nothing committed lost`, async () => {
      const values = ['a', 'b', 'c', 'd'];
      const results = await ledgerWithBlocks(values);
      await damage();
      await open();
      expect(reports).to.have.length(1);
      expect(reports[0].rebuilt).to.be.a('string');
      expect(reports[0].applied).to.equal(values.length + 1);
      await expectIntact(results, values);
    });
  }

  it('an index whose write-ahead log is damaged (LevelDB would drop the record silently) is rebuilt, nothing committed lost', async () => {
    const values = ['a', 'b', 'c', 'd', 'e'];
    await open();
    const results: SubmitResult[] = [];
    for (const v of values)
      results.push(await defined(net).channel(DISTRICT).submit(defined(net).identity('shanghai-officer'), 'counter:put', [v, v]));
    // A copy of the index while it runs: its log holds the last blocks' batches (a crash leaves the same).
    const crashed = path.join(dir, 'crashed-index');
    await cp(indexDir(), crashed, { recursive: true });
    await close();
    await rm(indexDir(), { recursive: true });
    await cp(crashed, indexDir(), { recursive: true });
    const logs = [];
    for (const f of await indexFiles(/\.log$/)) if ((await stat(f)).size > 0) logs.push(f);
    expect(logs, 'a non-empty LevelDB log').to.have.length.above(0);
    await flipByte(logs[0], (b) => b.indexOf('"c"'));
    await open();
    expect(reports[0]?.rebuilt).to.match(/checksum mismatch/);
    await expectIntact(results, values);
  });

  it('an index that lost a batch in the middle (a block record missing) is rebuilt', async () => {
    const values = ['a', 'b', 'c'];
    const results = await ledgerWithBlocks(values);
    const db = new Level<string, Buffer>(indexDir(), { keyEncoding: 'utf8', valueEncoding: 'buffer' });
    await db.del('b!000000000002');
    await db.close();
    await open();
    expect(reports[0]?.rebuilt).to.match(/block records/);
    await expectIntact(results, values);
  });

  it('a damaged block in the file is refused naming the block, and the file is left as it was', async () => {
    await ledgerWithBlocks(['a']);
    const saved = path.join(dir, 'saved-index');
    await cp(indexDir(), saved, { recursive: true });
    const results = await ledgerWithBlocks(['bbbb', 'cccc']);
    await rm(indexDir(), { recursive: true });
    await cp(saved, indexDir(), { recursive: true });
    // Block 2's frame lies beyond what the saved index applied: the open must replay it.
    await flipByte(blockFile(), (b) => b.indexOf('"txId":"' + results[0].txId));
    const size = (await stat(blockFile())).size;
    const err = await rejectionAs(open(), BlockFileDamagedError);
    expect(err.blockNumber).to.equal(results[0].blockNumber);
    expect(err.message).to.match(/block 2 of .* is damaged/);
    expect((await stat(blockFile())).size).to.equal(size);
  });

  it('a block file shorter than the index says is refused, not cut or appended to', async () => {
    await ledgerWithBlocks(['a', 'b']);
    const size = (await stat(blockFile())).size;
    await truncate(blockFile(), size - 10);
    const err = await rejectionOf(open());
    expect(err.message).to.match(/committed blocks are missing/);
    expect((await stat(blockFile())).size).to.equal(size - 10);
  });

  it('a store another process holds is refused with that reason', async () => {
    await ledgerWithBlocks(['a']);
    // Opened without multithreading, LevelDB takes the directory's lock like another process would.
    const holder = new Level(indexDir());
    await holder.open();
    try {
      const err = await rejectionOf(openNetwork(dir));
      expect(err.message).to.match(/ledger store .* is in use by another process/);
    } finally {
      await holder.close();
    }
  });

  it('verify finds state altered in the index (the state hash), and a rebuild from the blocks restores it', async () => {
    const values = ['a', 'b', 'c'];
    const results = await ledgerWithBlocks(values);
    const db = new Level<string, Buffer>(indexDir(), { keyEncoding: 'utf8', valueEncoding: 'buffer' });
    const raw = await db.get('s!b');
    const altered = Buffer.from(raw);
    altered[altered.length - 1] = 'z'.charCodeAt(0);
    await db.put('s!b', altered);
    await db.close();
    const n = await open();
    const bad = await n.channel(DISTRICT).verify();
    expect(bad.ok).to.equal(false);
    expect(bad.firstBad?.reason).to.match(/state differs from the state hash/);
    await close();

    const rebuilt = await rebuildChannel(storeDir());
    expect(rebuilt.recovery.rebuilt).to.equal('asked to rebuild');
    expect(rebuilt.verify).to.deep.equal({ ok: true, height: values.length + 1 });
    await expectIntact(results, values);
  });

  it('verify under concurrent writes checks one consistent height and never reports a healthy chain as damaged', async () => {
    const n = await open();
    const ch = n.channel(DISTRICT);
    const id = n.identity('shanghai-officer');
    let writing = true;
    const writers = [0, 1, 2].map(async (w) => {
      for (let i = 0; writing; i++) await ch.submit(id, 'counter:put', [`w${w}-${i}`, 'x'.repeat(100)]);
    });
    const results = [];
    const start = ch.height();
    while (results.length < 30 || ch.height() < start + 10) results.push(await ch.verify());
    writing = false;
    await Promise.all(writers);
    expect(results.filter((r) => !r.ok)).to.deep.equal([]);
    expect(results[results.length - 1].height).to.be.above(results[0].height);
  });

  /** Rewrites the channel store the way the earlier layout kept it: block records and record
   * pointers (or, earlier still, the records themselves) in a LevelDB in the channel directory, the
   * records back to back in a block file beside it, headers of three fields. */
  async function toEarlierLayout(inline: boolean): Promise<string[]> {
    const file = await BlockFile.openForAppend(storeDir());
    const frames = [];
    for (let at = 0; ;) {
      const f = await file.readFrame(at);
      if (f.kind !== 'frame') break;
      frames.push(f);
      at = f.end;
    }
    await file.close();
    await rm(path.join(storeDir(), 'chains'), { recursive: true });
    await rm(indexDir(), { recursive: true });
    const db = new Level<string, Buffer>(storeDir(), { keyEncoding: 'utf8', valueEncoding: 'buffer' });
    const records: Buffer[] = [];
    const hashes: string[] = [];
    let previousHash = '';
    for (const f of frames) {
      const header = { number: f.record.number, previousHash, dataHash: f.record.dataHash };
      const record = { ...header, hash: headerHash(header), txIds: f.record.txIds, txHashes: f.record.txHashes };
      await db.put(`b!${f.record.number.toString(16).padStart(12, '0')}`, Buffer.from(JSON.stringify(record)));
      for (const [i, t] of f.txs.entries()) {
        const pos = `t!${f.record.number.toString(16).padStart(12, '0')}${i.toString(16).padStart(8, '0')}`;
        const offset = records.reduce((n, r) => n + r.length, 0);
        const pointer = Buffer.alloc(11);
        pointer[0] = 1;
        pointer.writeUIntBE(offset, 1, 6);
        pointer.writeUInt32BE(t.raw.length, 7);
        await db.put(pos, inline ? t.raw : pointer);
        records.push(t.raw);
      }
      previousHash = record.hash;
      hashes.push(record.hash);
    }
    await db.put('m!meta', Buffer.from(JSON.stringify({ height: frames.length, lastHash: previousHash })));
    await db.close();
    if (!inline) await writeFile(path.join(storeDir(), 'blockfile_000000'), Buffer.concat(records));
    return hashes;
  }

  for (const inline of [false, true]) {
    it(`refuses a store of the earlier layout (${inline ? 'records inline' : 'records in a block file'}), and migrates it keeping every block hash`, async () => {
      const values = ['a', 'b', 'c'];
      const results = await ledgerWithBlocks(values);
      const hashes = await toEarlierLayout(inline);
      expect((await rejectionOf(open())).message).to.match(/earlier version of CargoTrace.*ledger migrate/);

      const migrated = await migrateEarlierLayout(storeDir());
      expect(migrated?.blocks).to.equal(values.length + 1);
      expect(await migrateEarlierLayout(storeDir()), 'a second run').to.equal(undefined);
      const n = await open();
      const ch = n.channel(DISTRICT);
      for (const [i, h] of hashes.entries()) expect((await ch.getBlock(i)).hash).to.equal(h);
      await expectIntact(results, values);
      // New blocks chain on, and carry the state hash that verify then checks.
      await ch.submit(n.identity('shanghai-officer'), 'counter:put', ['d', 'd']);
      expect((await ch.getBlock(values.length + 1)).header.previousHash).to.equal(hashes[hashes.length - 1]);
      expect(await ch.verify()).to.deep.equal({ ok: true, height: values.length + 2 });
    });
  }
});

/** The earlier header hash: sha256 of the JSON array [number, previousHash, dataHash]. */
function headerHash(h: { number: number; previousHash: string; dataHash: string }): string {
  return createHash('sha256')
    .update(JSON.stringify([h.number, h.previousHash, h.dataHash]))
    .digest('hex');
}
