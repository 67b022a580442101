import { expect } from 'chai';
import { Level } from 'level';
import * as path from 'node:path';
import { EndorserThread, INDEX_DIR, packSimulation, unpackSimulation, type EmbeddedNetwork, type Simulation } from '@cargotrace/network';
import { DISTRICT, delay, openNetwork, rejectionOf, removeDir, tempDir } from './helpers';
import { defined } from '../support/defined';

describe('embedded ledger: the endorsing thread', function () {
  this.timeout(60_000);

  describe('simulation results crossing threads', () => {
    const simulation: Simulation = {
      status: 200,
      message: '',
      payload: Buffer.from('{"ok":true}'),
      event: { name: 'Appended', payload: Buffer.from([0, 1, 2, 255]) },
      rwset: {
        reads: [
          { key: 'a', version: { blockNum: 7, txNum: 3 } },
          { key: 'missing' },
          { key: 'genesis', version: { blockNum: 0, txNum: 0 } },
        ],
        rangeQueries: [{ startKey: 'k', endKey: 'l', itrExhausted: true, results: [{ key: 'k1', version: { blockNum: 2, txNum: 0 } }] }],
        writes: [
          { key: 'a', isDelete: false, value: Buffer.from('first') },
          { key: 'b', isDelete: true },
          { key: 'c', isDelete: false, value: Buffer.alloc(0) },
          { key: 'd', isDelete: false, value: Buffer.from('€ and bytes \u0000') },
        ],
      },
    };

    it('arrive as they were recorded: reads with and without versions, deletes, empty and binary values, event, payload', () => {
      const { message } = packSimulation(simulation);
      // What the receiving thread sees is a structured clone.
      const back = unpackSimulation(structuredClone(message));
      expect(back.status).to.equal(200);
      expect(back.payload.toString()).to.equal('{"ok":true}');
      expect(back.event?.name).to.equal('Appended');
      expect([...defined(back.event, 'the event').payload]).to.deep.equal([0, 1, 2, 255]);
      expect(back.rwset.reads).to.deep.equal(simulation.rwset.reads);
      expect(back.rwset.rangeQueries).to.deep.equal(simulation.rwset.rangeQueries);
      expect(back.rwset.writes.map((w) => [w.key, w.isDelete, w.value?.toString('hex')])).to.deep.equal(
        simulation.rwset.writes.map((w) => [w.key, w.isDelete, w.value?.toString('hex')]),
      );
    });

    it('hand over one buffer (moved, not copied) and give the payload and event their own bytes', () => {
      const { message, transfer } = packSimulation(simulation);
      expect(transfer).to.include(message.bytes);
      const back = unpackSimulation(message);
      expect(back.payload.buffer).to.not.equal(message.bytes);
      expect(defined(back.event, 'the event').payload.buffer).to.not.equal(message.bytes);
      expect(defined(back.rwset.writes[0].value, 'the first write').buffer).to.equal(message.bytes);
    });
  });

  describe('with a network', () => {
    let dir: string;
    let net: EmbeddedNetwork | undefined;
    beforeEach(async () => {
      dir = await tempDir('endorser');
    });
    afterEach(async () => {
      await net?.close();
      net = undefined;
      await removeDir(dir);
    });

    it('a closed network leaves no handle on its stores in the endorsing thread', async () => {
      net = await openNetwork(dir);
      const ch = net.channel(DISTRICT);
      await ch.submit(net.identity('shanghai-officer'), 'counter:incr', ['n']);
      await net.close();
      net = undefined;
      // Without multithreading LevelDB refuses a directory that any thread of the process holds.
      const db = new Level(path.join(dir, 'ledgers', DISTRICT, INDEX_DIR));
      await db.open();
      expect(await db.get('s!n')).to.be.a('string');
      await db.close();
    });

    it('a thread that stops fails the simulations in its hands; the next submit starts a new one', async () => {
      net = await openNetwork(dir);
      const ch = net.channel(DISTRICT);
      const id = net.identity('shanghai-officer');
      const thread = EndorserThread.shared();
      const many = JSON.stringify(Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, 'v'])));
      const submitted = ch.submit(id, 'counter:putMany', [many]);
      const deadline = Date.now() + 10_000;
      while (thread.inFlight === 0) {
        if (Date.now() > deadline) throw new Error('the submit never reached the endorsing thread');
        await delay(0);
      }
      await thread.terminate();
      expect((await rejectionOf(submitted)).message).to.match(/endorsing thread stopped/);
      expect(ch.height()).to.equal(1);
      const r = await ch.submit(id, 'counter:incr', ['after']);
      expect(r.blockNumber).to.equal(1);
      expect((await ch.evaluate(id, 'counter:get', ['after'])).toString()).to.equal('1');
    });
  });
});
