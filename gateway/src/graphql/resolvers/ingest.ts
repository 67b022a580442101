import { ingestEvents, type IngestSummary } from '../../ingest/ingest';
import type { GatewayContext, GatewayServices } from '../context';
import { badInput, forbidden } from '../errors';
import type { Viewer } from '../../auth/viewer';

/** Shared by the mutation and POST /api/v1/events. */
export async function appendEventsAs(services: GatewayServices, viewer: Viewer, events: unknown[]): Promise<IngestSummary> {
  if (viewer.orgKind === 'partner-customs') throw forbidden('partner customs do not record custody events');
  if (events.length === 0) throw badInput('events must not be empty', { argument: 'events' });
  if (events.length > services.limits.maxEventsPerRequest) {
    throw badInput(`at most ${services.limits.maxEventsPerRequest} events per request`, { argument: 'events', reason: 'BATCH_TOO_LARGE' });
  }
  const summary = await ingestEvents(services.backend, services.config, viewer.userId, events, services.limits.maxChunk);
  services.metrics.ingestedEvents.inc({ status: 'accepted' }, summary.accepted);
  services.metrics.ingestedEvents.inc({ status: 'duplicate' }, summary.duplicates);
  services.metrics.ingestedEvents.inc({ status: 'rejected' }, summary.rejected);
  return summary;
}

export const ingestResolvers = {
  appendEvents: (_: unknown, args: { events: unknown[] }, ctx: GatewayContext) => appendEventsAs(ctx.services, ctx.viewer, args.events),
};
