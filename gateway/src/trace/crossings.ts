import type { District } from '@cargotrace/network';
import { eventTimeMs, KIND, weightKg, type GoodsRef, type LocatedRecord } from '../model/custody';

export type CrossingVerdict =
  'MATCHED' | 'SEAL_MISMATCH' | 'WEIGHT_DEVIATION' | 'LATE' | 'OVERDUE' | 'IN_TRANSIT' | 'TAKEOVER_WITHOUT_HANDOFF';

/** A custody hand-off paired with its take-over (a transit, 转关, when the districts differ). */
export interface Crossing {
  goods: GoodsRef;
  handOff?: LocatedRecord;
  takeOver?: LocatedRecord;
  fromDistrict?: string;
  toDistrict?: string;
  dueBy?: string;
  /** The worst finding; MATCHED when there is none. */
  verdict: CrossingVerdict;
  /** Every finding (empty when matched). */
  issues: CrossingVerdict[];
  sealsOut?: string[];
  sealsIn?: string[];
  weightOutKg?: number;
  weightInKg?: number;
  /** |in − out| / out. */
  weightDeviation?: number;
}

export interface CrossingOptions {
  now: Date;
  /** Allowed relative weight deviation at take-over, default 0.02. */
  weightTolerance?: number;
  districts?: District[];
}

export const DEFAULT_WEIGHT_TOLERANCE = 0.02;

const sameSeals = (a: string[], b: string[]) => {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((s, i) => s === y[i]);
};

function within(districts: District[] | undefined, code: string, ancestor: string): boolean {
  if (code === ancestor) return true;
  if (!districts) return false;
  const byCode = new Map(districts.map((d) => [d.code, d]));
  for (let c: string | undefined = code; c !== undefined; c = byCode.get(c)?.parent) if (c === ancestor) return true;
  return false;
}

/** Pairs each hand-off of one goods with the first later take-over at its destination (first
 * come, first paired) and judges the pair. Unpaired hand-offs are overdue once `transit.dueBy` has
 * passed, in transit before; unpaired take-overs have no hand-off. `ordered` is the goods' events
 * in trace order.
 *
 * @example
 * ```ts
 * import { crossingsOf } from '@cargotrace/gateway';
 * const goods = { type: 'container', id: 'COSU6331218' } as const;
 * for (const c of crossingsOf(goods, orderedEvents, { now: new Date() })) console.log(c.fromDistrict, c.toDistrict, c.verdict);
 * ```
 */
export function crossingsOf(goods: GoodsRef, ordered: LocatedRecord[], options: CrossingOptions): Crossing[] {
  const tolerance = options.weightTolerance ?? DEFAULT_WEIGHT_TOLERANCE;
  const pending: LocatedRecord[] = [];
  const out: Crossing[] = [];
  for (const r of ordered) {
    if (r.event.kind === KIND.HANDED_OFF) pending.push(r);
    else if (r.event.kind === KIND.TAKEN_OVER) out.push(takeOverCrossing(goods, r, pending, options.districts, tolerance));
  }
  for (const h of pending) out.push(openCrossing(goods, h, options.now));
  return out.sort((a, b) => crossingTimeMs(a) - crossingTimeMs(b));
}

/** When a crossing started: its hand-off, else its take-over. */
function crossingTimeMs(c: Crossing): number {
  const first = c.handOff ?? c.takeOver;
  return first ? eventTimeMs(first.event) : 0;
}

/** A take-over paired with (and removed from) the first pending earlier hand-off to its
 * district, else with the first earlier one at all, else without a hand-off. */
function takeOverCrossing(
  goods: GoodsRef,
  t: LocatedRecord,
  pending: LocatedRecord[],
  districts: District[] | undefined,
  tolerance: number,
): Crossing {
  const e = t.event;
  const matchesDestination = (h: LocatedRecord) => {
    const dest = h.event.transit?.destinationDistrict;
    return dest === undefined || within(districts, e.district, dest) || within(districts, dest, e.district);
  };
  const i = pending.findIndex((h) => eventTimeMs(h.event) <= eventTimeMs(e) && matchesDestination(h));
  const j = i >= 0 ? i : pending.findIndex((h) => eventTimeMs(h.event) <= eventTimeMs(e));
  if (j >= 0) return judgePair(goods, pending.splice(j, 1)[0], t, tolerance);
  const weightIn = weightKg(e.weight);
  return {
    goods,
    takeOver: t,
    toDistrict: e.district,
    verdict: 'TAKEOVER_WITHOUT_HANDOFF',
    issues: ['TAKEOVER_WITHOUT_HANDOFF'],
    ...(e.seals ? { sealsIn: e.seals } : {}),
    ...(weightIn !== undefined ? { weightInKg: weightIn } : {}),
  };
}

/** A hand-off nothing has taken over: overdue once its transit's due time has passed. */
function openCrossing(goods: GoodsRef, h: LocatedRecord, now: Date): Crossing {
  const dueBy = h.event.transit?.dueBy;
  const overdue = dueBy !== undefined && Date.parse(dueBy) < now.getTime();
  const weightOut = weightKg(h.event.weight);
  return {
    goods,
    handOff: h,
    fromDistrict: h.event.district,
    ...(h.event.transit?.destinationDistrict ? { toDistrict: h.event.transit.destinationDistrict } : {}),
    ...(dueBy ? { dueBy } : {}),
    verdict: overdue ? 'OVERDUE' : 'IN_TRANSIT',
    issues: overdue ? ['OVERDUE'] : [],
    ...(h.event.seals ? { sealsOut: h.event.seals } : {}),
    ...(weightOut !== undefined ? { weightOutKg: weightOut } : {}),
  };
}

/** |in − out| / out, when both weights are known and out is positive. */
function weightDeviationOf(out: number | undefined, inn: number | undefined): number | undefined {
  return out !== undefined && inn !== undefined && out > 0 ? Math.abs(inn - out) / out : undefined;
}

function judgePair(goods: GoodsRef, h: LocatedRecord, t: LocatedRecord, tolerance: number): Crossing {
  const issues: CrossingVerdict[] = [];
  const sealsOut = h.event.seals;
  const sealsIn = t.event.seals;
  if (sealsOut && sealsOut.length > 0 && !sameSeals(sealsOut, sealsIn ?? [])) issues.push('SEAL_MISMATCH');
  const out = weightKg(h.event.weight);
  const inn = weightKg(t.event.weight);
  const deviation = weightDeviationOf(out, inn);
  if (deviation !== undefined && deviation > tolerance) issues.push('WEIGHT_DEVIATION');
  const dueBy = h.event.transit?.dueBy;
  if (dueBy !== undefined && eventTimeMs(t.event) > Date.parse(dueBy)) issues.push('LATE');
  return {
    goods,
    handOff: h,
    takeOver: t,
    fromDistrict: h.event.district,
    toDistrict: t.event.district,
    ...(dueBy ? { dueBy } : {}),
    verdict: issues[0] ?? 'MATCHED',
    issues,
    ...measuredFields(sealsOut, sealsIn, out, inn, deviation),
  };
}

/** The seals and weights a pair was judged on, those there are. */
function measuredFields(
  sealsOut: string[] | undefined,
  sealsIn: string[] | undefined,
  out: number | undefined,
  inn: number | undefined,
  deviation: number | undefined,
): Pick<Crossing, 'sealsOut' | 'sealsIn' | 'weightOutKg' | 'weightInKg' | 'weightDeviation'> {
  return {
    ...(sealsOut ? { sealsOut } : {}),
    ...(sealsIn ? { sealsIn } : {}),
    ...(out !== undefined ? { weightOutKg: out } : {}),
    ...(inn !== undefined ? { weightInKg: inn } : {}),
    ...(deviation !== undefined ? { weightDeviation: Math.round(deviation * 1e6) / 1e6 } : {}),
  };
}
