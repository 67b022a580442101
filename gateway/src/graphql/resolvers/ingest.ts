import { appendEvents } from '../../services/ingest-service';
import type { GatewayContext } from '../context';

export const ingestResolvers = {
  appendEvents: (_: unknown, args: { events: unknown[] }, ctx: GatewayContext) => appendEvents(ctx.services, ctx.viewer, args.events),
};
