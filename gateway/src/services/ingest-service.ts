import type { Viewer } from '../auth/viewer';
import { ingestEvents, type IngestSummary } from '../ingest/ingest';
import { prototypeMemberPath } from '@cargotrace/model';
import { BadInputError, ForbiddenError, GatewayError } from './gateway-error';
import type { GatewayServices } from './gateway-services';

/** Records custody events for `viewer` (the appendEvents mutation and POST /api/v1/events): one
 * result per event, in request order; refuses callers who do not record custody and batches
 * above the configured size before anything is submitted. */
export async function appendEvents(services: GatewayServices, viewer: Viewer, events: unknown[]): Promise<IngestSummary> {
  if (viewer.orgKind === 'partner-customs') throw new ForbiddenError('partner customs do not record custody events');
  if (events.length === 0) throw new BadInputError('events must not be empty', { argument: 'events' });
  const max = services.limits.maxEventsPerRequest;
  if (events.length > max)
    throw new BadInputError(`at most ${max} events per request`, { argument: 'events', details: { reason: 'BATCH_TOO_LARGE' } });
  const summary = await ingestEvents(services.backend, services.config, viewer.userId, events, services.limits.maxChunk);
  services.metrics.ingestedEvents.inc({ status: 'accepted' }, summary.accepted);
  services.metrics.ingestedEvents.inc({ status: 'duplicate' }, summary.duplicates);
  services.metrics.ingestedEvents.inc({ status: 'rejected' }, summary.rejected);
  return summary;
}

/** The events of a REST request body: a JSON array, or an object with an `events` array. */
export function eventsOfBody(body: unknown): unknown[] {
  refusePrototypeMembers(body);
  if (Array.isArray(body)) return body;
  const events = body && typeof body === 'object' ? (body as { events?: unknown }).events : undefined;
  if (Array.isArray(events)) return events;
  throw new BadInputError('expected a JSON array of events or {"events": [...]}', { code: 'BAD_REQUEST' });
}

/** Refuses input carrying a `__proto__`, `constructor` or `prototype` member anywhere (code
 * PROTOTYPE_MEMBER with its JSON Pointer): such input is never accepted, whatever its path in. */
export function refusePrototypeMembers(value: unknown): void {
  const path = prototypeMemberPath(value);
  if (path !== undefined) throw new GatewayError('PROTOTYPE_MEMBER', `${path}: prototype-named members are not accepted`, 400, { path });
}
