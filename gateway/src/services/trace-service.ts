import { goodsVisible } from '../scope/read-scope';
import { analyseTrace } from '../trace/analyse';
import { stitch, type TraceDirection } from '../trace/stitch';
import { BadInputError } from './gateway-error';
import { findGoods, requireCustodyReader } from './goods-lookup';
import { ledger } from './ledger-call';
import { answerValidUntil, type RequestScope } from './request-scope';

export const MAX_TRACE_DEPTH = 10;

export interface TraceArgs {
  id: string;
  type?: string | null;
  direction?: TraceDirection | null;
  maxDepth?: number | null;
  from?: string | null;
  to?: string | null;
}

/** The end-to-end trace of a goods across districts (stitched through its links), analysed into
 * crossings, anomalies and custody; null when unknown or outside the caller's scope. */
export async function traceGoods(request: RequestScope, args: TraceArgs) {
  requireCustodyReader(request);
  const { services } = request;
  const maxDepth = args.maxDepth ?? 3;
  if (maxDepth < 0 || maxDepth > MAX_TRACE_DEPTH)
    throw new BadInputError(`maxDepth must be between 0 and ${MAX_TRACE_DEPTH}`, { argument: 'maxDepth' });
  const direction = args.direction ?? 'BOTH';
  const started = process.hrtime.bigint();
  const root = await ledger(() => findGoods(request.reader, args.id, args.type));
  if (!root) return null;
  const graph = await ledger(() => stitch(request.reader, root, direction, maxDepth));
  const rootNode = [...graph.nodes.values()].find((n) => n.relation === 'ROOT');
  if (!rootNode) throw new Error(`the stitched trace of ${root.type} ${root.id} has no root`);
  if (!goodsVisible(request.scope, rootNode.records)) return null;
  const result = analyseTrace(graph, root, {
    now: new Date(),
    weightTolerance: services.weightTolerance,
    districts: services.config.districts,
    ...(args.from ? { from: args.from } : {}),
    ...(args.to ? { to: args.to } : {}),
    visible: (n) => goodsVisible(request.scope, n.records),
  });
  // A transit still in progress turns overdue at its due time, with no new block.
  if (result.changesAtMs !== undefined) answerValidUntil(request, result.changesAtMs);
  services.metrics.traceDuration.observe(Number(process.hrtime.bigint() - started) / 1e9);
  services.metrics.ledgerCalls.inc(request.reader.calls);
  return { ...result, direction };
}
