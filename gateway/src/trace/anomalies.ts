import { EXIT_KINDS, goodsKey, MOVEMENT_KINDS, type GoodsRef, type LocatedRecord } from '../model/custody';
import type { Crossing } from './crossings';
import { releaseSteps } from './release-state';

export type AnomalyType =
  'EXIT_WITHOUT_RELEASE' | 'SEAL_MISMATCH' | 'WEIGHT_DEVIATION' | 'OVERDUE_TRANSIT' | 'TAKEOVER_WITHOUT_HANDOFF' | 'HELD_GOODS_MOVED';

export interface Anomaly {
  /** Stable: type, goods and the events it rests on. */
  id: string;
  type: AnomalyType;
  severity: 'HIGH' | 'MEDIUM' | 'LOW';
  goods: GoodsRef;
  /** The district where it shows (the triggering event's district). */
  district: string;
  eventIds: string[];
  /** Time of the triggering event (for overdue transit: the due time). */
  time: string;
  message: string;
}

const SEVERITY: Record<AnomalyType, Anomaly['severity']> = {
  EXIT_WITHOUT_RELEASE: 'HIGH',
  HELD_GOODS_MOVED: 'HIGH',
  SEAL_MISMATCH: 'HIGH',
  TAKEOVER_WITHOUT_HANDOFF: 'MEDIUM',
  OVERDUE_TRANSIT: 'MEDIUM',
  WEIGHT_DEVIATION: 'MEDIUM',
};

function anomaly(type: AnomalyType, goods: GoodsRef, district: string, records: LocatedRecord[], time: string, message: string): Anomaly {
  const eventIds = records.map((r) => r.event.id);
  return {
    id: `${type}:${goodsKey(goods)}:${eventIds.join(',')}`,
    type,
    severity: SEVERITY[type],
    goods: { type: goods.type, id: goods.id },
    district,
    eventIds,
    time,
    message,
  };
}

/** Anomalies of one goods, derived from its ordered events and its crossings. Facts are never
 * rejected for business rules; breaches show up here.
 *
 * @example
 * ```ts
 * import { anomaliesOf, crossingsOf } from '@cargotrace/gateway';
 * const crossings = crossingsOf(goods, orderedEvents, { now: new Date() });
 * const anomalies = anomaliesOf(goods, orderedEvents, crossings); // e.g. SEAL_MISMATCH, WEIGHT_DEVIATION
 * ```
 */
export function anomaliesOf(goods: GoodsRef, ordered: LocatedRecord[], crossings: Crossing[], tolerance = 0.02): Anomaly[] {
  const out = releaseAnomalies(goods, ordered);
  for (const c of crossings) out.push(...issueAnomalies(goods, c, tolerance), ...verdictAnomalies(goods, c));
  return out.sort((a, b) => Date.parse(a.time) - Date.parse(b.time) || (a.id < b.id ? -1 : 1));
}

/** Exits without a release and movements of held goods. */
function releaseAnomalies(goods: GoodsRef, ordered: LocatedRecord[]): Anomaly[] {
  const out: Anomaly[] = [];
  for (const step of releaseSteps(ordered)) {
    const e = step.record.event;
    if (EXIT_KINDS.has(e.kind) && !step.releasedBefore && !step.transitExit) {
      out.push(
        anomaly(
          'EXIT_WITHOUT_RELEASE',
          goods,
          e.district,
          [step.record],
          e.eventTime,
          `${e.kind} in district ${e.district} without a customs release`,
        ),
      );
    }
    if (step.heldBefore && MOVEMENT_KINDS.has(e.kind)) {
      out.push(
        anomaly(
          'HELD_GOODS_MOVED',
          goods,
          e.district,
          [step.record],
          e.eventTime,
          `${e.kind} in district ${e.district} while the goods are held`,
        ),
      );
    }
  }
  return out;
}

/** The crossing's records (hand-off, take-over, whichever there are) and the last of them. */
function crossingRecords(c: Crossing): { records: LocatedRecord[]; last: LocatedRecord } {
  const records = [c.handOff, c.takeOver].filter((r): r is LocatedRecord => r !== undefined);
  return { records, last: records[records.length - 1] };
}

/** Seal mismatches and weight deviations found at a take-over. */
function issueAnomalies(goods: GoodsRef, c: Crossing, tolerance: number): Anomaly[] {
  const out: Anomaly[] = [];
  const { records, last } = crossingRecords(c);
  if (c.issues.includes('SEAL_MISMATCH')) {
    out.push(
      anomaly(
        'SEAL_MISMATCH',
        goods,
        last.event.district,
        records,
        last.event.eventTime,
        `seals at take-over [${(c.sealsIn ?? []).join(', ')}] differ from seals at hand-off [${(c.sealsOut ?? []).join(', ')}]`,
      ),
    );
  }
  // A weight deviation is only found between two known weights.
  if (c.issues.includes('WEIGHT_DEVIATION') && c.weightInKg !== undefined && c.weightOutKg !== undefined) {
    out.push(
      anomaly(
        'WEIGHT_DEVIATION',
        goods,
        last.event.district,
        records,
        last.event.eventTime,
        `weight at take-over ${c.weightInKg} kg deviates ${((c.weightDeviation ?? 0) * 100).toFixed(2)}% from ${c.weightOutKg} kg at hand-off (tolerance ${(tolerance * 100).toFixed(2)}%)`,
      ),
    );
  }
  return out;
}

/** Overdue transits and take-overs without a hand-off. */
function verdictAnomalies(goods: GoodsRef, c: Crossing): Anomaly[] {
  const { records } = crossingRecords(c);
  // A transit is only overdue against its due time.
  if (c.verdict === 'OVERDUE' && c.handOff && c.dueBy !== undefined) {
    return [
      anomaly(
        'OVERDUE_TRANSIT',
        goods,
        c.toDistrict ?? c.handOff.event.district,
        records,
        c.dueBy,
        `handed off in district ${c.handOff.event.district} for ${c.toDistrict ?? 'transit'}, due by ${c.dueBy}, not taken over`,
      ),
    ];
  }
  if (c.verdict === 'TAKEOVER_WITHOUT_HANDOFF' && c.takeOver) {
    return [
      anomaly(
        'TAKEOVER_WITHOUT_HANDOFF',
        goods,
        c.takeOver.event.district,
        records,
        c.takeOver.event.eventTime,
        `taken over in district ${c.takeOver.event.district} without a recorded hand-off`,
      ),
    ];
  }
  return [];
}
