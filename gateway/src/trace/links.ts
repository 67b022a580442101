import { DISAGGREGATION_KINDS, goodsKey, type GoodsRef, type LocatedRecord } from '../model/custody';

/** A flow of material between two goods: `from` is upstream of `to`. */
export interface GoodsLink {
  kind: 'AGGREGATION' | 'PROCESSING';
  from: GoodsRef;
  to: GoodsRef;
  eventId: string;
  /** For aggregation: which side is the parent. */
  parent?: GoodsRef;
}

const ref = (g: GoodsRef): GoodsRef => (typeof g.book === 'string' ? { type: g.type, id: g.id, book: g.book } : { type: g.type, id: g.id });

/** Links stated by one event. Aggregation: packing puts children into the parent (children flow
 * into the parent); unpacking takes them out (the parent flows into its children). Processing:
 * every input flows into every output. */
export function linksOf(r: LocatedRecord): GoodsLink[] {
  return [...aggregationLinks(r.event), ...processingLinks(r.event)];
}

function aggregationLinks(e: LocatedRecord['event']): GoodsLink[] {
  if (!e.parent || !Array.isArray(e.children)) return [];
  const parent = ref(e.parent);
  const downstream = DISAGGREGATION_KINDS.has(e.kind);
  return e.children.map((c): GoodsLink => {
    const child = ref(c);
    return downstream
      ? { kind: 'AGGREGATION', from: parent, to: child, eventId: e.id, parent }
      : { kind: 'AGGREGATION', from: child, to: parent, eventId: e.id, parent };
  });
}

function processingLinks(e: LocatedRecord['event']): GoodsLink[] {
  if (!Array.isArray(e.inputs) || !Array.isArray(e.outputs)) return [];
  const out: GoodsLink[] = [];
  for (const i of e.inputs)
    for (const o of e.outputs) out.push({ kind: 'PROCESSING', from: ref(i.goods), to: ref(o.goods), eventId: e.id });
  return out;
}

/** Aggregation and processing neighbours of one goods, as stated by its events. */
export interface GoodsRelations {
  parents: GoodsRef[];
  children: GoodsRef[];
  inputs: GoodsRef[];
  outputs: GoodsRef[];
  upstream: GoodsRef[];
  downstream: GoodsRef[];
}

export function relationsOf(goods: GoodsRef, links: GoodsLink[]): GoodsRelations {
  const key = goodsKey(goods);
  const rel: GoodsRelations = { parents: [], children: [], inputs: [], outputs: [], upstream: [], downstream: [] };
  const seen = new Set<string>();
  const push = (list: GoodsRef[], g: GoodsRef, tag: string) => {
    const k = `${tag}|${goodsKey(g)}`;
    if (!seen.has(k)) {
      seen.add(k);
      list.push(g);
    }
  };
  for (const l of links) {
    const isFrom = goodsKey(l.from) === key;
    if (!isFrom && goodsKey(l.to) !== key) continue;
    const other = isFrom ? l.to : l.from;
    if (l.kind === 'AGGREGATION') pushAggregation(l, key, other, push, rel);
    else push(isFrom ? rel.outputs : rel.inputs, other, isFrom ? 'o' : 'i');
    push(isFrom ? rel.downstream : rel.upstream, other, isFrom ? 'd' : 'u');
  }
  return rel;
}

/** An aggregation link's parent or child, seen from the goods keyed `key`. */
function pushAggregation(
  l: GoodsLink,
  key: string,
  other: GoodsRef,
  push: (list: GoodsRef[], g: GoodsRef, tag: string) => void,
  rel: GoodsRelations,
): void {
  if (!l.parent) return;
  if (goodsKey(l.parent) === key) push(rel.children, other, 'c');
  else push(rel.parents, l.parent, 'p');
}
