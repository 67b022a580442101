/** Geometry of the swim-lane timeline and the goods graph (pure: no DOM, unit-tested in Node). */
import type { Trace, CrossingVerdict } from '@cargotrace/model/graphql';

export const goodsKey = (g: { type: string; id: string }) => `${g.type}:${g.id}`;

export interface LaneRow {
  key: string;
  goods: { type: string; id: string };
  y: number;
}
export interface Lane {
  district: string;
  y: number;
  height: number;
  rows: LaneRow[];
}
export interface SegmentBox {
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
  open: boolean;
  startEventId: string;
  endEventId?: string;
  goods: string;
}
export interface EventDot {
  id: string;
  x: number;
  y: number;
  kind: string;
  district: string;
  anomaly: boolean;
  goods: string;
  /** Rows of the event's other goods in the lane (drawn as hollow marks). */ also: number[];
}
export interface CrossingPath {
  d: string;
  verdict: CrossingVerdict;
  from: string;
  to: string;
  goods: string;
  dashed: boolean;
  handOffId?: string;
  takeOverId?: string;
  x2: number;
  y2: number;
}
export interface Tick {
  x: number;
  label: string;
}

export interface SwimlaneLayout {
  width: number;
  height: number;
  left: number;
  top: number;
  lanes: Lane[];
  segments: SegmentBox[];
  events: EventDot[];
  crossings: CrossingPath[];
  ticks: Tick[];
  t0: number;
  t1: number;
}

export const VERDICT_COLOUR: Record<CrossingVerdict, string> = {
  MATCHED: '#1a7f37',
  SEAL_MISMATCH: '#c62828',
  WEIGHT_DEVIATION: '#b45309',
  LATE: '#b45309',
  OVERDUE: '#c62828',
  IN_TRANSIT: '#52606d',
  TAKEOVER_WITHOUT_HANDOFF: '#7b1fa2',
};

const ROW = 30;
const LANE_PAD = 12;

type GoodsRef = { type: string; id: string };
type Point = { x: number; y: number };
/** y of a goods' row in a district's lane (falling back to the lane's middle, then the top). */
type RowPlacer = (district: string, goodsKey: string) => number;

/** Lanes in order of each district's first event; within a lane one row per goods present there. */
export function swimlaneLayout(trace: Trace, opts: { width: number; now: number; left?: number; top?: number }): SwimlaneLayout {
  const left = opts.left ?? 250;
  const top = opts.top ?? 28;
  const right = 24;
  const { t0, t1 } = timeRange(trace, opts.now);
  const plotW = Math.max(200, opts.width - left - right);
  const x = (t: number) => left + ((t - t0) / (t1 - t0)) * plotW;

  const goodsOrder = goodsOrdering(trace);
  const { lanes, rowY, bottom } = buildLanes(trace, laneOrder(trace), goodsOrder, top);
  const laneMid = (d: string) => {
    const l = lanes.find((lane) => lane.district === d);
    return l ? l.y + l.height / 2 : undefined;
  };
  const rowOf: RowPlacer = (d, k) => rowY.get(`${d}|${k}`) ?? laneMid(d) ?? top;

  const events = placeEvents(trace, goodsOrder, rowY, rowOf, x);
  const dotAt = new Map<string, Point>(events.map((e) => [e.id, e]));
  const segments = trace.custody.map((s) => segmentBox(s, rowOf, x, opts.now));
  const crossings: CrossingPath[] = [];
  for (const c of trace.crossings) {
    const path = crossingPath(c, dotAt, { laneMid, x, t1, left });
    if (path) crossings.push(path);
  }
  return {
    width: left + plotW + right,
    height: bottom + 8,
    left,
    top,
    lanes,
    segments,
    events,
    crossings,
    ticks: timeTicks(t0, t1, x),
    t0,
    t1,
  };
}

/** Districts in order of their first event (then by code). */
function laneOrder(trace: Trace): string[] {
  const firstIn = new Map<string, number>();
  for (const e of trace.events) {
    const t = Date.parse(e.eventTime);
    const first = firstIn.get(e.district);
    if (first === undefined || t < first) firstIn.set(e.district, t);
  }
  const districts = [...new Set([...trace.districts, ...trace.events.map((e) => e.district), ...trace.custody.map((s) => s.district)])];
  return districts.sort((a, b) => (firstIn.get(a) ?? Infinity) - (firstIn.get(b) ?? Infinity) || (a < b ? -1 : 1));
}

/** The time axis: every event, custody bound and due crossing, at least an hour, padded by 3%. */
function timeRange(trace: Trace, now: number): { t0: number; t1: number } {
  const times: number[] = trace.events.map((e) => Date.parse(e.eventTime));
  for (const s of trace.custody) {
    times.push(Date.parse(s.from));
    if (s.to) times.push(Date.parse(s.to));
  }
  for (const c of trace.crossings) if (c.dueBy && !c.takeOver) times.push(Math.min(Date.parse(c.dueBy), now));
  if (trace.custody.some((s) => !s.to)) times.push(now);
  let t0 = times.length ? Math.min(...times) : now - 3600_000;
  let t1 = times.length ? Math.max(...times) : now;
  if (t1 - t0 < 3600_000) t1 = t0 + 3600_000;
  const pad = (t1 - t0) * 0.03;
  t0 -= pad;
  t1 += pad;
  return { t0, t1 };
}

/** Goods order: root first, then by depth (upstream before), then first event, then key. */
function goodsOrdering(trace: Trace): (a: string, b: string) => number {
  const depth = new Map(trace.goods.map((g) => [goodsKey(g.goods), g.relation === 'UPSTREAM' ? -g.depth : g.depth]));
  const goodsFirst = new Map<string, number>();
  for (const e of trace.events) {
    const t = Date.parse(e.eventTime);
    for (const g of e.goods) {
      const k = goodsKey(g);
      const first = goodsFirst.get(k);
      if (first === undefined || t < first) goodsFirst.set(k, t);
    }
  }
  return (a, b) => (depth.get(a) ?? 99) - (depth.get(b) ?? 99) || (goodsFirst.get(a) ?? 0) - (goodsFirst.get(b) ?? 0) || (a < b ? -1 : 1);
}

/** One lane per district, stacked from `top`; rows keyed `district|goodsKey`. */
function buildLanes(
  trace: Trace,
  districts: string[],
  goodsOrder: (a: string, b: string) => number,
  top: number,
): { lanes: Lane[]; rowY: Map<string, number>; bottom: number } {
  const refOf = goodsRefs(trace);
  const lanes: Lane[] = [];
  const rowY = new Map<string, number>();
  let y = top;
  for (const d of districts) {
    const keys = [...goodsIn(trace, d)].sort(goodsOrder);
    const rows: LaneRow[] = keys.flatMap((k, i) => {
      const goods = refOf.get(k);
      return goods ? [{ key: k, goods, y: y + LANE_PAD + i * ROW + ROW / 2 }] : [];
    });
    for (const r of rows) rowY.set(`${d}|${r.key}`, r.y);
    const height = LANE_PAD * 2 + Math.max(1, keys.length) * ROW;
    lanes.push({ district: d, y, height, rows });
    y += height;
  }
  return { lanes, rowY, bottom: y };
}

/** Each goods of the trace by key: the trace's goods, then any only its events or custody name. */
function goodsRefs(trace: Trace): Map<string, GoodsRef> {
  const refOf = new Map<string, GoodsRef>();
  const add = (g: GoodsRef) => {
    if (!refOf.has(goodsKey(g))) refOf.set(goodsKey(g), g);
  };
  for (const g of trace.goods) refOf.set(goodsKey(g.goods), g.goods);
  for (const e of trace.events) e.goods.forEach(add);
  for (const s of trace.custody) add(s.goods);
  return refOf;
}

/** Keys of the goods with an event or a custody segment in district `d`. */
function goodsIn(trace: Trace, d: string): Set<string> {
  const present = new Set<string>();
  for (const e of trace.events) if (e.district === d) for (const g of e.goods) present.add(goodsKey(g));
  for (const s of trace.custody) if (s.district === d) present.add(goodsKey(s.goods));
  return present;
}

/** A dot per event on the row of its goods nearest the root (the first in goods order); the
 * event's other goods get a hollow mark on their rows. */
function placeEvents(
  trace: Trace,
  goodsOrder: (a: string, b: string) => number,
  rowY: Map<string, number>,
  rowOf: RowPlacer,
  x: (t: number) => number,
): EventDot[] {
  const anomalous = new Set(trace.anomalies.flatMap((a) => a.eventIds));
  return trace.events.map((e) => {
    const keys = e.goods.map(goodsKey).sort(goodsOrder);
    const g = keys[0] ?? '';
    const yy = rowOf(e.district, g);
    const also = keys
      .slice(1)
      .map((k) => rowY.get(`${e.district}|${k}`))
      .filter((v): v is number => v !== undefined && v !== yy);
    return {
      id: e.id,
      x: x(Date.parse(e.eventTime)),
      y: yy,
      kind: e.kind,
      district: e.district,
      anomaly: anomalous.has(e.id),
      goods: g,
      also,
    };
  });
}

function segmentBox(s: Trace['custody'][number], rowOf: RowPlacer, x: (t: number) => number, now: number): SegmentBox {
  const k = goodsKey(s.goods);
  const yy = rowOf(s.district, k);
  const x0 = x(Date.parse(s.from));
  const x1 = x(s.to ? Date.parse(s.to) : Math.max(now, Date.parse(s.from)));
  const label = s.custodian.org ?? s.custodian.enterpriseCode ?? '?';
  return {
    x: x0,
    y: yy - 9,
    width: Math.max(2, x1 - x0),
    height: 18,
    label,
    open: !s.to,
    startEventId: s.startEventId,
    ...(s.endEventId ? { endEventId: s.endEventId } : {}),
    goods: k,
  };
}

type Axis = { laneMid: (d: string) => number | undefined; x: (t: number) => number; t1: number; left: number };

/** A crossing from its hand-off dot to its take-over dot; a missing end is drawn dashed towards
 * (or from) the other district's lane. Undefined when neither end is on the timeline. */
function crossingPath(c: Trace['crossings'][number], dotAt: Map<string, Point>, axis: Axis): CrossingPath | undefined {
  const a = c.handOff ? dotAt.get(c.handOff.id) : undefined;
  const b = c.takeOver ? dotAt.get(c.takeOver.id) : undefined;
  const ends = crossingEnds(c, a, b, axis);
  if (!ends) return undefined;
  const [p1, p2] = ends;
  const mx = (p1.x + p2.x) / 2;
  const d = `M${r(p1.x)},${r(p1.y)} C${r(mx)},${r(p1.y)} ${r(mx)},${r(p2.y)} ${r(p2.x)},${r(p2.y)}`;
  return {
    d,
    verdict: c.verdict,
    from: c.fromDistrict ?? '',
    to: c.toDistrict ?? '',
    goods: goodsKey(c.goods),
    dashed: !a || !b,
    x2: p2.x,
    y2: p2.y,
    ...(c.handOff ? { handOffId: c.handOff.id } : {}),
    ...(c.takeOver ? { takeOverId: c.takeOver.id } : {}),
  };
}

/** Both ends of a crossing's curve: a missing take-over points at the destination lane by the due
 * time, a missing hand-off comes from the origin lane just before the take-over. */
function crossingEnds(c: Trace['crossings'][number], a: Point | undefined, b: Point | undefined, axis: Axis): [Point, Point] | undefined {
  if (a && b) return [a, b];
  if (a) {
    const ty = (c.toDistrict ? axis.laneMid(c.toDistrict) : undefined) ?? a.y + 30;
    const tx = c.dueBy ? axis.x(Math.min(Date.parse(c.dueBy), axis.t1)) : axis.x(axis.t1);
    return [a, { x: Math.max(tx, a.x + 20), y: ty }];
  }
  if (b) {
    const fy = (c.fromDistrict ? axis.laneMid(c.fromDistrict) : undefined) ?? b.y - 30;
    return [{ x: Math.max(axis.left, b.x - 40), y: fy }, b];
  }
  return undefined;
}

const r = (n: number) => Math.round(n * 10) / 10;

function timeTicks(t0: number, t1: number, x: (t: number) => number): Tick[] {
  const span = t1 - t0;
  const steps = [3600_000, 3 * 3600_000, 6 * 3600_000, 12 * 3600_000, 86400_000, 2 * 86400_000, 7 * 86400_000];
  const step = steps.find((s) => span / s <= 10) ?? steps[steps.length - 1];
  const out: Tick[] = [];
  // Ticks on China Standard Time boundaries, as the districts record local time.
  const off = 8 * 3600_000;
  for (let t = Math.ceil((t0 + off) / step) * step - off; t <= t1; t += step) {
    const d = new Date(t + off).toISOString();
    out.push({ x: x(t), label: step >= 86400_000 ? d.slice(5, 10) : `${d.slice(5, 10)} ${d.slice(11, 16)}` });
  }
  return out;
}

export interface GraphNode {
  key: string;
  goods: { type: string; id: string };
  x: number;
  y: number;
  relation: string;
  rank: number;
}
export interface GraphEdge {
  from: string;
  to: string;
  kind: string;
  eventId: string;
  d: string;
}
export interface GraphLayout {
  width: number;
  height: number;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export const NODE_W = 190;
export const NODE_H = 44;

/** Layered layout of the aggregation and processing graph: each goods one column right of every
 * goods it came from (longest path), upstream on the left. */
export function goodsGraphLayout(trace: Trace): GraphLayout {
  const keys = trace.goods.map((g) => goodsKey(g.goods));
  const info = new Map(trace.goods.map((g) => [goodsKey(g.goods), g]));
  const preds = new Map<string, string[]>(keys.map((k) => [k, []]));
  for (const l of trace.links) {
    const f = goodsKey(l.from);
    const t = goodsKey(l.to);
    const into = preds.get(t);
    if (into && info.has(f) && f !== t) into.push(f);
  }
  const rank = new Map<string, number>();
  const visiting = new Set<string>();
  const rankOf = (k: string): number => {
    const known = rank.get(k);
    if (known !== undefined) return known;
    if (visiting.has(k)) return 0; // cycle guard
    visiting.add(k);
    const ps = preds.get(k) ?? [];
    const v = ps.length ? Math.max(...ps.map(rankOf)) + 1 : 0;
    visiting.delete(k);
    rank.set(k, v);
    return v;
  };
  keys.forEach(rankOf);
  const cols = new Map<number, string[]>();
  for (const k of keys) {
    const c = rankOf(k);
    let col = cols.get(c);
    if (!col) cols.set(c, (col = []));
    col.push(k);
  }
  const gapX = 70;
  const gapY = 22;
  const nodes: GraphNode[] = [];
  let maxRows = 1;
  for (const [c, ks] of [...cols.entries()].sort(([a], [b]) => a - b)) {
    ks.sort();
    maxRows = Math.max(maxRows, ks.length);
    ks.forEach((k, i) => {
      const g = info.get(k);
      if (!g) return;
      nodes.push({ key: k, goods: g.goods, x: 10 + c * (NODE_W + gapX), y: 10 + i * (NODE_H + gapY), relation: g.relation, rank: c });
    });
  }
  const at = new Map(nodes.map((n) => [n.key, n]));
  const edges: GraphEdge[] = [];
  for (const l of trace.links) {
    const a = at.get(goodsKey(l.from));
    const b = at.get(goodsKey(l.to));
    if (!a || !b) continue;
    const x1 = a.x + NODE_W;
    const y1 = a.y + NODE_H / 2;
    const x2 = b.x;
    const y2 = b.y + NODE_H / 2;
    const mx = (x1 + x2) / 2;
    edges.push({ from: a.key, to: b.key, kind: l.kind, eventId: l.eventId, d: `M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}` });
  }
  const ncols = cols.size || 1;
  return { width: 20 + ncols * NODE_W + (ncols - 1) * gapX, height: 20 + maxRows * NODE_H + (maxRows - 1) * gapY, nodes, edges };
}
