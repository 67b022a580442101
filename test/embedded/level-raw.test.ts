import { expect } from 'chai';
import { Level } from 'level';
import { rawLevelBatchWrite } from '../bench/level-raw';
import { removeDir, tempDir } from './helpers';

describe('bench baseline: raw level batch writes', () => {
  let dir: string;
  before(async () => {
    dir = await tempDir('rawlevel');
  });
  after(() => removeDir(dir));

  it('writes every entry and reports the elapsed time', async () => {
    const entries: Array<[string, Buffer]> = Array.from({ length: 250 }, (_, i) => [`k${String(i).padStart(4, '0')}`, Buffer.from(`v${i}`)]);
    const { ms } = await rawLevelBatchWrite(dir, entries, 100);
    expect(ms).to.be.a('number').and.at.least(0);
    const db = new Level<string, Buffer>(dir, { keyEncoding: 'utf8', valueEncoding: 'buffer' });
    const keys = await db.keys().all();
    await db.close();
    expect(keys).to.have.length(250);
  });
});
