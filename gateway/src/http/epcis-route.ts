import type { Request, Response } from 'express';
import { BIZSTEP_TO_KIND, EPCIS_EVENT_TYPES, custodyToEpcisEvent, toEpcisDocument, uriToGoods } from '@cargotrace/model/epcis';
import { listEvents, type EventFilterArgs } from '../services/events-service';
import { BadInputError, GatewayError } from '../services/gateway-error';
import type { GatewayServices } from '../services/gateway-services';
import { requestScopeOf } from '../services/request-scope';
import { authenticatedViewer } from './viewer-of';

/** The EPCIS 2.0 query parameters this endpoint understands; anything else is refused rather
 * than silently ignored, as the standard's QueryParameterException asks. */
const KNOWN = new Set([
  'eventType',
  'GE_eventTime',
  'LT_eventTime',
  'MATCH_epc',
  'EQ_bizStep',
  'EQ_bizLocation',
  'perPage',
  'nextPageToken',
]);

/** A query parameter the endpoint cannot use (EPCIS QueryParameterException). */
const badParameter = (parameter: string, message: string) =>
  new BadInputError(message, { argument: parameter, code: 'BAD_QUERY_PARAMETER' });

/** Longer parameter values are refused: no identifier, time or cursor comes near it. */
const MAX_PARAMETER_LENGTH = 1024;

function one(req: Request, name: string): string | undefined {
  const v = req.query[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw badParameter(name, `${name} must be given once`);
  if (v.length > MAX_PARAMETER_LENGTH) throw badParameter(name, `${name} is longer than ${MAX_PARAMETER_LENGTH} characters`);
  return v;
}

function time(req: Request, name: string): string | undefined {
  const v = one(req, name);
  if (v !== undefined && Number.isNaN(Date.parse(v))) throw badParameter(name, `${name} is not a date-time: ${v}`);
  return v;
}

/** Strips the CBV prefixes a bizStep may carry, as the import mapping does. */
const bareBizStep = (v: string) => v.replace(/^urn:epcglobal:cbv:bizstep:|^https?:\/\/ref\.gs1\.org\/cbv\/BizStep-/, '');

interface EpcisQuery {
  filter: EventFilterArgs;
  eventTypes?: string[];
  bizLocation?: string;
  perPage: number;
  after?: string;
}

/** The EPCIS query parameters as an events filter, or a BAD_QUERY_PARAMETER error naming the
 * parameter. */
function epcisQueryOf(req: Request): EpcisQuery {
  for (const name of Object.keys(req.query)) {
    if (!KNOWN.has(name)) throw badParameter(name, `unsupported query parameter ${name}; supported: ${[...KNOWN].join(', ')}`);
  }
  const eventTypes = eventTypesOf(req);
  const filter = eventsFilterOf(req);
  const bizLocation = one(req, 'EQ_bizLocation');
  const perPage = perPageOf(req);
  const after = one(req, 'nextPageToken');
  return {
    filter,
    perPage,
    ...(eventTypes ? { eventTypes } : {}),
    ...(bizLocation ? { bizLocation } : {}),
    ...(after ? { after } : {}),
  };
}

function eventTypesOf(req: Request): string[] | undefined {
  const eventTypes = one(req, 'eventType')?.split(',').filter(Boolean);
  for (const t of eventTypes ?? []) {
    if (!(EPCIS_EVENT_TYPES as readonly string[]).includes(t)) throw badParameter('eventType', `unknown eventType ${t}`);
  }
  return eventTypes;
}

/** The time window, goods and kind parameters as an events filter. */
function eventsFilterOf(req: Request): EventFilterArgs {
  const filter: EventFilterArgs = {};
  const from = time(req, 'GE_eventTime');
  const lt = time(req, 'LT_eventTime');
  if (from) filter.from = from;
  // `to` is inclusive in the events filter; LT_eventTime is exclusive.
  if (lt) filter.to = new Date(Date.parse(lt) - 1).toISOString();
  const epc = one(req, 'MATCH_epc');
  if (epc) {
    const goods = goodsOfEpc(epc);
    if (!goods.id) throw badParameter('MATCH_epc', `MATCH_epc names no goods: ${epc}`);
    filter.goodsId = goods.id;
    filter.goodsType = goods.type;
  }
  const bizStep = one(req, 'EQ_bizStep');
  if (bizStep) filter.kind = kindOfBizStep(bizStep);
  return filter;
}

/** The goods an EPC URI names; a malformed one (e.g. a broken %-escape) is a bad parameter. */
function goodsOfEpc(epc: string): ReturnType<typeof uriToGoods> {
  try {
    return uriToGoods(epc);
  } catch {
    throw badParameter('MATCH_epc', `MATCH_epc is not an EPC URI: ${epc}`);
  }
}

/** The custody event kind of a CBV bizStep, or of a `urn:cargotrace:bizstep:` one. Only the
 * vocabulary's own entries count (`constructor` is no bizStep). */
function kindOfBizStep(bizStep: string): string {
  const bare = bareBizStep(bizStep);
  const kind = Object.hasOwn(BIZSTEP_TO_KIND, bare)
    ? BIZSTEP_TO_KIND[bare]
    : bizStep.startsWith('urn:cargotrace:bizstep:')
      ? bizStep.slice(23).toUpperCase()
      : undefined;
  if (!kind) throw badParameter('EQ_bizStep', `no custody event kind maps to bizStep ${bizStep}`);
  return kind;
}

function perPageOf(req: Request): number {
  const perPage = Number(one(req, 'perPage') ?? 100);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 500)
    throw badParameter('perPage', 'perPage must be a whole number from 1 to 500');
  return perPage;
}

/** The EPCIS transport's one error mapping: a service error becomes the EPCIS exception of its
 * status (403 SecurityException, 400 QueryParameterException) with the code and the parameter's
 * path; anything else is an ImplementationException without details. */
function sendEpcisError(res: Response, err: unknown): void {
  if (err instanceof GatewayError && err.status === 403) {
    res.status(403).json({ type: 'epcisException:SecurityException', title: err.message, status: 403, error: { code: err.code } });
  } else if (err instanceof GatewayError && err.status === 400) {
    const error = { code: err.code, ...(err.path !== undefined ? { path: err.path } : {}), message: err.message };
    res.status(400).json({ type: 'epcisException:QueryParameterException', title: err.message, status: 400, error });
  } else if (err instanceof GatewayError && err.status === 503) {
    // Not there yet (e.g. read-your-writes heights the query store has not applied): try again later.
    res.status(503).json({ type: 'epcisException:ImplementationException', title: err.message, status: 503, error: { code: err.code } });
  } else {
    if (!(err instanceof GatewayError)) console.error('[gateway] unhandled error:', err);
    res
      .status(500)
      .json({ type: 'epcisException:ImplementationException', title: 'internal error', status: 500, error: { code: 'INTERNAL' } });
  }
}

/** GET /epcis/events: the caller's custody events as an EPCIS 2.0 query document, through the
 * events service as GraphQL `events`. Time range, goods (MATCH_epc), bizStep and bizLocation
 * become the events filter; eventType is applied to the mapped EPCIS events. */
export function epcisEventsRoute(services: GatewayServices) {
  return async (req: Request, res: Response): Promise<void> => {
    try {
      const query = epcisQueryOf(req);
      const request = requestScopeOf(services, authenticatedViewer(res));
      const connection = await listEvents(request, {
        filter: query.filter,
        first: query.perPage,
        ...(query.after ? { after: query.after } : {}),
      });
      const kept = connection.edges
        .map((e) => e.node)
        .filter((r) => {
          const epcis = custodyToEpcisEvent(r);
          if (query.eventTypes && !query.eventTypes.includes(String(epcis.type))) return false;
          if (query.bizLocation) {
            const loc = (epcis.bizLocation as { id?: string } | undefined)?.id;
            if (loc !== query.bizLocation && r.event.site !== query.bizLocation) return false;
          }
          return true;
        });
      if (connection.pageInfo.hasNextPage && connection.pageInfo.endCursor) {
        const next = new URL(req.originalUrl, 'http://gateway');
        next.searchParams.set('nextPageToken', connection.pageInfo.endCursor);
        res.set('Link', `<${next.pathname}${next.search}>; rel="next"`);
      }
      res.type('application/ld+json').send(JSON.stringify(toEpcisDocument(kept, { queryName: 'SimpleEventQuery' })));
    } catch (err) {
      sendEpcisError(res, err);
    }
  };
}
