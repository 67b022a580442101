import type { ChaincodeStub } from 'fabric-shim-api';
import { ChaincodeError } from '@cargotrace/model';
import { decodeBookmark, encodeBookmark, partialKeyPage } from '../ledger/pages';
import type { WorkingSet } from '../ledger/working-set';
import { DAY_MS, dayCount, parseDateTime, utcDay, utcKey } from '@cargotrace/model';
import type { CustodyEvent, EventRecord, Page } from '@cargotrace/model';
import { loadRecords } from './event-records';
import { INDEX_VALUE, KEYS } from './object-types';

/** Longest time range (in UTC days) one query may span. */
export const MAX_QUERY_DAYS = 1000;

/** The `<attr>~day~event, attr, day, utc, eventId` indexes: events by district and by kind,
 * bucketed by UTC day so a time range is a few partial-key scans. */
export type DayBucketIndex = typeof KEYS.districtDayEvent | typeof KEYS.kindDayEvent;

/** `utc` is the event time as fixed-width ISO UTC (utcKey); its first 10 characters are the day. */
export function writeDayBucketEntries(ws: WorkingSet, event: CustodyEvent, utc: string): void {
  const day = utc.slice(0, 10);
  ws.write(ws.stub.createCompositeKey(KEYS.districtDayEvent, [event.district, day, utc, event.id]), INDEX_VALUE);
  ws.write(ws.stub.createCompositeKey(KEYS.kindDayEvent, [event.kind, day, utc, event.id]), INDEX_VALUE);
}

interface DayBookmark {
  d: string;
  b: string;
}

/** The range as index bounds: [fromKey, toKey) and the first and last UTC day holding it. */
interface DayRange {
  fromKey: string;
  toKey: string;
  firstDay: string;
  lastDay: string;
}

function dayRange(fromIso: string, toIso: string): DayRange | undefined {
  const fromMs = parseDateTime(fromIso);
  const toMs = parseDateTime(toIso);
  if (fromMs === undefined)
    throw new ChaincodeError('BAD_ARGUMENT', `from must be an RFC 3339 date-time with offset, got '${fromIso}'`, '');
  if (toMs === undefined) throw new ChaincodeError('BAD_ARGUMENT', `to must be an RFC 3339 date-time with offset, got '${toIso}'`, '');
  if (toMs <= fromMs) return undefined;
  // `to` is exclusive: the last day is that of the last millisecond in range.
  const lastMs = toMs - 1;
  if (dayCount(fromMs, lastMs) > MAX_QUERY_DAYS)
    throw new ChaincodeError('BAD_ARGUMENT', `a query may span at most ${MAX_QUERY_DAYS} days`, '');
  return { fromKey: utcKey(fromMs), toKey: utcKey(toMs), firstDay: utcDay(fromMs), lastDay: utcDay(lastMs) };
}

function isDayBookmark(value: unknown): value is DayBookmark {
  if (typeof value !== 'object' || value === null) return false;
  const { d, b } = value as Partial<Record<keyof DayBookmark, unknown>>;
  return typeof d === 'string' && typeof b === 'string';
}

/** Where to resume: the day and Fabric's bookmark within it. */
function resumeAt(bookmark: string, range: DayRange): DayBookmark {
  if (!bookmark) return { d: range.firstDay, b: '' };
  const b = decodeBookmark(bookmark);
  if (!isDayBookmark(b) || !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(b.d) || b.d < range.firstDay || b.d > range.lastDay) {
    throw new ChaincodeError('BAD_ARGUMENT', 'bookmark does not belong to this query', '');
  }
  return { d: b.d, b: b.b };
}

const nextDay = (day: string): string => utcDay(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS);

/** Time-range query over a `<attr>~day~event` index: iterates the UTC days of the range with
 * paginated partial-key queries and filters by exact time. */
export async function dayBucketQuery(
  stub: ChaincodeStub,
  index: string,
  attribute: string,
  fromIso: string,
  toIso: string,
  pageSize: number,
  bookmark: string,
): Promise<Page<EventRecord>> {
  const range = dayRange(fromIso, toIso);
  if (!range) return { records: [], bookmark: '', fetched: 0 };
  const at = resumeAt(bookmark, range);
  const ids: string[] = [];
  while (ids.length < pageSize && at.d <= range.lastDay) {
    const page = await partialKeyPage(stub, index, [attribute, at.d], pageSize - ids.length, at.b);
    for (const k of page.keys) {
      const t = k.attributes[2];
      if (t >= range.fromKey && t < range.toKey) ids.push(k.attributes[3]);
    }
    if (page.bookmark && page.keys.length > 0) at.b = page.bookmark;
    else {
      at.d = nextDay(at.d);
      at.b = '';
    }
  }
  const records = await loadRecords(stub, ids);
  return {
    records,
    bookmark: at.d <= range.lastDay ? encodeBookmark({ d: at.d, b: at.b } satisfies DayBookmark) : '',
    fetched: records.length,
  };
}
