/** Pure computations of the dashboard (no DOM): clearance time, counts by kind, open transits. */

export interface EventLike {
  id: string;
  kind: string;
  eventTime: string;
  district: string;
  goods: { type: string; id: string }[];
  references?: { type: string; id: string }[] | null;
  transit?: { destinationDistrict?: string | null; dueBy?: string | null } | null;
}

export const goodsKey = (g: { type: string; id: string }) => `${g.type}:${g.id}`;

/** Percentile by linear interpolation between closest ranks (p in 0..100). */
export function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const v = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (v.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return v[lo] + (v[hi] - v[lo]) * (rank - lo);
}

/** The calendar day of an event in the local time it was recorded in (the offset of its
 * eventTime: districts record in local time). */
export function localDay(eventTime: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T/.exec(eventTime);
  return m ? m[1] : new Date(eventTime).toISOString().slice(0, 10);
}

export interface Clearance {
  goods: string;
  district: string;
  startEventId: string;
  releaseEventId: string;
  /** Milliseconds from the declaration or arrival to the release. */
  durationMs: number;
  day: string;
}

export interface ClearanceDay {
  day: string;
  count: number;
  p50Ms: number;
  p90Ms: number;
}

const START_KINDS = new Set(['DECLARED', 'ARRIVED']);

/** Clearances: each RELEASED paired with the earliest DECLARED or ARRIVED of the same goods in the
 * same district since that goods' previous release there; when the district has none (declared
 * inland, released at the border), the latest earlier declaration anywhere. */
export function clearances(events: EventLike[]): Clearance[] {
  const out: Clearance[] = [];
  for (const [goods, list] of eventsByGoods(events)) {
    list.sort((a, b) => Date.parse(a.eventTime) - Date.parse(b.eventTime));
    const lastRelease = new Map<string, number>();
    list.forEach((rel, i) => {
      if (rel.kind !== 'RELEASED') return;
      const relT = Date.parse(rel.eventTime);
      const since = lastRelease.get(rel.district) ?? -Infinity;
      const start = clearanceStart(list.slice(0, i), rel, since, relT);
      lastRelease.set(rel.district, relT);
      if (!start) return;
      out.push({
        goods,
        district: rel.district,
        startEventId: start.id,
        releaseEventId: rel.id,
        durationMs: relT - Date.parse(start.eventTime),
        day: localDay(rel.eventTime),
      });
    });
  }
  return out.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

function eventsByGoods(events: EventLike[]): Map<string, EventLike[]> {
  const byGoods = new Map<string, EventLike[]>();
  for (const e of events) {
    for (const g of e.goods) {
      const k = goodsKey(g);
      let l = byGoods.get(k);
      if (!l) byGoods.set(k, (l = []));
      l.push(e);
    }
  }
  return byGoods;
}

/** Where the clearance released by `rel` started, among the goods' earlier events (time order):
 * the earliest declaration or arrival in its district since `since`, else the latest earlier
 * declaration anywhere. */
function clearanceStart(earlier: EventLike[], rel: EventLike, since: number, relT: number): EventLike | undefined {
  const here = earlier.find((e) => {
    const t = Date.parse(e.eventTime);
    return e.district === rel.district && START_KINDS.has(e.kind) && t > since && t <= relT;
  });
  if (here) return here;
  for (let j = earlier.length - 1; j >= 0; j--) {
    const e = earlier[j];
    if (e.kind === 'DECLARED' && Date.parse(e.eventTime) > since) return e;
  }
  return undefined;
}

/** p50 and p90 of clearance time per day of release. */
export function clearanceByDay(events: EventLike[]): ClearanceDay[] {
  const days = new Map<string, number[]>();
  for (const c of clearances(events)) {
    let l = days.get(c.day);
    if (!l) days.set(c.day, (l = []));
    l.push(c.durationMs);
  }
  return [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, v]) => ({ day, count: v.length, p50Ms: percentile(v, 50) ?? 0, p90Ms: percentile(v, 90) ?? 0 }));
}

/** Event counts by kind, most frequent first (then by name). */
export function countsByKind(events: EventLike[]): { kind: string; count: number }[] {
  const m = new Map<string, number>();
  for (const e of events) m.set(e.kind, (m.get(e.kind) ?? 0) + 1);
  return [...m.entries()].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count || (a.kind < b.kind ? -1 : 1));
}

export interface OpenTransit {
  goods: { type: string; id: string };
  handOffEventId: string;
  fromDistrict: string;
  toDistrict: string;
  handedOffAt: string;
  dueBy?: string;
  status: 'IN_TRANSIT' | 'OVERDUE';
}

/** Hand-offs for transit that no later take-over in the destination district answers, among the
 * events given. The take-over may lie outside the caller's listing, so the dashboard confirms
 * these with the gateway's crossings before showing them. */
export function openTransits(events: EventLike[], now: number): OpenTransit[] {
  const out: OpenTransit[] = [];
  const sorted = [...events].sort((a, b) => Date.parse(a.eventTime) - Date.parse(b.eventTime));
  for (let i = 0; i < sorted.length; i++) {
    const h = sorted[i];
    if (h.kind !== 'HANDED_OFF' || !h.transit?.destinationDistrict) continue;
    const dest = h.transit.destinationDistrict;
    for (const g of h.goods) {
      const k = goodsKey(g);
      const answered = sorted
        .slice(i + 1)
        .some((e) => e.kind === 'TAKEN_OVER' && e.district === dest && e.goods.some((x) => goodsKey(x) === k));
      if (answered) continue;
      const due = h.transit.dueBy ?? undefined;
      out.push({
        goods: g,
        handOffEventId: h.id,
        fromDistrict: h.district,
        toDistrict: dest,
        handedOffAt: h.eventTime,
        ...(due ? { dueBy: due } : {}),
        status: due && Date.parse(due) < now ? 'OVERDUE' : 'IN_TRANSIT',
      });
    }
  }
  return out;
}

/** "1 h 05 min", "40 min", "2 d 3 h". */
export function formatDuration(ms: number): string {
  const min = Math.round(ms / 60000);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ${String(min % 60).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** Infers the goods type of a search term, or undefined to let the gateway try every type.
 * Declarations and manifests are references of events, not goods: `reference` says so. */
export function inferGoodsType(id: string): { type?: string; reference?: 'declaration' | 'manifest' | 'transit' | 'bill-of-lading' } {
  const s = id.trim();
  if (/^[A-Z]{4}\d{7}$/.test(s)) return { type: 'container' };
  if (/^urn:epc:/i.test(s)) return { type: 'epc' };
  if (/^https?:\/\//i.test(s)) return { type: 'digital-link' };
  if (/^\d{18}$/.test(s)) return { reference: 'declaration' };
  if (/^Z\d{15}$/.test(s)) return { reference: 'transit' };
  if (/^MFT-/i.test(s) && !s.includes('/')) return { reference: 'manifest' };
  if (/^MFT-.*\/\d+$/i.test(s)) return { type: 'consignment' };
  if (/^LOT-/i.test(s)) return { type: 'lot' };
  if (/^PN-/i.test(s)) return { type: 'part' };
  return {};
}
