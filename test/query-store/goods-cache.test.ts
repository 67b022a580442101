import { expect } from 'chai';
import { GoodsCache, estimatedBytes } from '@cargotrace/gateway/query-store';

describe('goods cache (unit)', () => {
  it('shares one read per goods and part, and keeps it until the goods are touched', async () => {
    const cache = new GoodsCache();
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    const [x, y] = await Promise.all([cache.get('container:A', 'events', load), cache.get('container:A', 'events', load)]);
    expect([x, y, loads]).to.deep.equal([1, 1, 1]);
    await cache.get('container:B', 'events', load);
    cache.invalidate(['container:A']);
    expect(await cache.get('container:A', 'events', load)).to.equal(3);
    expect(await cache.get('container:B', 'events', load)).to.equal(2);
    expect(cache.hits).to.equal(2);
  });

  it('does not keep a value whose read was in flight when its goods were touched', async () => {
    const cache = new GoodsCache();
    let release!: (v: string) => void;
    const first = cache.get('container:A', 'holders', () => new Promise<string>((r) => (release = r)));
    cache.invalidate(['container:A']);
    expect(await cache.get('container:A', 'holders', () => Promise.resolve('fresh'))).to.equal('fresh');
    release('stale');
    expect(await first).to.equal('stale');
    expect(await cache.get('container:A', 'holders', () => Promise.resolve('other'))).to.equal('fresh');
  });

  it('stays within its byte bound, least recently used out first, and keeps no failure', async () => {
    const cache = new GoodsCache({ maxBytes: 10 });
    await cache.get('g:bad', 'events', () => Promise.reject(new Error('boom'))).catch(() => undefined);
    expect(await cache.get('g:bad', 'events', () => Promise.resolve('ok'))).to.equal('ok');
    const four = () => 4;
    await cache.get('g:x', 'events', () => Promise.resolve('x'), four);
    await cache.get('g:y', 'events', () => Promise.resolve('y'), four);
    await cache.get('g:x', 'events', () => Promise.resolve('x2'), four); // touch x
    await cache.get('g:z', 'events', () => Promise.resolve('z'), four);
    expect(cache.bytes).to.be.at.most(10);
    expect(await cache.get('g:y', 'events', () => Promise.resolve('y2'), four)).to.equal('y2');
    expect(await cache.get('g:x', 'events', () => Promise.resolve('x3'), four)).to.equal('x3');
  });

  it('weighs values by their JSON size', () => {
    const small = estimatedBytes({ a: 1 });
    const large = estimatedBytes({ a: 'x'.repeat(10_000) });
    expect(large).to.be.greaterThan(10_000);
    expect(large).to.be.greaterThan(small * 100);
    expect(estimatedBytes(new Map([['c', { a: 'x'.repeat(100) }]]))).to.be.greaterThan(100);
  });
});
