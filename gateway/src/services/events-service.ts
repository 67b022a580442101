import { EVENT_KINDS } from '@cargotrace/model';
import { channelForDistrict } from '@cargotrace/network';
import { eventTimeMs, type LocatedRecord } from '../model/custody';
import { districtSubtree } from '../scope/read-scope';
import { BadInputError, ForbiddenError } from './gateway-error';
import { findGoods, goodsVisibility, recordVisible, requireCustodyReader } from './goods-lookup';
import { ledger } from './ledger-call';
import { answerValidUntil, type RequestScope } from './request-scope';

const DAY = 86_400_000;
/** Listing window when the filter names no time range (the chaincode's time index is per day). */
export const DEFAULT_WINDOW_DAYS = 90;
/** The chaincode refuses ranges over 1,000 days. */
const MAX_WINDOW_DAYS = 1000;

export interface EventFilterArgs {
  district?: string | null;
  kind?: string | null;
  goodsType?: string | null;
  goodsId?: string | null;
  from?: string | null;
  to?: string | null;
}

export function encodeCursor(r: LocatedRecord): string {
  return Buffer.from(JSON.stringify([eventTimeMs(r.event), r.event.id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): [number, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {
    // fall through
  }
  throw new BadInputError('after: not a cursor of this API', { argument: 'after' });
}

const listOrder = (a: LocatedRecord, b: LocatedRecord) =>
  eventTimeMs(a.event) - eventTimeMs(b.event) || (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0);

export function matchesFilter(r: LocatedRecord, f: EventFilterArgs | null | undefined, districtSet?: Set<string>): boolean {
  if (!f) return true;
  const e = r.event;
  if (districtSet && !districtSet.has(e.district)) return false;
  if (f.kind && e.kind !== f.kind) return false;
  if (f.goodsId && !e.goods.some((g) => g.id === f.goodsId && (!f.goodsType || g.type === f.goodsType))) return false;
  return inTimeRange(eventTimeMs(e), f);
}

/** Whether an event time lies within the filter's inclusive `from`–`to`. */
function inTimeRange(ms: number, f: EventFilterArgs): boolean {
  if (f.from && ms < Date.parse(f.from)) return false;
  return !(f.to && ms > Date.parse(f.to));
}

export interface EventPageArgs {
  filter?: EventFilterArgs | null;
  first?: number | null;
  after?: string | null;
}

export interface EventPage {
  edges: { cursor: string; node: LocatedRecord }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** Candidate records before filtering, with the districts they must lie in (if any). */
interface Candidates {
  records: LocatedRecord[];
  districtSet?: Set<string>;
}

/** One page of the custody events the caller may see, oldest first (GraphQL `events`, EPCIS
 * `GET /epcis/events`): by goods through its index, else by district or kind over a time window. */
export async function listEvents(request: RequestScope, args: EventPageArgs): Promise<EventPage> {
  requireCustodyReader(request);
  const first = Math.min(Math.max(args.first ?? 20, 1), 500);
  const after = args.after ? decodeCursor(args.after) : undefined;
  const f = args.filter ?? {};
  if (f.kind && !(EVENT_KINDS as readonly string[]).includes(f.kind))
    throw new BadInputError(`unknown event kind ${f.kind}`, { argument: 'filter', code: 'UNKNOWN_EVENT_KIND' });
  const { records, districtSet } = f.goodsId ? await candidatesOfGoods(request, f, f.goodsId) : await candidatesInWindow(request, f);
  let ordered = records.filter((r) => matchesFilter(r, f, districtSet)).sort(listOrder);
  if (after) {
    const [t, id] = after;
    ordered = ordered.filter((r) => eventTimeMs(r.event) > t || (eventTimeMs(r.event) === t && r.event.id > id));
  }
  const { page, hasNextPage } = await visiblePage(request, ordered, first);
  const edges = page.map((r) => ({ cursor: encodeCursor(r), node: r }));
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

async function candidatesOfGoods(request: RequestScope, f: EventFilterArgs, goodsId: string): Promise<Candidates> {
  const goods = await ledger(() => findGoods(request.reader, goodsId, f.goodsType));
  const records = goods ? await ledger(() => request.reader.goodsEvents(goods)) : [];
  return { records, ...(f.district ? { districtSet: districtSubtree(request.services.config, f.district) } : {}) };
}

/** An index of one channel to read: by district or by kind. */
interface IndexSource {
  channel: string;
  fcn: 'custody:queryEventsByDistrict' | 'custody:queryEventsByKind';
  key: string;
}

/** Reads the district (or kind) time indexes over the filter's window, every page of each. */
async function candidatesInWindow(request: RequestScope, f: EventFilterArgs): Promise<Candidates> {
  const { config } = request.services;
  if (f.district && !config.districts.some((d) => d.code === f.district))
    throw new BadInputError(`unknown district ${f.district}`, { argument: 'filter' });
  const { from, to } = windowOf(request, f);
  const { sources, districtSet } = indexSourcesOf(request, f);
  const lists = await ledger(() => Promise.all(sources.map((s) => readIndex(request, s, from, to))));
  const byId = new Map<string, LocatedRecord>();
  for (const l of lists) for (const r of l) if (!byId.has(r.event.id)) byId.set(r.event.id, r);
  return { records: [...byId.values()], ...(districtSet ? { districtSet } : {}) };
}

/** The filter's time window as ISO bounds for the index queries (`to` exclusive): the default
 * window ends a day ahead of now and spans DEFAULT_WINDOW_DAYS; at most MAX_WINDOW_DAYS. */
function windowOf(request: RequestScope, f: EventFilterArgs): { from: string; to: string } {
  const now = Date.now();
  // The default window moves with the clock: such an answer is not kept.
  if (!f.from || !f.to) answerValidUntil(request, now);
  const toMs = f.to ? Date.parse(f.to) + 1 : now + DAY;
  const fromMs = f.from ? Date.parse(f.from) : Math.min(toMs, now) - DEFAULT_WINDOW_DAYS * DAY;
  if (toMs - fromMs > MAX_WINDOW_DAYS * DAY)
    throw new BadInputError(`the time range may span at most ${MAX_WINDOW_DAYS} days`, { argument: 'filter' });
  return { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() };
}

/** The district indexes of the filter's district (else of every district), or the kind index of
 * every district channel when only a kind is asked for. */
function indexSourcesOf(request: RequestScope, f: EventFilterArgs): { sources: IndexSource[]; districtSet?: Set<string> } {
  const { config } = request.services;
  if (!f.district && f.kind) {
    const kind = f.kind;
    const sources = config.channels
      .filter((c) => c.kind === 'district')
      .map((c): IndexSource => ({ channel: c.name, fcn: 'custody:queryEventsByKind', key: kind }));
    return { sources };
  }
  // Every district unless the filter names one: a caller sees all events of the goods it sees
  // (the trace's rule), wherever they were recorded; visiblePage keeps those.
  const districtSet = f.district ? districtSubtree(config, f.district) : new Set(config.districts.map((d) => d.code));
  const sources: IndexSource[] = [];
  for (const d of districtSet) {
    const channel = channelForDistrict(config, d);
    if (channel) sources.push({ channel, fcn: 'custody:queryEventsByDistrict', key: d });
  }
  return { sources, districtSet };
}

/** Every page of one index over the window, up to the scan limit. */
async function readIndex(request: RequestScope, s: IndexSource, from: string, to: string): Promise<LocatedRecord[]> {
  const out: LocatedRecord[] = [];
  let bookmark = '';
  for (;;) {
    const page = await request.reader.queryPage(s.channel, s.fcn, s.key, from, to, 500, bookmark);
    out.push(...page.records);
    if (page.done || out.length >= request.services.limits.maxScan) break;
    bookmark = page.bookmark;
  }
  return out;
}

/** The first `first` records the caller may see, and whether more follow. */
async function visiblePage(
  request: RequestScope,
  ordered: LocatedRecord[],
  first: number,
): Promise<{ page: LocatedRecord[]; hasNextPage: boolean }> {
  const visible = goodsVisibility(request);
  const page: LocatedRecord[] = [];
  for (const r of ordered) {
    if (!(await ledger(() => recordVisible(request.scope, r, visible)))) continue;
    if (page.length === first) return { page, hasNextPage: true };
    page.push(r);
  }
  return { page, hasNextPage: false };
}

/** The caller as the API shows them, with the reach of their reads. */
export function viewerProfile(request: RequestScope) {
  return {
    ...request.viewer,
    scope: request.scope.kind === 'mutual-recognition' ? 'MUTUAL_RECOGNITION' : request.scope.kind.toUpperCase(),
    scopeDistricts: request.scope.kind === 'districts' ? [...request.scope.districts] : null,
  };
}

/** The configured districts with the channel carrying each. */
export function districtsOf(request: RequestScope) {
  const { config } = request.services;
  return config.districts.map((d) => ({ ...d, channel: channelForDistrict(config, d.code) ?? null }));
}

/** GACC verifies every channel; customs the district channel carrying their own district. */
function mayVerify(request: RequestScope, channel: { name: string; kind: string }): boolean {
  if (request.scope.kind === 'all') return true;
  return channel.kind === 'district' && channelForDistrict(request.services.config, request.viewer.district) === channel.name;
}

/** Re-checks a channel's hash chain (GACC any channel, customs their district's). */
export async function verifyChannel(request: RequestScope, channel: string) {
  if (request.viewer.orgKind !== 'gacc' && request.viewer.orgKind !== 'customs')
    throw new ForbiddenError('only customs may verify channels');
  const named = request.services.config.channels.find((c) => c.name === channel);
  if (!named) throw new BadInputError(`unknown channel ${channel}`, { argument: 'channel' });
  if (!mayVerify(request, named)) throw new ForbiddenError(`channel ${channel} carries no district of this caller`);
  const r = await ledger(() => request.services.backend.verify(channel));
  return {
    channel: r.channel,
    ok: r.ok,
    height: r.height,
    firstBadBlock: r.firstBad?.blockNumber ?? null,
    firstBadTxId: r.firstBad?.txId ?? null,
    reason: r.firstBad?.reason ?? null,
  };
}

/** A goods with its holders and events, or null when unknown or outside the caller's scope. */
export async function goodsDetail(request: RequestScope, id: string, type?: string | null) {
  requireCustodyReader(request);
  const goods = await ledger(() => findGoods(request.reader, id, type));
  if (!goods) return null;
  const [holders, records] = await ledger(() => Promise.all([request.reader.holders(goods), request.reader.goodsEvents(goods)]));
  if (!(await goodsVisibility(request)(goods))) return null;
  return {
    type: goods.type,
    id: goods.id,
    districts: [...new Set(records.map((r) => r.event.district))],
    state: Object.fromEntries(holders),
    events: records,
  };
}
