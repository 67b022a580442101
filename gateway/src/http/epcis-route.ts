import type { Request, Response } from 'express';
import { BIZSTEP_TO_KIND, EPCIS_EVENT_TYPES, custodyToEpcisEvent, toEpcisDocument, uriToGoods } from '@cargotrace/client-sdk';
import type { Viewer } from '../auth/viewer';
import type { GatewayContext, GatewayServices } from '../graphql/context';
import { queryResolvers, type EventFilterArgs } from '../graphql/resolvers/queries';
import type { LocatedRecord } from '../model/custody';
import { readScopeOf } from '../scope/read-scope';
import { LedgerReader, SERVICE_USER } from '../trace/ledger-reader';

/** The EPCIS 2.0 query parameters this endpoint understands; anything else is refused rather
 * than silently ignored, as the standard's QueryParameterException asks. */
const KNOWN = new Set(['eventType', 'GE_eventTime', 'LT_eventTime', 'MATCH_epc', 'EQ_bizStep', 'EQ_bizLocation', 'perPage', 'nextPageToken']);

class QueryParameterError extends Error {
  constructor(readonly parameter: string, message: string) {
    super(message);
  }
}

function one(req: Request, name: string): string | undefined {
  const v = req.query[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new QueryParameterError(name, `${name} must be given once`);
  return v;
}

function time(req: Request, name: string): string | undefined {
  const v = one(req, name);
  if (v !== undefined && Number.isNaN(Date.parse(v))) throw new QueryParameterError(name, `${name} is not a date-time: ${v}`);
  return v;
}

/** Strips the CBV prefixes a bizStep may carry, as the import mapping does. */
const bareBizStep = (v: string) => v.replace(/^urn:epcglobal:cbv:bizstep:|^https?:\/\/ref\.gs1\.org\/cbv\/BizStep-/, '');

/** GET /epcis/events: the caller's custody events as an EPCIS 2.0 query document, through the
 * same scope and ledger reads as GraphQL `events`. Time range, goods (MATCH_epc), bizStep and
 * bizLocation become the events filter; eventType is applied to the mapped EPCIS events. */
export function epcisEventsRoute(services: GatewayServices, viewerOf: (res: Response) => Viewer | undefined) {
  return async (req: Request, res: Response): Promise<void> => {
    try {
      for (const name of Object.keys(req.query)) {
        if (!KNOWN.has(name)) throw new QueryParameterError(name, `unsupported query parameter ${name}; supported: ${[...KNOWN].join(', ')}`);
      }
      const eventTypes = one(req, 'eventType')?.split(',').filter(Boolean);
      for (const t of eventTypes ?? []) {
        if (!(EPCIS_EVENT_TYPES as readonly string[]).includes(t)) throw new QueryParameterError('eventType', `unknown eventType ${t}`);
      }
      const filter: EventFilterArgs = {};
      const from = time(req, 'GE_eventTime');
      const lt = time(req, 'LT_eventTime');
      if (from) filter.from = from;
      // `to` is inclusive in the events filter; LT_eventTime is exclusive.
      if (lt) filter.to = new Date(Date.parse(lt) - 1).toISOString();
      const epc = one(req, 'MATCH_epc');
      if (epc) {
        const goods = uriToGoods(epc);
        filter.goodsId = goods.id;
        filter.goodsType = goods.type;
      }
      const bizStep = one(req, 'EQ_bizStep');
      if (bizStep) {
        const kind = BIZSTEP_TO_KIND[bareBizStep(bizStep)] ?? (bizStep.startsWith('urn:cargotrace:bizstep:') ? bizStep.slice(23).toUpperCase() : undefined);
        if (!kind) throw new QueryParameterError('EQ_bizStep', `no custody event kind maps to bizStep ${bizStep}`);
        filter.kind = kind;
      }
      const bizLocation = one(req, 'EQ_bizLocation');
      const perPage = Number(one(req, 'perPage') ?? 100);
      if (!Number.isInteger(perPage) || perPage < 1 || perPage > 500) throw new QueryParameterError('perPage', 'perPage must be a whole number from 1 to 500');
      const after = one(req, 'nextPageToken');

      const viewer = viewerOf(res)!;
      const ctx = { viewer, scope: readScopeOf(viewer, services.config), reader: new LedgerReader(services.backend, services.config, SERVICE_USER, services.readCache), services } as GatewayContext;
      const connection = await queryResolvers.events(undefined, { filter, first: perPage, ...(after ? { after } : {}) }, ctx);
      const records = connection.edges.map((e: { node: LocatedRecord }) => e.node);
      const kept = records.filter((r) => {
        const epcis = custodyToEpcisEvent(r);
        if (eventTypes && !eventTypes.includes(String(epcis.type))) return false;
        if (bizLocation) {
          const loc = (epcis.bizLocation as { id?: string } | undefined)?.id;
          if (loc !== bizLocation && r.event.site !== bizLocation) return false;
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
      if (err instanceof QueryParameterError) {
        res.status(400).json({ type: 'epcisException:QueryParameterException', title: err.message, status: 400, error: { code: 'BAD_QUERY_PARAMETER', path: err.parameter, message: err.message } });
        return;
      }
      const code = (err as { extensions?: { code?: string } }).extensions?.code;
      if (code === 'FORBIDDEN') {
        res.status(403).json({ type: 'epcisException:SecurityException', title: (err as Error).message, status: 403, error: { code } });
        return;
      }
      if (code === 'BAD_USER_INPUT') {
        res.status(400).json({ type: 'epcisException:QueryParameterException', title: (err as Error).message, status: 400, error: { code } });
        return;
      }
      res.status(500).json({ type: 'epcisException:ImplementationException', title: 'internal error', status: 500, error: { code: 'INTERNAL' } });
    }
  };
}
