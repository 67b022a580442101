import { goodsVisible } from '../../scope/read-scope';
import { analyseTrace } from '../../trace/analyse';
import { stitch, type TraceDirection } from '../../trace/stitch';
import type { GatewayContext } from '../context';
import { badInput } from '../errors';
import { answerValidUntil } from '../../http/answer-cache';
import { findGoods, ledger, requireCustodyReader } from './shared';

export const MAX_TRACE_DEPTH = 10;

interface TraceArgs {
  id: string;
  type?: string | null;
  direction?: TraceDirection | null;
  maxDepth?: number | null;
  from?: string | null;
  to?: string | null;
}

export const traceResolvers = {
  trace: async (_: unknown, args: TraceArgs, ctx: GatewayContext) => {
    requireCustodyReader(ctx);
    const maxDepth = args.maxDepth ?? 3;
    if (maxDepth < 0 || maxDepth > MAX_TRACE_DEPTH) throw badInput(`maxDepth must be between 0 and ${MAX_TRACE_DEPTH}`, { argument: 'maxDepth' });
    const direction = args.direction ?? 'BOTH';
    const started = process.hrtime.bigint();
    const root = await ledger(() => findGoods(ctx.reader, args.id, args.type));
    if (!root) return null;
    const graph = await ledger(() => stitch(ctx.reader, root, direction, maxDepth));
    const rootNode = [...graph.nodes.values()].find((n) => n.relation === 'ROOT')!;
    if (!goodsVisible(ctx.scope, rootNode.records)) return null;
    const result = analyseTrace(graph, root, {
      now: new Date(),
      weightTolerance: ctx.services.weightTolerance,
      districts: ctx.services.config.districts,
      ...(args.from ? { from: args.from } : {}),
      ...(args.to ? { to: args.to } : {}),
      visible: (n) => goodsVisible(ctx.scope, n.records),
    });
    // A transit still in progress turns overdue at its due time, with no new block.
    if (result.changesAtMs !== undefined) answerValidUntil(ctx, result.changesAtMs);
    ctx.services.metrics.traceDuration.observe(Number(process.hrtime.bigint() - started) / 1e9);
    ctx.services.metrics.ledgerCalls.inc(ctx.reader.calls);
    return { ...result, direction };
  },
};
