import { traceGoods, type TraceArgs } from '../../services/trace-service';
import type { GatewayContext } from '../context';

export const traceResolvers = {
  trace: (_: unknown, args: TraceArgs, ctx: GatewayContext) => traceGoods(ctx, args),
};
