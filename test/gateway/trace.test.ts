import { expect } from 'chai';
import { loadNetworkConfig } from '@cargotrace/network';
import {
  analyseTrace,
  anomaliesOf,
  crossingsOf,
  custodySegments,
  goodsKey,
  mergeRecords,
  stitch,
  type GoodsRef,
  type LocatedRecord,
} from '@cargotrace/gateway/trace';
import { defined } from '../support/defined';
import { demoRecords, recordsOf } from './support/demo-records';

const config = loadNetworkConfig();
const now = new Date();
const records = demoRecords(config, now);
const container = (id: string): GoodsRef => ({ type: 'container', id });
const opts = { now, districts: config.districts };
const source = {
  goodsEvents: (g: GoodsRef) =>
    Promise.resolve(mergeRecords([records.filter((r) => r.event.goods.some((x) => goodsKey(x) === goodsKey(g)))])),
};

describe('gateway trace logic (pure)', () => {
  it('orders by event time across districts, ledger order breaking ties', () => {
    const shuffled = [...records].reverse();
    const merged = mergeRecords([shuffled.slice(0, 10), shuffled.slice(5)]);
    expect(merged).to.have.length(records.length);
    for (let i = 1; i < merged.length; i++)
      expect(Date.parse(merged[i].event.eventTime)).to.be.at.least(Date.parse(merged[i - 1].event.eventTime));
    const tie = (id: string, block: number, seq: number): LocatedRecord => ({
      ...records[0],
      event: { ...records[0].event, id },
      channel: 'district-2200',
      seq,
      proof: { blockNumber: block, txIndex: 0, blockHash: '' },
    });
    expect(mergeRecords([[tie('b', 9, 0), tie('a', 8, 1)]]).map((r) => r.event.id)).to.deep.equal(['a', 'b']);
  });

  it('pairs the hand-off with its take-over: matched within tolerance', () => {
    const cs = crossingsOf(container('COSU6331218'), recordsOf(records, 'container', 'COSU6331218'), opts);
    expect(cs).to.have.length(1);
    expect(cs[0]).to.include({ verdict: 'MATCHED', fromDistrict: '2248', toDistrict: '2305' });
    expect(defined(cs[0].handOff, 'the hand-off').event.id).to.equal('demo-a06');
    expect(defined(cs[0].takeOver, 'the take-over').event.id).to.equal('demo-a09');
    expect(cs[0].weightDeviation).to.be.below(0.02);
  });

  it('flags seal mismatch, overdue transit, weight deviation, take-over without hand-off', () => {
    const seal = crossingsOf(container('OOLU4582102'), recordsOf(records, 'container', 'OOLU4582102'), opts);
    expect(seal.map((c) => c.verdict)).to.deep.equal(['SEAL_MISMATCH']);
    const overdue = crossingsOf(container('CSNU7001122'), recordsOf(records, 'container', 'CSNU7001122'), opts);
    expect(overdue.map((c) => c.verdict)).to.deep.equal(['OVERDUE']);
    const early = crossingsOf(container('CSNU7001122'), recordsOf(records, 'container', 'CSNU7001122'), {
      ...opts,
      now: new Date(now.getTime() - 40 * 3600_000),
    });
    expect(early.map((c) => c.verdict)).to.deep.equal(['IN_TRANSIT']);

    const box = recordsOf(records, 'container', 'COSU6331218');
    const heavy = box.map((r) =>
      r.event.id === 'demo-a09' ? { ...r, event: { ...r.event, weight: { value: 19000, unit: 'kg' as const } } } : r,
    );
    const w = crossingsOf(container('COSU6331218'), heavy, opts);
    expect(w[0].verdict).to.equal('WEIGHT_DEVIATION');
    expect(anomaliesOf(container('COSU6331218'), heavy, w).map((a) => a.type)).to.deep.equal(['WEIGHT_DEVIATION']);

    const orphan = box.filter((r) => r.event.id !== 'demo-a06');
    const o = crossingsOf(container('COSU6331218'), orphan, opts);
    expect(o.map((c) => c.verdict)).to.deep.equal(['TAKEOVER_WITHOUT_HANDOFF']);
  });

  it('derives exit without release and held goods moving, but not for a supervised transit exit', () => {
    const tghu = recordsOf(records, 'container', 'TGHU8827013');
    const cs = crossingsOf(container('TGHU8827013'), tghu, opts);
    expect(anomaliesOf(container('TGHU8827013'), tghu, cs)).to.deep.equal([]);
    const noRelease = tghu.filter((r) => r.event.id !== 'demo-a25');
    const as = anomaliesOf(container('TGHU8827013'), noRelease, crossingsOf(container('TGHU8827013'), noRelease, opts));
    expect(as.map((a) => [a.type, a.eventIds.join()])).to.deep.equal([
      ['EXIT_WITHOUT_RELEASE', 'demo-a26'],
      ['EXIT_WITHOUT_RELEASE', 'demo-a27'],
    ]);
    const hold = {
      ...tghu[0],
      event: {
        ...tghu[0].event,
        id: 'hold-1',
        kind: 'HELD' as const,
        eventTime: defined(
          tghu.find((r) => r.event.id === 'demo-a25'),
          'the release',
        ).event.eventTime.replace(/T(\d\d)/, (_m, h: string) => `T${h}`),
        goods: [container('TGHU8827013')],
      },
    };
    // a hold right after the release (same time, later ledger order) makes the gate-out a held-goods move
    const held = mergeRecords([[...tghu, { ...hold, recordedTime: new Date(now.getTime() + 1).toISOString() }]]);
    const types = anomaliesOf(container('TGHU8827013'), held, crossingsOf(container('TGHU8827013'), held, opts)).map((a) => a.type);
    expect(types).to.include('HELD_GOODS_MOVED');
    expect(types).to.include('EXIT_WITHOUT_RELEASE');
  });

  it('builds custody segments: who held it, from when to when, where', () => {
    const segs = custodySegments(container('COSU6331218'), recordsOf(records, 'container', 'COSU6331218'));
    expect(segs.map((s) => [s.custodian.org, s.district, s.startEventId, s.endEventId ?? null])).to.deep.equal([
      ['SinoTransMSP', '2248', 'demo-a01', 'demo-a03'],
      ['YangshanTerminalMSP', '2248', 'demo-a03', 'demo-a06'],
      ['SinoTransMSP', '2248', 'demo-a06', 'demo-a09'],
      ['SipLogisticsMSP', '2305', 'demo-a09', null],
    ]);
  });

  it('stitches aggregation and processing links up- and downstream across three districts', async () => {
    const down = await stitch(source, container('COSU6331218'), 'DOWNSTREAM', 5);
    expect([...down.nodes.keys()]).to.have.members([
      'container:COSU6331218',
      'lot:LOT-SIP-IN-20261120-01',
      'lot:LOT-SIP-OUT-20261121-01',
      'container:TGHU8827013',
    ]);
    const up = await stitch(source, container('TGHU8827013'), 'UPSTREAM', 5);
    expect([...up.nodes.keys()]).to.include.members(['container:COSU6331218', 'part:E23052600001|PN-7788-A']);
    const shallow = await stitch(source, container('COSU6331218'), 'DOWNSTREAM', 1);
    expect(shallow.nodes.size).to.equal(2);
    const result = analyseTrace(down, container('COSU6331218'), opts);
    expect(result.districts).to.deep.equal(['2248', '2305', '7206']);
    expect(result.crossings.map((c) => [c.goods.id, c.verdict])).to.deep.equal([
      ['COSU6331218', 'MATCHED'],
      ['TGHU8827013', 'MATCHED'],
    ]);
    expect(result.anomalies).to.deep.equal([]);
    const lotIn = defined(
      result.goods.find((g) => g.goods.id === 'LOT-SIP-IN-20261120-01'),
      'the incoming lot',
    );
    expect(lotIn.parents.map((g) => g.id)).to.deep.equal(['COSU6331218']);
    expect(lotIn.outputs.map((g) => g.id)).to.deep.equal(['LOT-SIP-OUT-20261121-01']);
    const windowed = analyseTrace(down, container('COSU6331218'), {
      ...opts,
      from: records[7].event.eventTime,
      to: records[11].event.eventTime,
    });
    expect(windowed.events.map((r) => r.event.id)).to.deep.equal(['demo-a08', 'demo-a09', 'demo-a10', 'demo-a11', 'demo-a12']);
  });
});
