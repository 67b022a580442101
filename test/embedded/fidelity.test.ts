import { expect } from 'chai';
import { createHash } from 'node:crypto';
import {
  EmbeddedChannel,
  EmbeddedNetwork,
  EndorsementError,
  TransactionInvalidError,
  type ChaincodeEventMessage,
  type Identity,
} from '@cargotrace/network';
import { DISTRICT, delay, openNetwork, rejectionAs, rejectionOf, removeDir, tempDir, untilPending } from './helpers';

/** The fidelity rules of docs/architecture.md, each against the fixture chaincode, with submitted
 * proposals simulated on the endorsing thread (the default) and on the committing thread. */
for (const endorsement of ['thread', 'in-process'] as const)
  describe(`embedded ledger: Fabric fidelity rules (endorsement: ${endorsement})`, function () {
    let dir: string;
    let net: EmbeddedNetwork;
    let ch: EmbeddedChannel;
    let id: Identity;
    const s = (b: Buffer) => b.toString('utf8');

    before(async () => {
      dir = await tempDir('fidelity');
      // A generous batch timeout so that concurrent submits reliably share a block.
      net = await openNetwork(dir, { batchTimeoutMs: 120 }, undefined, endorsement);
      ch = net.channel(DISTRICT);
      id = net.identity('shanghai-officer');
    });
    after(async () => {
      // Unset when before() failed.
      await (net as EmbeddedNetwork | undefined)?.close();
      await removeDir(dir);
    });

    describe('rule 1: reads see committed state only', () => {
      it('getState after putState in the same tx returns the committed value', async () => {
        await ch.submit(id, 'counter:put', ['r1', 'old']);
        const r: unknown = JSON.parse(s((await ch.submit(id, 'counter:putThenGet', ['r1', 'new'])).payload));
        expect(r).to.deep.equal({ length: 3, value: 'old', isBuffer: true });
        expect(s(await ch.evaluate(id, 'counter:get', ['r1']))).to.equal('new');
      });

      it('a missing key reads as an empty Buffer, as fabric-shim returns it', async () => {
        const r: unknown = JSON.parse(s(await ch.evaluate(id, 'counter:putThenGet', ['r1-missing', 'x'])));
        expect(r).to.deep.equal({ length: 0, value: '', isBuffer: true });
      });

      it('evaluate is never ordered', async () => {
        const h = ch.height();
        await ch.evaluate(id, 'counter:incr', ['r1-eval']);
        expect(ch.height()).to.equal(h);
        expect(s(await ch.evaluate(id, 'counter:get', ['r1-eval']))).to.equal('');
      });
    });

    describe('rule 2: MVCC', () => {
      it('two concurrent read-modify-write incr in one block: exactly one valid, counter +1', async () => {
        await ch.submit(id, 'counter:incr', ['mvcc']);
        const results = await Promise.allSettled([ch.submit(id, 'counter:incr', ['mvcc']), ch.submit(id, 'counter:incr', ['mvcc'])]);
        const ok = results.filter((r) => r.status === 'fulfilled');
        const bad = results.filter((r) => r.status === 'rejected');
        expect(ok).to.have.length(1);
        expect(bad).to.have.length(1);
        const err: unknown = bad[0].reason;
        if (!(err instanceof TransactionInvalidError)) throw new Error(`expected a TransactionInvalidError, got ${String(err)}`);
        expect(err.validationCode).to.equal('MVCC_READ_CONFLICT');
        expect(err.blockNumber).to.equal(ok[0].value.blockNumber);
        expect(s(await ch.evaluate(id, 'counter:get', ['mvcc']))).to.equal('2');
        // The invalid tx is in the block with its code; its writes were dropped.
        const loc = await ch.getTransactionLocation(err.txId);
        expect(loc?.validationCode).to.equal('MVCC_READ_CONFLICT');
        const block = await ch.getBlock(err.blockNumber);
        expect(block.transactions.map((t) => t.validationCode).sort()).to.deep.equal(['MVCC_READ_CONFLICT', 'VALID']);
        const hist: unknown = JSON.parse(s(await ch.evaluate(id, 'counter:history', ['mvcc'])));
        expect(hist).to.have.length(2);
      });

      it('a read of a key that an earlier tx of the block wrote is a conflict', async () => {
        await ch.submit(id, 'counter:put', ['mvcc2', '5']);
        // The put is ordered first; incr simulated against the state before it.
        const put = ch.submit(id, 'counter:put', ['mvcc2', '9']);
        await untilPending(ch, 1); // the put is endorsed and pending
        const incr = ch.submit(id, 'counter:incr', ['mvcc2']);
        await put;
        const err = await rejectionAs(incr, TransactionInvalidError);
        expect(err.validationCode).to.equal('MVCC_READ_CONFLICT');
        expect(s(await ch.evaluate(id, 'counter:get', ['mvcc2']))).to.equal('9');
      });
    });

    describe('rule 3: phantom reads', () => {
      it('a range query whose result changed before commit is PHANTOM_READ_CONFLICT', async () => {
        await ch.submit(id, 'counter:putMany', [JSON.stringify({ 'ph-a': '1', 'ph-c': '1' })]);
        const insert = ch.submit(id, 'counter:put', ['ph-b', '1']);
        await untilPending(ch, 1);
        const count = ch.submit(id, 'counter:rangeThenWrite', ['ph-', 'ph-~', 'phcount']);
        await insert;
        const err = await rejectionAs(count, TransactionInvalidError);
        expect(err).to.be.instanceOf(TransactionInvalidError);
        expect(err.validationCode).to.equal('PHANTOM_READ_CONFLICT');
        expect(s(await ch.evaluate(id, 'counter:get', ['phcount']))).to.equal('');
        // Unchanged range: valid.
        expect(s((await ch.submit(id, 'counter:rangeThenWrite', ['ph-', 'ph-~', 'phcount'])).payload)).to.equal('3');
      });

      it('a partial composite key query sees updates of existing keys as phantoms too', async () => {
        await ch.submit(id, 'counter:putComposite', ['box', '["b1","x"]', 'v1']);
        const update = ch.submit(id, 'counter:putComposite', ['box', '["b1","x"]', 'v2']);
        await untilPending(ch, 1);
        const count = ch.submit(id, 'counter:partialThenWrite', ['box', 'b1', 'boxcount']);
        await update;
        expect((await rejectionAs(count, TransactionInvalidError)).validationCode).to.equal('PHANTOM_READ_CONFLICT');
      });
    });

    describe('rule 4: paginated queries are read-only', () => {
      it("a write after a paginated query fails with Fabric's message", async () => {
        const err = await rejectionAs(ch.submit(id, 'counter:pageThenWrite', ['a', 'z']), EndorsementError);
        expect(err).to.be.instanceOf(EndorsementError);
        expect(err.message).to.equal(`txid [${err.txId}]: Transaction has already performed a paginated query. Writes are not allowed`);
      });

      it("a paginated query after a write fails with Fabric's message", async () => {
        const err = await rejectionAs(ch.submit(id, 'counter:writeThenPage', ['a', 'z']), EndorsementError);
        expect(err.message).to.equal(`txid [${err.txId}]: Paginated queries are not supported for transaction with writes`);
      });
    });

    describe('rule 5: chaincode events', () => {
      it('one event per tx, the last setEvent wins, delivered after commit', async () => {
        const events: ChaincodeEventMessage[] = [];
        const listener = (e: ChaincodeEventMessage) => events.push(e);
        ch.on('chaincodeEvent', listener);
        try {
          const heightBefore = ch.height();
          const pending = ch.submit(id, 'counter:emitTwo', []);
          await delay(5);
          expect(events).to.have.length(0); // not before the block is committed
          const r = await pending;
          expect(events).to.have.length(1);
          expect(events[0]).to.include({
            channel: DISTRICT,
            eventName: 'second',
            txId: r.txId,
            blockNumber: r.blockNumber,
            txIndex: r.txIndex,
          });
          expect(s(events[0].payload)).to.equal('two');
          expect(r.blockNumber).to.be.at.least(heightBefore);
          const block = await ch.getBlock(r.blockNumber);
          expect(events[0].blockHash).to.equal(block.hash);
          expect(block.transactions[r.txIndex].event?.name).to.equal('second');
        } finally {
          ch.off('chaincodeEvent', listener);
        }
      });

      it('no event for an invalid or failed tx; an empty event name is refused', async () => {
        const events: ChaincodeEventMessage[] = [];
        const listener = (e: ChaincodeEventMessage) => events.push(e);
        ch.on('chaincodeEvent', listener);
        try {
          expect((await rejectionOf(ch.submit(id, 'counter:emitThenFail', []))).message).to.equal('failing after setEvent');
          expect((await rejectionOf(ch.submit(id, 'counter:emitEmptyName', []))).message).to.equal('Event name must be a non-empty string');
          // An event-emitting tx made invalid by MVCC emits nothing.
          await ch.submit(id, 'counter:put', ['ev-k', '1']);
          const results = await Promise.allSettled([
            ch.submit(id, 'counter:incrAndEmit', ['ev-k']),
            ch.submit(id, 'counter:incrAndEmit', ['ev-k']),
          ]);
          const valid = results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ txId: string }>;
          expect(results.filter((r) => r.status === 'rejected')).to.have.length(1);
          expect(events.map((e) => e.txId)).to.deep.equal([valid.value.txId]);
        } finally {
          ch.off('chaincodeEvent', listener);
        }
      });
    });

    describe('rule 6: putState checks and completed transactions', () => {
      const cases: Array<[string, RegExp | string]> = [
        ['emptyKey', 'key must not be an empty string'],
        ['nullPrefix', 'first character of the key [\u0000abc] contains a null character which is not allowed'],
        ['loneSurrogate', /must be a UTF-8 string/],
        ['emptyValue', /must be a non-empty Buffer/],
        ['emptyString', /must be a non-empty Buffer/],
        ['rangeNull', 'first character of the key [\u0000a] contains a null character which is not allowed'],
        ['privateData', 'private data is not supported by the embedded ledger'],
      ];
      for (const [kind, message] of cases) {
        it(`refuses ${kind}`, async () => {
          const err = await rejectionOf(ch.evaluate(id, 'counter:badPut', [kind]));
          expect(err).to.be.instanceOf(EndorsementError);
          if (typeof message === 'string') expect(err.message).to.equal(message);
          else expect(err.message).to.match(message);
        });
      }

      it('accepts composite keys built by createCompositeKey', async () => {
        await ch.submit(id, 'counter:putComposite', ['obj', '["a","b"]', 'v']);
        const page = JSON.parse(s(await ch.evaluate(id, 'counter:pagePartial', ['obj', 'a', '10', '']))) as { keys: string[] };
        expect(page.keys).to.deep.equal(['a/b']);
      });

      it('a stub call after the transaction completed throws', async () => {
        // The fixture's log of late calls lives as long as the chaincode module, which every suite
        // of this process shares.
        const earlier = (JSON.parse(s(await ch.evaluate(id, 'counter:lateResult', []))) as string[]).length;
        await ch.evaluate(id, 'counter:lateCall', []);
        await delay(30);
        const late = JSON.parse(s(await ch.evaluate(id, 'counter:lateResult', []))) as string[];
        expect(late).to.have.length(earlier + 1);
        expect(late[earlier]).to.match(/the transaction has completed; the stub cannot be used any more/);
      });

      it('passes chaincode error messages through unchanged', async () => {
        const msg = '{"code":"VALIDATION_FAILED","message":"bad","path":"/3/goods/0/id"}';
        const err = await rejectionAs(ch.submit(id, 'counter:fail', [msg]), EndorsementError);
        expect(err).to.be.instanceOf(EndorsementError);
        expect(err.message).to.equal(msg);
        expect(err.txId).to.match(/^[0-9a-f]{64}$/);
      });
    });

    describe('rule 7: tx id and timestamp', () => {
      it('tx id is sha256(nonce ‖ creator); the timestamp is set once at proposal and recorded', async () => {
        const before = Date.now();
        const r = await ch.submit(id, 'counter:txInfo', []);
        const info = JSON.parse(s(r.payload)) as {
          txId: string;
          channel: string;
          fcn: string;
          seconds: number;
          nanos: number;
          date: string;
        };
        expect(info.txId).to.equal(r.txId);
        expect(info.channel).to.equal(DISTRICT);
        expect(info.fcn).to.equal('counter:txInfo');
        const ms = info.seconds * 1000 + info.nanos / 1e6;
        expect(ms).to.be.within(before - 1, Date.now());
        expect(new Date(ms).toISOString()).to.equal(info.date);
        const block = await ch.getBlock(r.blockNumber);
        const tx = block.transactions[r.txIndex];
        expect(tx.timestamp).to.deep.equal({ seconds: info.seconds, nanos: info.nanos });
        expect(tx.creatorMspId).to.equal('ShanghaiCustomsMSP');
        expect(tx.creatorCertHash).to.equal(createHash('sha256').update(id.certificate).digest('hex'));
      });

      it('the same nonce gives the same tx id; a duplicate in one block is DUPLICATE_TXID, a committed one is refused', async () => {
        const nonce = Buffer.alloc(24, 7);
        const results = await Promise.allSettled([
          ch.submit(id, 'counter:put', ['dup', 'a'], { nonce }),
          ch.submit(id, 'counter:put', ['dup', 'b'], { nonce }),
        ]);
        const ok = results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ txId: string }>;
        const bad = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect(ok).to.not.equal(undefined);
        expect((bad.reason as TransactionInvalidError).validationCode).to.equal('DUPLICATE_TXID');
        expect((bad.reason as TransactionInvalidError).txId).to.equal(ok.value.txId);
        const creator = Buffer.concat([
          Buffer.from([0x0a, id.mspId.length]),
          Buffer.from(id.mspId),
          Buffer.from([0x12]),
          varint(Buffer.byteLength(id.certificate)),
          Buffer.from(id.certificate),
        ]);
        expect(ok.value.txId).to.equal(createHash('sha256').update(nonce).update(creator).digest('hex'));
        expect((await ch.getTransactionLocation(ok.value.txId))?.validationCode).to.equal('VALID');
        const again = await rejectionOf(ch.submit(id, 'counter:put', ['dup', 'c'], { nonce }));
        expect(again.message).to.equal(`duplicate transaction found [${ok.value.txId}]`);
      });
    });

    describe('rule 8: history', () => {
      it('getHistoryForKey returns committed history newest first (Fabric 2.x), deletes included', async () => {
        const a = await ch.submit(id, 'counter:put', ['hist', 'v1']);
        const b = await ch.submit(id, 'counter:put', ['hist', 'v2']);
        const c = await ch.submit(id, 'counter:del', ['hist']);
        const d = await ch.submit(id, 'counter:put', ['hist', 'v3']);
        const h = JSON.parse(s(await ch.evaluate(id, 'counter:history', ['hist']))) as {
          txId: string;
          value: string;
          isDelete: boolean;
          seconds: number;
        }[];
        expect(h.map((x) => x.txId)).to.deep.equal([d.txId, c.txId, b.txId, a.txId]);
        expect(h.map((x) => [x.value, x.isDelete])).to.deep.equal([
          ['v3', false],
          ['', true],
          ['v2', false],
          ['v1', false],
        ]);
        const block = await ch.getBlock(a.blockNumber);
        expect(h[3].seconds).to.equal(block.transactions[a.txIndex].timestamp.seconds);
        // A key sharing the prefix does not leak into the history.
        await ch.submit(id, 'counter:put', ['hist\u0000x', 'other']);
        expect(JSON.parse(s(await ch.evaluate(id, 'counter:history', ['hist'])))).to.have.length(4);
      });
    });
  });

function varint(n: number): Buffer {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
}
