import { districtsOf, goodsDetail, listEvents, verifyChannel, viewerProfile, type EventPageArgs } from '../../services/events-service';
import type { GatewayContext } from '../context';

export const queryResolvers = {
  viewer: (_: unknown, __: unknown, ctx: GatewayContext) => viewerProfile(ctx),
  districts: (_: unknown, __: unknown, ctx: GatewayContext) => districtsOf(ctx),
  verify: (_: unknown, args: { channel: string }, ctx: GatewayContext) => verifyChannel(ctx, args.channel),
  goods: (_: unknown, args: { id: string; type?: string | null }, ctx: GatewayContext) => goodsDetail(ctx, args.id, args.type),
  events: (_: unknown, args: EventPageArgs, ctx: GatewayContext) => listEvents(ctx, args),
};
