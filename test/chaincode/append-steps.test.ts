import { expect } from 'chai';
import {
  ChaincodeError,
  canonicalBytes,
  canonicalJson,
  goodsMapKey,
  type AppendResult,
  type CustodyEvent,
  type EventRecord,
} from '@cargotrace/model';
import { admitEvents } from '@cargotrace/chaincode/append';
import { appendEventBatch } from '@cargotrace/chaincode/append';
import { parseBatch } from '@cargotrace/chaincode/append';
import { resolveCorrection } from '@cargotrace/chaincode/append';
import { checkIdempotency } from '@cargotrace/chaincode/append';
import { prefetchBatch } from '@cargotrace/chaincode/append';
import { writeAccepted } from '@cargotrace/chaincode/append';
import { resolveWriter } from '@cargotrace/chaincode/append';
import { goodsEventIdsPage } from '@cargotrace/chaincode/indexes';
import { readGoodsState } from '@cargotrace/chaincode/indexes';
import { registryKey } from '@cargotrace/chaincode/indexes';
import { WorkingSet } from '@cargotrace/chaincode/ledger';
import type { ChaincodeStub } from 'fabric-shim-api';
import { defined } from '../support/defined';
import { callerFor, demoRegistry, event } from './fixtures';
import { MemoryStub } from './memory-stub';

const OPERATOR = callerFor('sip-warehouse-operator');

/** A ledger holding the demo registry and nothing else. */
function ledger(): MemoryStub {
  const stub = new MemoryStub();
  stub.state.set(registryKey(stub as unknown as ChaincodeStub), canonicalBytes(demoRegistry().registry));
  return stub;
}

const ws = (stub: MemoryStub) => new WorkingSet(stub as unknown as ChaincodeStub);
const gets = (stub: MemoryStub) => stub.calls.filter((c) => c.startsWith('get '));
const puts = (stub: MemoryStub) => stub.calls.filter((c) => c.startsWith('put '));

async function appendAs(stub: MemoryStub, events: unknown[], caller = OPERATOR): Promise<AppendResult> {
  stub.calls.length = 0;
  const out = JSON.parse(await appendEventBatch(stub.context(caller), JSON.stringify(events))) as AppendResult;
  stub.commit();
  return out;
}

describe('chaincode appendEvents steps', () => {
  describe('parseBatch', () => {
    it('keeps each position, undefined where the event is invalid, with its errors', () => {
      const bad: Partial<CustodyEvent> = event();
      delete bad.eventTime;
      const batch = parseBatch(JSON.stringify([event(), bad]));
      expect(batch.events.map((e) => e === undefined)).to.deep.equal([false, true]);
      expect(batch.errors.errors.map((e) => `${e.code} ${e.path}`)).to.deep.equal(['VALIDATION_FAILED /1/eventTime']);
    });

    it('throws at once when no event is valid, or the argument is not JSON', () => {
      expect(() => parseBatch('[]')).to.throw(ChaincodeError);
      expect(() => parseBatch('{')).to.throw(ChaincodeError, /not valid JSON/);
    });
  });

  describe('prefetch', () => {
    it('reads each id once, and the goods of events not yet recorded (corrections excepted)', async () => {
      const stub = ledger();
      const recorded = event({ goods: [{ type: 'lot', id: 'LOT-OLD' }] });
      await appendAs(stub, [recorded]);
      stub.calls.length = 0;
      const fresh = event({ goods: [{ type: 'lot', id: 'LOT-NEW' }] });
      const fix = event({ kind: 'CORRECTION', correctionOf: recorded.id, goods: [{ type: 'lot', id: 'LOT-FIX' }] });
      await prefetchBatch(ws(stub), [recorded, fresh, fresh, undefined, fix]);
      const read = gets(stub).join('\n');
      expect(gets(stub)).to.have.length(4);
      for (const id of [recorded.id, fresh.id, fix.id]) expect(read).to.contain(`event·${id}·`);
      expect(read).to.contain('goods·lot·LOT-NEW·');
      expect(read).to.not.contain('LOT-OLD');
      expect(read).to.not.contain('LOT-FIX');
    });
  });

  describe('dropDuplicates (checkIdempotency)', () => {
    it('tells new, duplicate and conflicting ids apart, within the batch and against the ledger', async () => {
      const stub = ledger();
      const a = event();
      await appendAs(stub, [a]);
      const set = ws(stub);
      const seen = new Map<string, string>();
      expect(await checkIdempotency(set, seen, a, canonicalJson(a), 0)).to.deep.equal({ kind: 'duplicate' });
      const b = event();
      expect(await checkIdempotency(set, seen, b, canonicalJson(b), 1)).to.deep.equal({ kind: 'new' });
      expect(await checkIdempotency(set, seen, b, canonicalJson(b), 2)).to.deep.equal({ kind: 'duplicate' });
      const changed = { ...b, seals: ['X'] };
      const inBatch = await checkIdempotency(set, seen, changed, canonicalJson(changed), 3);
      expect(inBatch).to.deep.include({ kind: 'conflict' });
      expect(inBatch.kind === 'conflict' && inBatch.error).to.include({ code: 'CONFLICT', path: '/3/id', index: 3 });
      const onLedger = await checkIdempotency(ws(stub), new Map(), { ...a, seals: ['X'] }, canonicalJson({ ...a, seals: ['X'] }), 0);
      expect(onLedger.kind === 'conflict' && onLedger.error.message).to.match(/already recorded with other content \(tx tx-1\)/);
    });
  });

  describe('authorise (resolveCorrection)', () => {
    it('finds who recorded the corrected event: earlier in the batch, on the ledger, or NOT_FOUND', async () => {
      const stub = ledger();
      const a = event();
      await appendAs(stub, [a]);
      const fix = (of: string): CustodyEvent => event({ kind: 'CORRECTION', correctionOf: of });
      expect(await resolveCorrection(ws(stub), new Set(), 'Caller', event(), 0)).to.deep.equal({ correctedBy: undefined });
      expect(await resolveCorrection(ws(stub), new Set(['urn:in-batch']), 'CallerMSP', fix('urn:in-batch'), 0)).to.deep.equal({
        correctedBy: 'CallerMSP',
      });
      expect(await resolveCorrection(ws(stub), new Set(), 'CallerMSP', fix(a.id), 0)).to.deep.equal({ correctedBy: OPERATOR.mspId });
      const missing = await resolveCorrection(ws(stub), new Set(), 'CallerMSP', fix('urn:nope'), 4);
      expect('error' in missing && missing.error).to.include({ code: 'NOT_FOUND', path: '/4/correctionOf', index: 4 });
    });
  });

  describe('admitEvents and writeAccepted', () => {
    it('admits in batch order: later events see the goods states earlier ones leave', async () => {
      const stub = ledger();
      const goods = [{ type: 'container' as const, id: 'MSKU1234565' }];
      const handOff = event({ kind: 'HANDED_OFF', goods, custody: { to: { org: 'SinoTransMSP' } } });
      const stored = event({ kind: 'STORED', goods });
      const set = ws(stub);
      const batch = parseBatch(JSON.stringify([event({ goods }), handOff, stored]));
      const writer = await resolveWriter(stub.context(OPERATOR), set);
      const admission = await admitEvents(set, writer, batch);
      expect(admission.accepted.map((a) => a.event.id)).to.have.length(3);
      expect(admission.states.get(goodsMapKey(goods[0]))?.openHandOffs).to.have.length(1);
      expect(batch.errors.count).to.equal(0);
    });

    it('collects every refusal with its path, and accepts nothing from a refused position', async () => {
      const stub = ledger();
      const set = ws(stub);
      const batch = parseBatch(JSON.stringify([event({ kind: 'QUARANTINE_RESULT', result: 'pass' }), event({ kind: 'STORED' })]));
      const admission = await admitEvents(set, await resolveWriter(stub.context(callerFor('ciq-inspector')), set), batch);
      expect(admission.results[0]).to.deep.include({ status: 'accepted' });
      expect(admission.results[1]).to.equal(undefined);
      expect(batch.errors.errors.map((e) => `${e.code} ${e.path}`)).to.deep.equal(['FORBIDDEN /1/kind']);
    });

    it('writes an index entry the goods query then finds, and the goods state', async () => {
      const stub = ledger();
      const e = event({ goods: [{ type: 'lot', id: 'LOT-IDX' }], eventTime: '2026-11-20T08:30:00+08:00' });
      const set = ws(stub);
      const writer = await resolveWriter(stub.context(OPERATOR), set);
      const admission = await admitEvents(set, writer, parseBatch(JSON.stringify([e])));
      writeAccepted(set, writer, admission);
      expect(set.writeCount).to.equal(5); // record, district~day, kind~day, goods~event, goods state
      await set.flush();
      stub.commit();
      const cc = stub as unknown as ChaincodeStub;
      expect((await goodsEventIdsPage(cc, 'lot', 'LOT-IDX', 10, '')).ids).to.deep.equal([e.id]);
      expect((await readGoodsState(cc, 'lot', 'LOT-IDX'))?.lastEvent.id).to.equal(e.id);
    });
  });

  describe('the whole pipeline', () => {
    it('writes nothing and emits nothing for a batch of duplicates', async () => {
      const stub = ledger();
      const a = event();
      const first = await appendAs(stub, [a]);
      expect(first.results).to.deep.equal([{ id: a.id, status: 'accepted' }]);
      expect(stub.events).to.have.length(1);
      const keys = [...stub.state.keys()].sort();
      const again = await appendAs(stub, [a, a]);
      expect(again.results.map((r) => r.status)).to.deep.equal(['duplicate', 'duplicate']);
      expect(puts(stub)).to.deep.equal([]);
      expect(stub.events).to.have.length(1);
      expect([...stub.state.keys()].sort()).to.deep.equal(keys);
    });

    it('writes nothing when one event is refused, and lists the refusal with its index', async () => {
      const stub = ledger();
      const err = await appendAs(stub, [event(), event({ district: '2248' })]).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(ChaincodeError);
      expect((err as ChaincodeError).message).to.contain('/1/');
      expect(puts(stub)).to.deep.equal([]);
    });

    it('stores the record with canonical JSON and writes keys in sorted order', async () => {
      const stub = ledger();
      const a = event();
      const result = await appendAs(stub, [a]);
      const written = puts(stub).map((c) => c.split(' ')[1].replace(/·/g, '\u0000'));
      expect(written).to.have.length(5);
      expect(written).to.deep.equal([...written].sort());
      const recordKey = defined(
        [...stub.state.keys()].find((k) => k.startsWith('\u0000event\u0000')),
        'the event record key',
      );
      const text = defined(stub.state.get(recordKey), 'the event record').toString('utf8');
      const rec = JSON.parse(text) as EventRecord;
      expect(text).to.equal(canonicalJson(rec));
      expect(rec).to.deep.include({ txId: 'tx-1', recordedTime: result.txTime });
      expect(rec.recordedBy).to.deep.equal(OPERATOR);
    });
  });
});
