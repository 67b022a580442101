import { expect } from 'chai';
import { Level } from 'level';
import { RawLevelWriter } from '../bench/level-raw';
import { removeDir, tempDir } from './helpers';

describe('bench baseline: raw level batch writes', () => {
  let dir: string;
  before(async () => {
    dir = await tempDir('rawlevel');
  });
  after(() => removeDir(dir));

  it('writes every entry of every batch into one database and reports elapsed and CPU time', async () => {
    const entries: Array<[string, Buffer]> = Array.from({ length: 250 }, (_, i) => [
      `k${String(i).padStart(4, '0')}`,
      Buffer.from(`v${i}`),
    ]);
    const writer = await RawLevelWriter.open(dir);
    for (let i = 0; i < entries.length; i += 100) {
      const { ms, cpuMs } = await writer.write(entries.slice(i, i + 100));
      expect(ms).to.be.a('number').and.at.least(0);
      expect(cpuMs).to.be.a('number').and.at.least(0);
    }
    await writer.close();
    const db = new Level<string, Buffer>(dir, { keyEncoding: 'utf8', valueEncoding: 'buffer' });
    const keys = await db.keys().all();
    await db.close();
    expect(keys).to.have.length(250);
    expect(keys[249]).to.equal('k0249');
  });
});
