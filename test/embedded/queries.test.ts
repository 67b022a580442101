import { expect } from 'chai';
import type { EmbeddedChannel, EmbeddedNetwork, Identity } from '@cargotrace/network';
import { DISTRICT, openNetwork, removeDir, tempDir } from './helpers';

/** What the fidelity chaincode's paginated queries answer. */
interface Page {
  keys: string[];
  bookmark: string;
  fetched: number;
}

describe('embedded ledger: range, composite and paginated queries', () => {
  let dir: string;
  let net: EmbeddedNetwork;
  let ch: EmbeddedChannel;
  let id: Identity;
  const json = async <T>(fcn: string, args: string[]): Promise<T> => JSON.parse((await ch.evaluate(id, fcn, args)).toString('utf8')) as T;

  before(async () => {
    dir = await tempDir('queries');
    net = await openNetwork(dir);
    ch = net.channel(DISTRICT);
    id = net.identity('yangshan-terminal-operator');
    const kv: Record<string, string> = {};
    for (let i = 1; i <= 5; i++) kv[`p${i}`] = `v${i}`;
    await ch.submit(id, 'counter:putMany', [JSON.stringify(kv)]);
    for (const [a, b] of [
      ['c1', 'x'],
      ['c1', 'y'],
      ['c1', 'z'],
      ['c2', 'x'],
    ]) {
      await ch.submit(id, 'counter:putComposite', ['item', JSON.stringify([a, b]), `${a}${b}`]);
    }
  });
  after(async () => {
    // Unset when before() failed.
    await (net as EmbeddedNetwork | undefined)?.close();
    await removeDir(dir);
  });

  it('range queries return keys in order, end exclusive, and skip composite keys when unbounded', async () => {
    expect((await json<{ key: string }[]>('counter:range', ['p2', 'p4'])).map((r) => r.key)).to.deep.equal(['p2', 'p3']);
    const all = (await json<{ key: string }[]>('counter:range', ['', ''])).map((r) => r.key);
    expect(all).to.deep.equal(['p1', 'p2', 'p3', 'p4', 'p5']);
  });

  it("range pagination: bookmark is the next page's first key, fetchedRecordsCount the page length", async () => {
    const p1 = await json<Page>('counter:page', ['p1', 'p9', '2', '']);
    expect(p1).to.deep.equal({ keys: ['p1', 'p2'], bookmark: 'p3', fetched: 2 });
    const p2 = await json<Page>('counter:page', ['p1', 'p9', '2', p1.bookmark]);
    expect(p2).to.deep.equal({ keys: ['p3', 'p4'], bookmark: 'p5', fetched: 2 });
    const p3 = await json<Page>('counter:page', ['p1', 'p9', '2', p2.bookmark]);
    expect(p3).to.deep.equal({ keys: ['p5'], bookmark: '', fetched: 1 });
  });

  it('partial composite key pagination', async () => {
    const p1 = await json<Page>('counter:pagePartial', ['item', 'c1', '2', '']);
    expect(p1.keys).to.deep.equal(['c1/x', 'c1/y']);
    expect(p1.fetched).to.equal(2);
    expect(p1.bookmark).to.not.equal('');
    const p2 = await json<Page>('counter:pagePartial', ['item', 'c1', '2', p1.bookmark]);
    expect(p2).to.deep.equal({ keys: ['c1/z'], bookmark: '', fetched: 1 });
    const everything = await json<Page>('counter:pagePartial', ['item', '', '10', '']);
    expect(everything.keys).to.deep.equal(['c1/x', 'c1/y', 'c1/z', 'c2/x']);
  });

  it('a read-only paginated transaction can be submitted and validates', async () => {
    const r = await ch.submit(id, 'counter:page', ['p1', 'p9', '2', '']);
    const tx = (await ch.getBlock(r.blockNumber)).transactions[r.txIndex];
    expect(tx.validationCode).to.equal('VALID');
    expect(tx.rwset.rangeQueries[0]).to.include({ startKey: 'p1', endKey: 'p9', itrExhausted: false });
    expect(tx.rwset.rangeQueries[0].results.map((q) => q.key)).to.deep.equal(['p1', 'p2']);
    expect(tx.rwset.writes).to.deep.equal([]);
  });
});
