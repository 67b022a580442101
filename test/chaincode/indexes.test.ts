import { expect } from 'chai';
import { canonicalJson, goodsKeyId, type CustodyEvent, type GoodsState } from '@cargotrace/model';
import { KEYS } from '@cargotrace/chaincode';
import { dayBucketQuery, writeDayBucketEntries } from '@cargotrace/chaincode/indexes';
import { eventKey, loadRecords, writeEventRecord } from '@cargotrace/chaincode/indexes';
import { goodsEventIdsPage, writeGoodsEventEntry } from '@cargotrace/chaincode/indexes';
import { goodsKey, readGoodsState, writeGoodsState } from '@cargotrace/chaincode/indexes';
import { linksOf, readLinks, writeLinks } from '@cargotrace/chaincode/indexes';
import { aeoKey, aeoRecordsPage, mrConsignmentKey } from '@cargotrace/chaincode/indexes';
import { readRegistry, registryKey, writeRegistry } from '@cargotrace/chaincode/indexes';
import { WorkingSet } from '@cargotrace/chaincode/ledger';
import type { ChaincodeStub } from 'fabric-shim-api';
import { event } from './fixtures';
import { MemoryStub } from './memory-stub';

const recordedBy = { mspId: 'SipLogisticsMSP', id: 'op', role: 'operator', district: '2305' };

/** Writes through a working set and commits, as one transaction would. */
async function inTx(stub: MemoryStub, write: (ws: WorkingSet) => void): Promise<void> {
  const ws = new WorkingSet(stub as unknown as ChaincodeStub);
  write(ws);
  await ws.flush();
  stub.commit();
}

async function record(stub: MemoryStub, e: CustodyEvent, utc: string): Promise<void> {
  await inTx(stub, (ws) => writeEventRecord(ws, e.id, { recordedTime: utc, txId: 'tx', recordedBy }, canonicalJson(e)));
}

describe('chaincode indexes: each key family written and read in one module', () => {
  const cc = (s: MemoryStub) => s as unknown as ChaincodeStub;

  it('finds a part by <book>|<partNo> in goods~event entries, in event-time order', async () => {
    const stub = new MemoryStub();
    const part = { type: 'part' as const, id: 'PN-1', book: 'E2305001' };
    await inTx(stub, (ws) => {
      writeGoodsEventEntry(ws, part, '2026-11-20T02:00:00.000Z', 'urn:late');
      writeGoodsEventEntry(ws, part, '2026-11-20T01:00:00.000Z', 'urn:early');
      writeGoodsEventEntry(ws, { type: 'part', id: 'PN-10', book: 'E2305001' }, '2026-11-20T00:00:00.000Z', 'urn:other');
    });
    const first = await goodsEventIdsPage(cc(stub), 'part', goodsKeyId(part), 1, '');
    expect(first.ids).to.deep.equal(['urn:early']);
    expect(first.bookmark).to.not.equal('');
    const second = await goodsEventIdsPage(cc(stub), 'part', 'E2305001|PN-1', 1, first.bookmark);
    expect(second).to.deep.equal({ ids: ['urn:late'], bookmark: '' });
  });

  it('answers a time range from district~day and kind~day entries across UTC days', async () => {
    const stub = new MemoryStub();
    const a = event({ kind: 'STOCKTAKE', eventTime: '2026-12-01T07:00:00+08:00' }); // 2026-11-30T23:00Z
    const b = event({ kind: 'STOCKTAKE', eventTime: '2026-12-02T12:00:00Z' });
    const c = event({ kind: 'MOVED', eventTime: '2026-12-02T13:00:00Z' });
    const utc = { [a.id]: '2026-11-30T23:00:00.000Z', [b.id]: '2026-12-02T12:00:00.000Z', [c.id]: '2026-12-02T13:00:00.000Z' };
    for (const e of [a, b, c]) await record(stub, e, utc[e.id]);
    await inTx(stub, (ws) => [a, b, c].forEach((e) => writeDayBucketEntries(ws, e, utc[e.id])));

    const ids = async (index: string, attr: string, from: string, to: string) =>
      (await dayBucketQuery(cc(stub), index, attr, from, to, 10, '')).records.map((r) => r.event.id);
    expect(await ids(KEYS.kindDayEvent, 'STOCKTAKE', '2026-11-30T00:00:00Z', '2026-12-03T00:00:00Z')).to.deep.equal([a.id, b.id]);
    expect(await ids(KEYS.kindDayEvent, 'STOCKTAKE', '2026-12-01T00:00:00Z', '2026-12-03T00:00:00Z')).to.deep.equal([b.id]);
    expect(await ids(KEYS.districtDayEvent, '2305', '2026-12-02T00:00:00Z', '2026-12-02T13:00:00Z')).to.deep.equal([b.id]);
    expect(await ids(KEYS.districtDayEvent, '2305', '2026-12-02T00:00:00Z', '2026-12-02T13:00:00.001Z')).to.deep.equal([b.id, c.id]);
  });

  it('writes links from both ends and reads them from either goods', async () => {
    const stub = new MemoryStub();
    const box = { type: 'container' as const, id: 'APZU4212136' };
    const lot = { type: 'lot' as const, id: 'LOT-PACK' };
    const packed = event({ kind: 'PACKED', goods: [box], parent: box, children: [lot] });
    expect(linksOf(cc(stub), packed)).to.have.length(2);
    await inTx(stub, (ws) => writeLinks(ws, packed));
    const fromLot = await readLinks(cc(stub), 'lot', 'LOT-PACK');
    expect(fromLot.map((l) => `${l.relation} ${l.goods.id} ${l.active}`)).to.deep.equal(['parent APZU4212136 true']);
    const fromBox = await readLinks(cc(stub), 'container', 'APZU4212136');
    expect(fromBox.map((l) => `${l.relation} ${l.goods.id}`)).to.deep.equal(['child LOT-PACK']);
    // A correction that names parent and children links nothing.
    expect(linksOf(cc(stub), { ...packed, kind: 'CORRECTION', correctionOf: packed.id })).to.deep.equal([]);
  });

  it('reads back a goods state under the key it was written to, and event records in the order asked', async () => {
    const stub = new MemoryStub();
    const part = { type: 'part' as const, id: 'PN-2', book: 'E2305001' };
    const state: GoodsState = {
      goods: part,
      district: '2305',
      openHandOffs: [],
      lastEvent: { id: 'urn:x', kind: 'RECEIVED', eventTime: '2026-11-20T08:30:00+08:00' },
      eventCount: 1,
      firstEventTime: '2026-11-20T08:30:00+08:00',
    };
    await inTx(stub, (ws) => writeGoodsState(ws, state));
    expect(stub.state.has(goodsKey(cc(stub), part))).to.equal(true);
    expect(await readGoodsState(cc(stub), 'part', 'E2305001|PN-2')).to.deep.equal(state);
    expect(await readGoodsState(cc(stub), 'part', 'PN-2')).to.equal(undefined);

    const [x, y] = [event(), event()];
    await record(stub, x, '2026-11-20T00:30:00.000Z');
    await record(stub, y, '2026-11-20T00:30:00.000Z');
    expect((await loadRecords(cc(stub), [y.id, 'urn:missing', x.id])).map((r) => r.event.id)).to.deep.equal([y.id, x.id]);
  });

  it('keeps the registry, AEO certificates and MR consignments each under its own object type', async () => {
    const stub = new MemoryStub();
    expect(await readRegistry(cc(stub))).to.deep.equal({ districts: [], organisations: [] });
    await writeRegistry(cc(stub), { districts: [{ code: '0000', name: 'GACC', level: 'national' }], organisations: [] });
    stub.commit();
    expect((await readRegistry(cc(stub))).districts.map((d) => d.code)).to.deep.equal(['0000']);
    for (const code of ['B-2', 'A-1'])
      stub.state.set(aeoKey(cc(stub), code), Buffer.from(JSON.stringify({ value: { enterpriseCode: code } })));
    stub.state.set(mrConsignmentKey(cc(stub), 'A-0'), Buffer.from('{}'));
    const page = await aeoRecordsPage(cc(stub), 10, '');
    expect(page.records.map((r) => r.value.enterpriseCode)).to.deep.equal(['A-1', 'B-2']);

    const types = [registryKey(cc(stub)), eventKey(cc(stub), 'x'), aeoKey(cc(stub), 'x'), mrConsignmentKey(cc(stub), 'x')].map(
      (k) => stub.splitCompositeKey(k).objectType,
    );
    expect(types).to.deep.equal([KEYS.registry, KEYS.event, KEYS.aeo, KEYS.mrConsignment]);
  });
});
