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
  const e = r.event;
  const out: GoodsLink[] = [];
  if (e.parent && Array.isArray(e.children)) {
    const parent = ref(e.parent);
    const downstream = DISAGGREGATION_KINDS.has(e.kind);
    for (const c of e.children) {
      if (!c) continue;
      const child = ref(c);
      out.push(
        downstream
          ? { kind: 'AGGREGATION', from: parent, to: child, eventId: e.id, parent }
          : { kind: 'AGGREGATION', from: child, to: parent, eventId: e.id, parent },
      );
    }
  }
  if (Array.isArray(e.inputs) && Array.isArray(e.outputs)) {
    for (const i of e.inputs)
      for (const o of e.outputs) {
        if (i?.goods && o?.goods) out.push({ kind: 'PROCESSING', from: ref(i.goods), to: ref(o.goods), eventId: e.id });
      }
  }
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
    const isTo = goodsKey(l.to) === key;
    if (!isFrom && !isTo) continue;
    const other = isFrom ? l.to : l.from;
    if (l.kind === 'AGGREGATION' && l.parent) {
      if (goodsKey(l.parent) === key) push(rel.children, other, 'c');
      else push(rel.parents, l.parent, 'p');
    } else if (l.kind === 'PROCESSING') {
      push(isFrom ? rel.outputs : rel.inputs, other, isFrom ? 'o' : 'i');
    }
    push(isFrom ? rel.downstream : rel.upstream, other, isFrom ? 'd' : 'u');
  }
  return rel;
}
