import { goodsKey, type GoodsRef, type LocatedRecord } from '../model/custody';
import { linksOf, type GoodsLink } from './links';

export type TraceDirection = 'UPSTREAM' | 'DOWNSTREAM' | 'BOTH';

export interface TraceNode {
  goods: GoodsRef;
  depth: number;
  relation: 'ROOT' | 'UPSTREAM' | 'DOWNSTREAM';
  records: LocatedRecord[];
}

export interface StitchedGraph {
  nodes: Map<string, TraceNode>;
  links: GoodsLink[];
}

/** What stitching needs from the ledger. */
export interface GoodsEventSource {
  goodsEvents(goods: GoodsRef): Promise<LocatedRecord[]>;
}

/** Breadth-first walk from the root goods along aggregation and processing links: upstream
 * follows links backwards (what it came from), downstream forwards (what it went into); BOTH
 * walks each side from the root. Each level's goods are read in parallel. */
export async function stitch(
  source: GoodsEventSource,
  root: GoodsRef,
  direction: TraceDirection,
  maxDepth: number,
): Promise<StitchedGraph> {
  const nodes = new Map<string, TraceNode>();
  const links = new Map<string, GoodsLink>();
  let frontier: TraceNode[] = [{ goods: root, depth: 0, relation: 'ROOT', records: [] }];
  nodes.set(goodsKey(root), frontier[0]);
  while (frontier.length > 0) {
    await Promise.all(frontier.map(async (n) => (n.records = await source.goodsEvents(n.goods))));
    const next: TraceNode[] = [];
    for (const n of frontier) {
      const key = goodsKey(n.goods);
      for (const r of n.records) {
        for (const l of linksOf(r)) {
          const lk = `${l.kind}|${goodsKey(l.from)}|${goodsKey(l.to)}|${l.eventId}`;
          const up = goodsKey(l.to) === key;
          const down = goodsKey(l.from) === key;
          if (!up && !down) continue;
          links.set(lk, l);
          if (n.depth >= maxDepth) continue;
          const wantUp = up && (direction === 'UPSTREAM' || (direction === 'BOTH' && n.relation !== 'DOWNSTREAM'));
          const wantDown = down && (direction === 'DOWNSTREAM' || (direction === 'BOTH' && n.relation !== 'UPSTREAM'));
          if (!wantUp && !wantDown) continue;
          const other = up ? l.from : l.to;
          const ok = goodsKey(other);
          if (nodes.has(ok)) continue;
          const node: TraceNode = { goods: other, depth: n.depth + 1, relation: wantUp ? 'UPSTREAM' : 'DOWNSTREAM', records: [] };
          nodes.set(ok, node);
          next.push(node);
        }
      }
    }
    frontier = next;
  }
  // Keep only links between goods in the trace.
  return { nodes, links: [...links.values()].filter((l) => nodes.has(goodsKey(l.from)) && nodes.has(goodsKey(l.to))) };
}
