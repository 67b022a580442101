import { expect } from 'chai';
import { demoFlow } from '@cargotrace/gateway/demo';
import { webappModule } from './support';
import { defined } from '../support/defined';

interface EventLike {
  id: string;
  kind: string;
  eventTime: string;
  district: string;
  goods: { type: string; id: string }[];
  transit?: { destinationDistrict?: string; dueBy?: string } | null;
}
interface StatsModule {
  percentile(v: number[], p: number): number | undefined;
  localDay(t: string): string;
  clearances(
    e: EventLike[],
  ): { goods: string; district: string; durationMs: number; day: string; startEventId: string; releaseEventId: string }[];
  clearanceByDay(e: EventLike[]): { day: string; count: number; p50Ms: number; p90Ms: number }[];
  countsByKind(e: EventLike[]): { kind: string; count: number }[];
  openTransits(e: EventLike[], now: number): { goods: { id: string }; status: string; fromDistrict: string; toDistrict: string }[];
  inferGoodsType(id: string): { type?: string; reference?: string };
  formatDuration(ms: number): string;
}
interface LayoutModule {
  swimlaneLayout(
    trace: unknown,
    opts: { width: number; now: number },
  ): {
    lanes: { district: string; y: number; height: number; rows: { key: string }[] }[];
    events: { id: string; x: number; y: number; anomaly: boolean }[];
    crossings: { verdict: string; dashed: boolean; d: string }[];
    segments: { x: number; width: number; open: boolean }[];
  };
  goodsGraphLayout(trace: unknown): { nodes: { key: string; rank: number }[]; edges: { from: string; to: string }[] };
}

const HOUR = 3600_000;
const NOW = new Date('2026-11-24T12:00:00Z');

function demoEvents(): EventLike[] {
  return demoFlow(NOW).map((s) => s.event as unknown as EventLike);
}

describe('webapp: dashboard statistics', () => {
  let S: StatsModule;
  before(async () => {
    S = await webappModule<StatsModule>('stats');
  });

  it('computes percentiles by linear interpolation', () => {
    expect(S.percentile([], 50)).to.equal(undefined);
    expect(S.percentile([7], 90)).to.equal(7);
    expect(S.percentile([4, 1, 3, 2], 50)).to.equal(2.5);
    expect(S.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).to.be.closeTo(9.1, 1e-9);
  });

  it('takes the day of an event in the local time it was recorded in', () => {
    expect(S.localDay('2026-11-20T23:30:00+08:00')).to.equal('2026-11-20');
    expect(S.localDay('2026-11-20T23:30:00Z')).to.equal('2026-11-20');
  });

  it('pairs each release with the declaration or arrival in its district (demo: 5 h at Yangshan, 2 h at Youyiguan)', () => {
    const c = S.clearances(demoEvents());
    const byGoods = Object.fromEntries(c.map((x) => [x.goods, x]));
    expect(byGoods['container:COSU6331218']).to.include({
      district: '2248',
      startEventId: 'demo-a02',
      releaseEventId: 'demo-a05',
      durationMs: 5 * HOUR,
    });
    expect(byGoods['container:TGHU8827013']).to.include({
      district: '7206',
      startEventId: 'demo-a23',
      releaseEventId: 'demo-a25',
      durationMs: 2 * HOUR,
    });
    expect(c).to.have.length(2);
  });

  it('falls back to the latest declaration elsewhere when the release district has none', () => {
    const g = [{ type: 'container', id: 'ABCU1234560' }];
    const events: EventLike[] = [
      { id: 'd', kind: 'DECLARED', eventTime: '2026-11-20T08:00:00+08:00', district: '2305', goods: g },
      { id: 'r', kind: 'RELEASED', eventTime: '2026-11-20T09:30:00+08:00', district: '7206', goods: g },
    ];
    expect(S.clearances(events).map((x) => x.durationMs)).to.deep.equal([1.5 * HOUR]);
  });

  it('gives p50 and p90 per day of release', () => {
    const events: EventLike[] = [];
    const mins = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    mins.forEach((m, i) => {
      const g = [{ type: 'container', id: `ABCU00000${String(i).padStart(2, '0')}` }];
      events.push({ id: `a${i}`, kind: 'ARRIVED', eventTime: '2026-11-20T08:00:00+08:00', district: '2305', goods: g });
      events.push({
        id: `r${i}`,
        kind: 'RELEASED',
        eventTime: new Date(Date.parse('2026-11-20T08:00:00+08:00') + m * 60000).toISOString().replace('Z', '+00:00'),
        district: '2305',
        goods: g,
      });
    });
    // A second day, one release of 2 h.
    const g = [{ type: 'container', id: 'ABCU0000099' }];
    events.push({ id: 'a99', kind: 'DECLARED', eventTime: '2026-11-21T10:00:00+08:00', district: '2305', goods: g });
    events.push({ id: 'r99', kind: 'RELEASED', eventTime: '2026-11-21T12:00:00+08:00', district: '2305', goods: g });
    const days = S.clearanceByDay(events);
    expect(days.map((d) => d.day)).to.deep.equal(['2026-11-20', '2026-11-21']);
    expect(days[0]).to.include({ count: 10, p50Ms: 55 * 60000, p90Ms: 91 * 60000 });
    expect(days[1]).to.include({ count: 1, p50Ms: 2 * HOUR, p90Ms: 2 * HOUR });
    expect(S.formatDuration(55 * 60000)).to.equal('55 min');
    expect(S.formatDuration(91 * 60000)).to.equal('1 h 31 min');
  });

  it('counts events by kind, most frequent first', () => {
    const counts = S.countsByKind(demoEvents());
    expect(counts[0]).to.deep.equal({ kind: 'HANDED_OFF', count: 4 });
    expect(counts.reduce((n, c) => n + c.count, 0)).to.equal(demoEvents().length);
  });

  it('finds the demo overdue transit (CSNU7001122) and only it', () => {
    const open = S.openTransits(demoEvents(), NOW.getTime());
    expect(open.map((o) => [o.goods.id, o.status, o.fromDistrict, o.toDistrict])).to.deep.equal([
      ['CSNU7001122', 'OVERDUE', '2248', '2305'],
    ]);
    const early = S.openTransits(demoEvents(), NOW.getTime() - 20 * HOUR);
    expect(early.map((o) => o.status)).to.deep.equal(['IN_TRANSIT']);
  });

  it('infers goods types and references from search terms', () => {
    expect(S.inferGoodsType('COSU6331218')).to.deep.equal({ type: 'container' });
    expect(S.inferGoodsType('230520261000654321')).to.deep.equal({ reference: 'declaration' });
    expect(S.inferGoodsType('MFT-2026-YS-001823')).to.deep.equal({ reference: 'manifest' });
    expect(S.inferGoodsType('MFT-2026-YS-001823/1')).to.deep.equal({ type: 'consignment' });
    expect(S.inferGoodsType('LOT-SIP-IN-20261120-01')).to.deep.equal({ type: 'lot' });
    expect(S.inferGoodsType('PN-7788-A')).to.deep.equal({ type: 'part' });
    expect(S.inferGoodsType('urn:epc:id:sgtin:0614141.107346.2017')).to.deep.equal({ type: 'epc' });
    expect(S.inferGoodsType('something')).to.deep.equal({});
  });
});

describe('webapp: swim-lane and graph layout', () => {
  let L: LayoutModule;
  before(async () => {
    L = await webappModule<LayoutModule>('layout');
  });

  const box = { type: 'container', id: 'COSU6331218' };
  const ev = (id: string, kind: string, h: number, district: string, goods = [box]) => ({
    id,
    kind,
    eventTime: new Date(Date.parse('2026-11-20T00:00:00Z') + h * HOUR).toISOString(),
    district,
    goods,
    channel: 'c',
  });
  const trace = {
    root: box,
    direction: 'BOTH',
    districts: ['7206', '2305', '2248'],
    hiddenGoods: 0,
    events: [
      ev('e1', 'ARRIVED', 0, '2248'),
      ev('e2', 'HANDED_OFF', 5, '2248'),
      ev('e3', 'TAKEN_OVER', 10, '2305'),
      ev('e4', 'HANDED_OFF', 20, '2305'),
      ev('e5', 'TAKEN_OVER', 40, '7206'),
    ],
    goods: [{ goods: box, depth: 0, relation: 'ROOT', districts: [], parents: [], children: [], inputs: [], outputs: [] }],
    links: [],
    custody: [
      {
        goods: box,
        custodian: { org: 'A' },
        from: ev('', '', 0, '').eventTime,
        to: ev('', '', 5, '').eventTime,
        district: '2248',
        startEventId: 'e1',
        endEventId: 'e2',
      },
      { goods: box, custodian: { org: 'C' }, from: ev('', '', 40, '').eventTime, to: null, district: '7206', startEventId: 'e5' },
    ],
    crossings: [
      {
        goods: box,
        handOff: { id: 'e2', eventTime: '', district: '2248' },
        takeOver: { id: 'e3', eventTime: '', district: '2305' },
        fromDistrict: '2248',
        toDistrict: '2305',
        verdict: 'MATCHED',
        issues: [],
      },
      {
        goods: box,
        handOff: { id: 'e4', eventTime: '', district: '2305' },
        takeOver: { id: 'e5', eventTime: '', district: '7206' },
        fromDistrict: '2305',
        toDistrict: '7206',
        verdict: 'SEAL_MISMATCH',
        issues: ['SEAL_MISMATCH'],
      },
      {
        goods: box,
        handOff: { id: 'e2', eventTime: '', district: '2248' },
        takeOver: null,
        fromDistrict: '2248',
        toDistrict: '7206',
        dueBy: ev('', '', 30, '').eventTime,
        verdict: 'OVERDUE',
        issues: ['OVERDUE'],
      },
    ],
    anomalies: [
      { id: 'a', type: 'SEAL_MISMATCH', severity: 'HIGH', goods: box, district: '7206', eventIds: ['e4', 'e5'], time: '', message: '' },
    ],
  };

  it("orders lanes by each district's first event and places events left to right in time", () => {
    const out = L.swimlaneLayout(trace, { width: 1200, now: Date.parse('2026-11-22T00:00:00Z') });
    expect(out.lanes.map((l) => l.district)).to.deep.equal(['2248', '2305', '7206']);
    for (let i = 1; i < out.lanes.length; i++) expect(out.lanes[i].y).to.equal(out.lanes[i - 1].y + out.lanes[i - 1].height);
    const xs = out.events.map((e) => e.x);
    expect([...xs].sort((a, b) => a - b)).to.deep.equal(xs);
    const laneOf = (y: number) =>
      defined(
        out.lanes.find((l) => y >= l.y && y < l.y + l.height),
        `the lane at y=${y}`,
      ).district;
    expect(out.events.map((e) => laneOf(e.y))).to.deep.equal(['2248', '2248', '2305', '2305', '7206']);
    expect(out.events.filter((e) => e.anomaly).map((e) => e.id)).to.deep.equal(['e4', 'e5']);
  });

  it('draws one link per crossing, dashed when the take-over is missing, and open custody to now', () => {
    const out = L.swimlaneLayout(trace, { width: 1200, now: Date.parse('2026-11-22T00:00:00Z') });
    expect(out.crossings.map((c) => [c.verdict, c.dashed])).to.deep.equal([
      ['MATCHED', false],
      ['SEAL_MISMATCH', false],
      ['OVERDUE', true],
    ]);
    expect(out.crossings.every((c) => /^M[\d.]+,[\d.]+ C/.test(c.d))).to.equal(true);
    expect(out.segments.map((s) => s.open)).to.deep.equal([false, true]);
  });

  it('lays the goods graph out upstream to downstream', () => {
    const lot = { type: 'lot', id: 'L1' };
    const out2 = { type: 'lot', id: 'L2' };
    const g = L.goodsGraphLayout({
      ...trace,
      goods: [
        { goods: box, depth: 0, relation: 'ROOT' },
        { goods: lot, depth: 1, relation: 'DOWNSTREAM' },
        { goods: out2, depth: 2, relation: 'DOWNSTREAM' },
      ],
      links: [
        { kind: 'AGGREGATION', from: box, to: lot, eventId: 'x' },
        { kind: 'PROCESSING', from: lot, to: out2, eventId: 'y' },
      ],
    });
    expect(g.nodes.map((n) => [n.key, n.rank])).to.deep.equal([
      ['container:COSU6331218', 0],
      ['lot:L1', 1],
      ['lot:L2', 2],
    ]);
    expect(g.edges).to.have.length(2);
  });
});
