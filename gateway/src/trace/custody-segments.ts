import type { GoodsRef, LocatedRecord, Party } from '../model/custody';

/** Who held the goods, from when to when, where. */
export interface CustodySegment {
  goods: GoodsRef;
  custodian: Party;
  from: string;
  /** Undefined while the custodian still holds the goods. */
  to?: string;
  district: string;
  site?: string;
  startEventId: string;
  endEventId?: string;
}

/** Custody segments of one goods from its ordered events: each custody transfer ends the current
 * segment and opens the next. Before the first transfer, its `from` party held the goods since the
 * goods' first event.
 *
 * @example
 * ```ts
 * import { custodySegments } from '@cargotrace/gateway';
 * for (const s of custodySegments({ type: 'container', id: 'COSU6331218' }, orderedEvents)) {
 *   console.log(s.custodian.org, s.from, s.to ?? 'now');
 * }
 * ```
 */
export function custodySegments(goods: GoodsRef, ordered: LocatedRecord[]): CustodySegment[] {
  const segments: CustodySegment[] = [];
  let current: CustodySegment | undefined;
  const first = ordered[0];
  for (const r of ordered) {
    const e = r.event;
    const transfer = e.custody;
    if (!transfer || (!transfer.to && !transfer.from)) continue;
    if (!current && transfer.from) {
      segments.push({
        goods,
        custodian: transfer.from,
        from: first.event.eventTime,
        to: e.eventTime,
        district: first.event.district,
        ...(first.event.site ? { site: first.event.site } : {}),
        startEventId: first.event.id,
        endEventId: e.id,
      });
    } else if (current) {
      current.to = e.eventTime;
      current.endEventId = e.id;
    }
    if (transfer.to) {
      current = {
        goods,
        custodian: transfer.to,
        from: e.eventTime,
        district: e.district,
        ...(e.site ? { site: e.site } : {}),
        startEventId: e.id,
      };
      segments.push(current);
    } else {
      current = undefined;
    }
  }
  return segments;
}
