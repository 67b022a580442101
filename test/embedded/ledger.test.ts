import { expect } from 'chai';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { BlockFile, INDEX_DIR, type BlockEventMessage, type EmbeddedNetwork } from '@cargotrace/network';
import { DISTRICT, openNetwork, removeDir, tempDir, untilPending } from './helpers';
import { defined } from '../support/defined';

describe('embedded ledger: blocks, durability and verification', () => {
  let dir: string;
  let net: EmbeddedNetwork | undefined;

  beforeEach(async () => {
    dir = await tempDir('ledger');
  });
  afterEach(async () => {
    await net?.close();
    net = undefined;
    await removeDir(dir);
  });

  it('cuts blocks by count and timeout so that concurrent submits share a block; blocks are hash-chained', async () => {
    net = await openNetwork(dir, { maxMessageCount: 3, batchTimeoutMs: 50 });
    const ch = net.channel(DISTRICT);
    const id = net.identity('shanghai-officer');
    const blocks: BlockEventMessage[] = [];
    ch.on('block', (b: BlockEventMessage) => blocks.push(b));
    const results = await Promise.all([0, 1, 2, 3, 4].map((i) => ch.submit(id, 'counter:put', [`b${i}`, 'v'])));
    // Endorsements finish in any order; the orderer's order is what counts.
    const placed = results.map((r) => [r.blockNumber, r.txIndex].join('/')).sort();
    expect(placed).to.deep.equal(['1/0', '1/1', '1/2', '2/0', '2/1']);
    const last = defined(
      results.find((r) => r.blockNumber === 2 && r.txIndex === 1),
      'the transaction at 2/1',
    );
    expect(blocks.map((b) => [b.number, b.txCount])).to.deep.equal([
      [1, 3],
      [2, 2],
    ]);
    expect(ch.height()).to.equal(3);
    const b1 = await ch.getBlock(1);
    const b2 = await ch.getBlock(2);
    expect(b2.header.previousHash).to.equal(b1.hash);
    expect(b1.header.previousHash).to.equal((await ch.getBlock(0)).hash);
    expect(blocks[1].hash).to.equal(b2.hash);
    const loc = await ch.getTransactionLocation(last.txId);
    expect(loc).to.deep.equal({ blockNumber: 2, txIndex: 1, blockHash: b2.hash, validationCode: 'VALID' });
    expect(await ch.getTransactionLocation('f'.repeat(64))).to.equal(undefined);
    const tx = b2.transactions[1];
    const key = `b${results.indexOf(last)}`;
    expect(tx).to.include({ txId: last.txId, fcn: 'counter:put', creatorMspId: 'ShanghaiCustomsMSP', validationCode: 'VALID' });
    expect(tx.args).to.deep.equal([key, 'v']);
    expect(tx.rwset.writes).to.deep.equal([{ key, isDelete: false, value: Buffer.from('v') }]);
    let error: unknown;
    await ch.getBlock(3).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(RangeError);
  });

  it('cuts a block when the pending bytes reach preferredMaxBytes', async () => {
    net = await openNetwork(dir, { preferredMaxBytes: 4000, batchTimeoutMs: 200 });
    const ch = net.channel(DISTRICT);
    const id = net.identity('shanghai-officer');
    const started = Date.now();
    const big = 'x'.repeat(5000);
    const r = await ch.submit(id, 'counter:put', ['big', big]);
    expect(Date.now() - started).to.be.below(200); // cut at once, not on the timeout
    expect((await ch.getBlock(r.blockNumber)).transactions).to.have.length(1);
  });

  it('close flushes pending transactions; reopen keeps height and state without replay', async () => {
    net = await openNetwork(dir, { batchTimeoutMs: 10_000 });
    const id = net.identity('shanghai-officer');
    const pending = net.channel(DISTRICT).submit(id, 'counter:incr', ['persist']);
    await untilPending(net.channel(DISTRICT), 1);
    const closing = net.close();
    const r = await pending;
    await closing;
    expect(r.blockNumber).to.equal(1);
    net = await openNetwork(dir);
    const ch = net.channel(DISTRICT);
    expect(ch.height()).to.equal(2);
    expect((await ch.evaluate(id, 'counter:get', ['persist'])).toString()).to.equal('1');
    expect((await ch.getTransactionLocation(r.txId))?.blockNumber).to.equal(1);
    const again = await ch.submit(id, 'counter:incr', ['persist']);
    expect(again.blockNumber).to.equal(2);
    expect((await ch.getBlock(2)).header.previousHash).to.equal((await ch.getBlock(1)).hash);
    expect(await ch.verify()).to.deep.equal({ ok: true, height: 3 });
  });

  it('close leaves LevelDB nothing to replay on the next open (its write-ahead log is empty)', async () => {
    net = await openNetwork(dir);
    const id = net.identity('shanghai-officer');
    for (let i = 0; i < 5; i++) await net.channel(DISTRICT).submit(id, 'counter:put', [`k${i}`, 'x'.repeat(1000)]);
    await net.close();
    net = undefined;
    const store = path.join(dir, 'ledgers', DISTRICT, INDEX_DIR);
    const logs = (await readdir(store)).filter((f) => f.endsWith('.log'));
    expect(logs).to.not.be.empty;
    for (const log of logs) expect((await stat(path.join(store, log))).size, log).to.equal(0);
    net = await openNetwork(dir);
    expect((await net.channel(DISTRICT).evaluate(id, 'counter:get', ['k4'])).toString()).to.equal('x'.repeat(1000));
  });

  it('verify names the block and transaction whose stored bytes were altered', async () => {
    net = await openNetwork(dir, { maxMessageCount: 2, batchTimeoutMs: 50 });
    const ch = net.channel(DISTRICT);
    const id = net.identity('shanghai-officer');
    await Promise.all([ch.submit(id, 'counter:put', ['t1', 'aaaa']), ch.submit(id, 'counter:put', ['t2', 'bbbb'])]);
    const target = await ch.submit(id, 'counter:put', ['t3', 'cccc']);
    await ch.submit(id, 'counter:put', ['t4', 'dddd']);
    const progress: number[] = [];
    const good = await ch.verify((done) => progress.push(done));
    expect(good.ok).to.equal(true);
    expect(progress[progress.length - 1]).to.equal(good.height);
    await net.close();
    net = undefined;

    // Flip one byte of the stored value inside the target transaction record, in the block file.
    const file = BlockFile.pathIn(path.join(dir, 'ledgers', DISTRICT));
    const bytes = await readFile(file);
    const record = bytes.indexOf(`"txId":"${target.txId}"`);
    expect(record).to.be.at.least(0);
    const at = bytes.indexOf('cccc', record);
    expect(at).to.be.above(record);
    bytes[at] ^= 0x01;
    await writeFile(file, bytes);

    net = await openNetwork(dir);
    const bad = await net.channel(DISTRICT).verify();
    expect(bad.ok).to.equal(false);
    expect(bad.firstBad).to.deep.include({ blockNumber: target.blockNumber, txIndex: target.txIndex, txId: target.txId });
    expect(bad.firstBad?.reason).to.match(/transaction hash/);
  });
});
