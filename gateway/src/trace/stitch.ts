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
  const walk: Walk = { nodes: new Map(), links: new Map(), direction, maxDepth };
  let frontier: TraceNode[] = [{ goods: root, depth: 0, relation: 'ROOT', records: [] }];
  walk.nodes.set(goodsKey(root), frontier[0]);
  while (frontier.length > 0) {
    await Promise.all(frontier.map(async (n) => (n.records = await source.goodsEvents(n.goods))));
    const next: TraceNode[] = [];
    for (const n of frontier) {
      for (const r of n.records) {
        for (const l of linksOf(r)) {
          const node = follow(walk, n, l);
          if (node) next.push(node);
        }
      }
    }
    frontier = next;
  }
  const { nodes, links } = walk;
  // Keep only links between goods in the trace.
  return { nodes, links: [...links.values()].filter((l) => nodes.has(goodsKey(l.from)) && nodes.has(goodsKey(l.to))) };
}

/** The walk so far: goods reached, links seen (by kind, ends and event), and where it may go. */
interface Walk {
  nodes: Map<string, TraceNode>;
  links: Map<string, GoodsLink>;
  direction: TraceDirection;
  maxDepth: number;
}

/** Notes a link of node `n`'s events that touches `n`, and returns the goods at its other end
 * when the walk goes that way and has not reached it yet. */
function follow(walk: Walk, n: TraceNode, l: GoodsLink): TraceNode | undefined {
  const key = goodsKey(n.goods);
  const up = goodsKey(l.to) === key;
  const down = goodsKey(l.from) === key;
  if (!up && !down) return undefined;
  walk.links.set(`${l.kind}|${goodsKey(l.from)}|${goodsKey(l.to)}|${l.eventId}`, l);
  if (n.depth >= walk.maxDepth) return undefined;
  const relation = stepOf(walk.direction, n.relation, up, down);
  if (!relation) return undefined;
  const other = up ? l.from : l.to;
  const otherKey = goodsKey(other);
  if (walk.nodes.has(otherKey)) return undefined;
  const node: TraceNode = { goods: other, depth: n.depth + 1, relation, records: [] };
  walk.nodes.set(otherKey, node);
  return node;
}

/** Which way a link leads from a node, if the walk goes there: BOTH walks each side from the
 * root and never turns back (an upstream node is not followed downstream, and the reverse). */
function stepOf(direction: TraceDirection, from: TraceNode['relation'], up: boolean, down: boolean): 'UPSTREAM' | 'DOWNSTREAM' | undefined {
  if (up && (direction === 'UPSTREAM' || (direction === 'BOTH' && from !== 'DOWNSTREAM'))) return 'UPSTREAM';
  if (down && (direction === 'DOWNSTREAM' || (direction === 'BOTH' && from !== 'UPSTREAM'))) return 'DOWNSTREAM';
  return undefined;
}
