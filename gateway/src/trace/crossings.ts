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
    const e = r.event;
    if (e.kind === KIND.HANDED_OFF) {
      pending.push(r);
    } else if (e.kind === KIND.TAKEN_OVER) {
      const matchesDestination = (h: LocatedRecord) => {
        const dest = h.event.transit?.destinationDistrict;
        return dest === undefined || within(options.districts, e.district, dest) || within(options.districts, dest, e.district);
      };
      const i = pending.findIndex((h) => eventTimeMs(h.event) <= eventTimeMs(e) && matchesDestination(h));
      const j = i >= 0 ? i : pending.findIndex((h) => eventTimeMs(h.event) <= eventTimeMs(e));
      if (j < 0) {
        out.push({
          goods,
          takeOver: r,
          toDistrict: e.district,
          verdict: 'TAKEOVER_WITHOUT_HANDOFF',
          issues: ['TAKEOVER_WITHOUT_HANDOFF'],
          ...(e.seals ? { sealsIn: e.seals } : {}),
          ...(weightKg(e.weight) !== undefined ? { weightInKg: weightKg(e.weight) } : {}),
        });
        continue;
      }
      const [h] = pending.splice(j, 1);
      out.push(judgePair(goods, h, r, tolerance));
    }
  }
  for (const h of pending) {
    const dueBy = h.event.transit?.dueBy;
    const overdue = dueBy !== undefined && Date.parse(dueBy) < options.now.getTime();
    out.push({
      goods,
      handOff: h,
      fromDistrict: h.event.district,
      ...(h.event.transit?.destinationDistrict ? { toDistrict: h.event.transit.destinationDistrict } : {}),
      ...(dueBy ? { dueBy } : {}),
      verdict: overdue ? 'OVERDUE' : 'IN_TRANSIT',
      issues: overdue ? ['OVERDUE'] : [],
      ...(h.event.seals ? { sealsOut: h.event.seals } : {}),
      ...(weightKg(h.event.weight) !== undefined ? { weightOutKg: weightKg(h.event.weight) } : {}),
    });
  }
  return out.sort((a, b) => eventTimeMs((a.handOff ?? a.takeOver)!.event) - eventTimeMs((b.handOff ?? b.takeOver)!.event));
}

function judgePair(goods: GoodsRef, h: LocatedRecord, t: LocatedRecord, tolerance: number): Crossing {
  const issues: CrossingVerdict[] = [];
  const sealsOut = h.event.seals;
  const sealsIn = t.event.seals;
  if (sealsOut && sealsOut.length > 0 && !sameSeals(sealsOut, sealsIn ?? [])) issues.push('SEAL_MISMATCH');
  const out = weightKg(h.event.weight);
  const inn = weightKg(t.event.weight);
  let deviation: number | undefined;
  if (out !== undefined && inn !== undefined && out > 0) {
    deviation = Math.abs(inn - out) / out;
    if (deviation > tolerance) issues.push('WEIGHT_DEVIATION');
  }
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
    ...(sealsOut ? { sealsOut } : {}),
    ...(sealsIn ? { sealsIn } : {}),
    ...(out !== undefined ? { weightOutKg: out } : {}),
    ...(inn !== undefined ? { weightInKg: inn } : {}),
    ...(deviation !== undefined ? { weightDeviation: Math.round(deviation * 1e6) / 1e6 } : {}),
  };
}
