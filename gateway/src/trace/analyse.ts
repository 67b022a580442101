import type { District } from '@cargotrace/network';
import { eventTimeMs, goodsKey, type GoodsRef, type LocatedRecord } from '../model/custody';
import { anomaliesOf, type Anomaly } from './anomalies';
import { crossingsOf, DEFAULT_WEIGHT_TOLERANCE, type Crossing } from './crossings';
import { custodySegments, type CustodySegment } from './custody-segments';
import { relationsOf, type GoodsLink, type GoodsRelations } from './links';
import { mergeRecords } from './order';
import type { StitchedGraph, TraceNode } from './stitch';

export interface TraceGoods extends GoodsRelations {
  goods: GoodsRef;
  depth: number;
  relation: TraceNode['relation'];
  districts: string[];
}

export interface TraceResult {
  root: GoodsRef;
  events: LocatedRecord[];
  goods: TraceGoods[];
  links: GoodsLink[];
  custody: CustodySegment[];
  crossings: Crossing[];
  anomalies: Anomaly[];
  districts: string[];
  hiddenGoods: number;
  /** When the clock alone would change this answer (the earliest due time of a transit still in
   * progress, whether or not inside [from, to]); undefined when only new events can. */
  changesAtMs?: number;
}

export interface AnalyseOptions {
  now: Date;
  weightTolerance?: number;
  districts?: District[];
  from?: string;
  to?: string;
  /** Goods the caller may see; every goods when absent. */
  visible?: (node: TraceNode) => boolean;
}

/** Turns a stitched graph into the trace answer: events of the visible goods merged in order,
 * custody segments, crossings with verdicts and anomalies per goods, restricted to [from, to].
 *
 * @example
 * ```ts
 * import { analyseTrace } from '@cargotrace/gateway';
 * const trace = analyseTrace(graph, { type: 'container', id: 'COSU6331218' }, { now: new Date(), districts: config.districts });
 * for (const a of trace.anomalies) console.log(a.severity, a.message);
 * ```
 */
export function analyseTrace(graph: StitchedGraph, root: GoodsRef, options: AnalyseOptions): TraceResult {
  const tolerance = options.weightTolerance ?? DEFAULT_WEIGHT_TOLERANCE;
  const fromMs = options.from ? Date.parse(options.from) : -Infinity;
  const toMs = options.to ? Date.parse(options.to) : Infinity;
  const inWindow = (r: LocatedRecord) => eventTimeMs(r.event) >= fromMs && eventTimeMs(r.event) <= toMs;
  const visibleNodes = [...graph.nodes.values()].filter((n) => !options.visible || options.visible(n));
  const visibleKeys = new Set(visibleNodes.map((n) => goodsKey(n.goods)));
  const links = graph.links.filter((l) => visibleKeys.has(goodsKey(l.from)) && visibleKeys.has(goodsKey(l.to)));

  const custody: CustodySegment[] = [];
  const crossings: Crossing[] = [];
  const anomalies: Anomaly[] = [];
  const goods: TraceGoods[] = [];
  let changesAtMs: number | undefined;
  for (const n of visibleNodes) {
    const segs = custodySegments(n.goods, n.records);
    const cs = crossingsOf(n.goods, n.records, {
      now: options.now,
      weightTolerance: tolerance,
      ...(options.districts ? { districts: options.districts } : {}),
    });
    const as = anomaliesOf(n.goods, n.records, cs, tolerance);
    for (const c of cs) {
      if (c.verdict === 'IN_TRANSIT' && c.dueBy) changesAtMs = Math.min(changesAtMs ?? Infinity, Date.parse(c.dueBy));
    }
    custody.push(...segs.filter((s) => Date.parse(s.from) <= toMs && (s.to === undefined || Date.parse(s.to) >= fromMs)));
    crossings.push(...cs.filter((c) => [c.handOff, c.takeOver].some((r) => r && inWindow(r))));
    anomalies.push(
      ...as.filter((a) => {
        const t = Date.parse(a.time);
        return t >= fromMs && t <= toMs;
      }),
    );
    goods.push({
      goods: n.goods,
      depth: n.depth,
      relation: n.relation,
      districts: [...new Set(n.records.map((r) => r.event.district))],
      ...relationsOf(n.goods, links),
    });
  }
  const events = mergeRecords(visibleNodes.map((n) => n.records)).filter(inWindow);
  goods.sort((a, b) => a.depth - b.depth || (goodsKey(a.goods) < goodsKey(b.goods) ? -1 : 1));
  return {
    root: { type: root.type, id: root.id },
    events,
    goods,
    links,
    custody: custody.sort((a, b) => Date.parse(a.from) - Date.parse(b.from)),
    crossings,
    anomalies: anomalies.sort((a, b) => Date.parse(a.time) - Date.parse(b.time) || (a.id < b.id ? -1 : 1)),
    districts: [...new Set(events.map((r) => r.event.district))],
    hiddenGoods: graph.nodes.size - visibleNodes.length,
    ...(changesAtMs !== undefined ? { changesAtMs } : {}),
  };
}
