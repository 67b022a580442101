import { answerValidUntil } from '../../http/answer-cache';
import { channelForDistrict } from '@cargotrace/network';
import { eventTimeMs, type LocatedRecord } from '../../model/custody';
import { districtSubtree } from '../../scope/read-scope';
import type { GatewayContext } from '../context';
import { badInput, forbidden } from '../errors';
import { findGoods, goodsVisibility, ledger, recordVisible, requireCustodyReader } from './shared';

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
  throw badInput('after: not a cursor of this API', { code: 'BAD_USER_INPUT', argument: 'after' });
}

const listOrder = (a: LocatedRecord, b: LocatedRecord) => eventTimeMs(a.event) - eventTimeMs(b.event) || (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0);

export function matchesFilter(r: LocatedRecord, f: EventFilterArgs | null | undefined, districtSet?: Set<string>): boolean {
  if (!f) return true;
  const e = r.event;
  if (districtSet && !districtSet.has(e.district)) return false;
  if (f.kind && e.kind !== f.kind) return false;
  if (f.goodsId && !(e.goods ?? []).some((g) => g.id === f.goodsId && (!f.goodsType || g.type === f.goodsType))) return false;
  if (f.from && eventTimeMs(e) < Date.parse(f.from)) return false;
  if (f.to && eventTimeMs(e) > Date.parse(f.to)) return false;
  return true;
}

export const queryResolvers = {
  viewer: (_: unknown, __: unknown, ctx: GatewayContext) => ({
    ...ctx.viewer,
    scope: ctx.scope.kind === 'mutual-recognition' ? 'MUTUAL_RECOGNITION' : ctx.scope.kind.toUpperCase(),
    scopeDistricts: ctx.scope.kind === 'districts' ? [...ctx.scope.districts] : null,
  }),

  districts: (_: unknown, __: unknown, ctx: GatewayContext) =>
    ctx.services.config.districts.map((d) => ({ ...d, channel: channelForDistrict(ctx.services.config, d.code) ?? null })),

  verify: async (_: unknown, args: { channel: string }, ctx: GatewayContext) => {
    if (ctx.viewer.orgKind !== 'gacc' && ctx.viewer.orgKind !== 'customs') throw forbidden('only customs may verify channels');
    if (!ctx.services.config.channels.some((c) => c.name === args.channel)) throw badInput(`unknown channel ${args.channel}`);
    const r = await ledger(() => ctx.services.backend.verify(args.channel));
    return { channel: r.channel, ok: r.ok, height: r.height, firstBadBlock: r.firstBad?.blockNumber ?? null, firstBadTxId: r.firstBad?.txId ?? null, reason: r.firstBad?.reason ?? null };
  },

  goods: async (_: unknown, args: { id: string; type?: string | null }, ctx: GatewayContext) => {
    requireCustodyReader(ctx);
    const goods = await ledger(() => findGoods(ctx.reader, args.id, args.type));
    if (!goods) return null;
    const [holders, records] = await ledger(() => Promise.all([ctx.reader.holders(goods), ctx.reader.goodsEvents(goods)]));
    if (!(await goodsVisibility(ctx)(goods))) return null;
    return {
      type: goods.type,
      id: goods.id,
      districts: [...new Set(records.map((r) => r.event.district))],
      state: Object.fromEntries(holders),
      events: records,
    };
  },

  events: async (_: unknown, args: { filter?: EventFilterArgs | null; first?: number | null; after?: string | null }, ctx: GatewayContext) => {
    requireCustodyReader(ctx);
    const first = Math.min(Math.max(args.first ?? 20, 1), 500);
    const after = args.after ? decodeCursor(args.after) : undefined;
    const f = args.filter ?? {};
    const config = ctx.services.config;
    const visible = goodsVisibility(ctx);
    let candidates: LocatedRecord[];
    let districtSet: Set<string> | undefined;
    if (f.goodsId) {
      const goods = await ledger(() => findGoods(ctx.reader, f.goodsId!, f.goodsType));
      candidates = goods ? await ledger(() => ctx.reader.goodsEvents(goods)) : [];
      if (f.district) districtSet = districtSubtree(config, f.district);
    } else {
      if (f.district && !config.districts.some((d) => d.code === f.district)) throw badInput(`unknown district ${f.district}`);
      const now = Date.now();
      // The default window moves with the clock: such an answer is not kept.
      if (!f.from || !f.to) answerValidUntil(ctx, now);
      const toMs = f.to ? Date.parse(f.to) + 1 : now + DAY;
      const fromMs = f.from ? Date.parse(f.from) : Math.min(toMs, now) - DEFAULT_WINDOW_DAYS * DAY;
      if (toMs - fromMs > MAX_WINDOW_DAYS * DAY) throw badInput(`the time range may span at most ${MAX_WINDOW_DAYS} days`, { argument: 'filter' });
      const from = new Date(fromMs).toISOString();
      const to = new Date(toMs).toISOString();
      const sources: { channel: string; fcn: 'custody:queryEventsByDistrict' | 'custody:queryEventsByKind'; key: string }[] = [];
      if (f.district || !f.kind) {
        districtSet = f.district
          ? districtSubtree(config, f.district)
          : ctx.scope.kind === 'districts'
            ? new Set(ctx.scope.districts)
            : new Set(config.districts.map((d) => d.code));
        for (const d of districtSet) {
          const channel = channelForDistrict(config, d);
          if (channel) sources.push({ channel, fcn: 'custody:queryEventsByDistrict', key: d });
        }
      } else {
        for (const c of config.channels) if (c.kind === 'district') sources.push({ channel: c.name, fcn: 'custody:queryEventsByKind', key: f.kind });
      }
      const lists = await ledger(() =>
        Promise.all(
          sources.map(async (s) => {
            const out: LocatedRecord[] = [];
            let bookmark = '';
            for (;;) {
              const page = await ctx.reader.queryPage(s.channel, s.fcn, s.key, from, to, 500, bookmark);
              out.push(...page.records);
              if (page.done || out.length >= ctx.services.limits.maxScan) break;
              bookmark = page.bookmark;
            }
            return out;
          }),
        ),
      );
      const byId = new Map<string, LocatedRecord>();
      for (const l of lists) for (const r of l) if (!byId.has(r.event.id)) byId.set(r.event.id, r);
      candidates = [...byId.values()];
    }
    candidates = candidates.filter((r) => matchesFilter(r, f, districtSet)).sort(listOrder);
    if (after) {
      const [t, id] = after;
      candidates = candidates.filter((r) => eventTimeMs(r.event) > t || (eventTimeMs(r.event) === t && r.event.id > id));
    }
    const page: LocatedRecord[] = [];
    let hasNextPage = false;
    for (const r of candidates) {
      if (!(await ledger(() => recordVisible(ctx.scope, r, visible)))) continue;
      if (page.length === first) {
        hasNextPage = true;
        break;
      }
      page.push(r);
    }
    const edges = page.map((r) => ({ cursor: encodeCursor(r), node: r }));
    return {
      edges,
      pageInfo: { hasNextPage, hasPreviousPage: after !== undefined, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
    };
  },
};
