import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import type { ChaincodeStub } from 'fabric-shim-api';
import { canonicalBytes, canonicalJson, canonicalJsonWith } from '@cargotrace/model';
import { ChaincodeError, ErrorCollector, pointer } from '@cargotrace/model';
import { goodsKeyId, goodsMapKey, touchedGoods } from '@cargotrace/model';
import { DAY_MS, dayCount, parseDateTime, utcDay, utcKey } from '@cargotrace/model';
import {
  CUSTODY_EVENTS_APPENDED,
  EVENT_KINDS,
  type AppendResult,
  type CustodyEvent,
  type CustodyEventsAppendedPayload,
  type EventRecord,
  type GoodsLink,
  type GoodsRef,
  type GoodsState,
  type LinkRelation,
  type Page,
  type Party,
  type RelatedGoods,
} from '@cargotrace/model';
import { parseJsonArgument, validateEventBatch } from '@cargotrace/model';
import { decideWrite, type Caller } from '../rules/authorisation';
import { applyEvent } from '../rules/goods-state';
import { RegistryIndex } from '../rules/registry-index';
import {
  INDEX_VALUE,
  KEYS,
  WorkingSet,
  callerOf,
  decodeBookmark,
  drain,
  encodeBookmark,
  eventKey,
  getJson,
  goodsKey,
  goodsKeyOf,
  history,
  parseGoodsType,
  parsePageSize,
  partialKeyPage,
  readRegistryIndex,
  registryKey,
  requireNonEmpty,
  txTime,
} from './common';

/** Longest time range (in UTC days) one query may span. */
export const MAX_QUERY_DAYS = 1000;

/** Custody data may be read by every registered channel member except partner customs. */
export function readDenial(registry: RegistryIndex, caller: Caller): string | undefined {
  const org = registry.organisations.get(caller.mspId);
  if (!org) return `organisation ${caller.mspId} is not registered on this channel`;
  if (org.kind === 'partner-customs') return 'partner customs may read mutual-recognition records only';
  return undefined;
}

async function requireReader(ctx: Context): Promise<void> {
  const denied = readDenial(await readRegistryIndex(ctx.stub), callerOf(ctx));
  if (denied) throw new ChaincodeError('FORBIDDEN', denied, '');
}

interface Accepted {
  event: CustodyEvent;
  /** canonicalJson(event), computed once for the idempotency check. */
  canonical: string;
  utc: string;
}

function linkKey(stub: ChaincodeStub, from: GoodsRef, relation: LinkRelation, to: GoodsRef): string {
  return stub.createCompositeKey(KEYS.link, [from.type, goodsKeyId(from), relation, to.type, goodsKeyId(to)]);
}

/** Aggregation and processing links an event writes (key → value). */
function linksOf(stub: ChaincodeStub, event: CustodyEvent): Array<[string, GoodsLink]> {
  const out: Array<[string, GoodsLink]> = [];
  const base = { eventId: event.id, kind: event.kind, eventTime: event.eventTime };
  const ref = (g: GoodsRef): GoodsRef => (g.book === undefined ? { type: g.type, id: g.id } : { type: g.type, id: g.id, book: g.book });
  if (event.parent && event.children && event.kind !== 'CORRECTION') {
    const active = event.kind === 'PACKED' || event.kind === 'LOADED';
    for (const child of event.children) {
      out.push([linkKey(stub, event.parent, 'child', child), { relation: 'child', goods: ref(child), ...base, active }]);
      out.push([linkKey(stub, child, 'parent', event.parent), { relation: 'parent', goods: ref(event.parent), ...base, active }]);
    }
  }
  if (event.kind === 'PROCESSED' && event.inputs && event.outputs) {
    for (const input of event.inputs) {
      for (const output of event.outputs) {
        out.push([linkKey(stub, output.goods, 'input', input.goods), { relation: 'input', goods: ref(input.goods), ...base, active: true }]);
        out.push([linkKey(stub, input.goods, 'output', output.goods), { relation: 'output', goods: ref(output.goods), ...base, active: true }]);
      }
    }
  }
  return out;
}

@Info({ title: 'custody', description: 'Custody events of supervised goods: append, goods state, queries' })
export class CustodyContract extends Contract {
  constructor() {
    super('custody');
  }

  /** Appends 1..1000 custody events, all or nothing; idempotent per event id. */
  @Transaction()
  @Returns('string')
  async appendEvents(ctx: Context, eventsJson: string): Promise<string> {
    const stub = ctx.stub;
    const caller = callerOf(ctx);
    const parsed = parseJsonArgument(eventsJson, 'events');
    const validation = validateEventBatch(parsed);
    const errors = new ErrorCollector();
    errors.addAll(validation.errors);
    if (validation.events.length === 0) errors.throwIfAny();

    const ws = new WorkingSet(stub);
    const registry = await readRegistryIndexVia(ws, stub);
    const org = registry.organisations.get(caller.mspId);
    const recorder = { mspId: caller.mspId, orgKind: org?.kind ?? 'gacc', ...(org?.enterpriseCode !== undefined ? { enterpriseCode: org.enterpriseCode } : {}) } as const;
    const time = txTime(ctx);
    const txId = stub.getTxID();

    // The loop below reads, for every first occurrence of a valid event's id, the id's key, and
    // for every such event not yet recorded (other than corrections, whose reads depend on the
    // outcome of earlier events) the state of each goods it touches. Issue exactly those reads up
    // front and concurrently; the loop then finds them in the working set. Same keys, same values.
    const firstIds = new Map<string, CustodyEvent>();
    for (const event of validation.events) if (event && !firstIds.has(event.id)) firstIds.set(event.id, event);
    const idKeys = new Map<string, string>();
    for (const id of firstIds.keys()) idKeys.set(id, eventKey(stub, id));
    await ws.prefetch(idKeys.values());
    const goodsKeys: string[] = [];
    for (const [id, event] of firstIds) {
      if (event.kind === 'CORRECTION' || ws.hasValue(idKeys.get(id)!)) continue;
      for (const t of touchedGoods(event)) goodsKeys.push(goodsKey(stub, t.ref));
    }
    await ws.prefetch(goodsKeys);

    const states = new Map<string, GoodsState | undefined>();
    const seen = new Map<string, string>();
    const accepted: Accepted[] = [];
    const acceptedById = new Map<string, CustodyEvent>();
    const results: AppendResult['results'] = [];

    for (let i = 0; i < validation.events.length; i++) {
      const event = validation.events[i];
      if (!event) continue;
      const canonical = canonicalJson(event);
      const idPath = pointer(i, 'id');

      // Idempotency: within the batch, then against the ledger.
      const earlier = seen.get(event.id);
      if (earlier !== undefined) {
        if (earlier === canonical) results[i] = { id: event.id, status: 'duplicate' };
        else errors.add('CONFLICT', idPath, `${idPath}: event ${event.id} appears earlier in this batch with other content`, i);
        continue;
      }
      seen.set(event.id, canonical);
      const stored = await ws.readJson<EventRecord>(idKeys.get(event.id)!);
      if (stored) {
        if (canonicalJson(stored.event) === canonical) results[i] = { id: event.id, status: 'duplicate' };
        else errors.add('CONFLICT', idPath, `${idPath}: event ${event.id} is already recorded with other content (tx ${stored.txId})`, i);
        continue;
      }

      let correctedBy: string | undefined;
      if (event.kind === 'CORRECTION' && event.correctionOf !== undefined) {
        if (acceptedById.has(event.correctionOf)) correctedBy = caller.mspId;
        else {
          const corrected = await ws.readJson<EventRecord>(eventKey(stub, event.correctionOf));
          if (!corrected) {
            errors.add('NOT_FOUND', pointer(i, 'correctionOf'), `${pointer(i, 'correctionOf')}: event ${event.correctionOf} is not recorded on this channel`, i);
            continue;
          }
          correctedBy = corrected.recordedBy.mspId;
        }
      }

      const custodians = new Map<string, Party | undefined>();
      for (const t of touchedGoods(event)) {
        const key = goodsMapKey(t.ref);
        if (!states.has(key)) states.set(key, await ws.readJson<GoodsState>(goodsKey(stub, t.ref)));
        custodians.set(key, states.get(key)?.custodian);
      }
      const denied = decideWrite({ caller, registry, event, index: i, custodians, ...(correctedBy !== undefined ? { correctedBy } : {}) });
      if (denied) {
        errors.add(denied.code, denied.path, denied.message, i);
        continue;
      }
      applyEvent(states, event, recorder);
      accepted.push({ event, canonical, utc: utcKey(parseDateTime(event.eventTime)!) });
      acceptedById.set(event.id, event);
      results[i] = { id: event.id, status: 'accepted' };
    }
    errors.throwIfAny();

    // Writes: each key once.
    const recordedBy = { mspId: caller.mspId, id: caller.id, role: caller.role, district: caller.district };
    const touchedKeys = new Set<string>();
    for (const { event, canonical, utc } of accepted) {
      const record: Omit<EventRecord, 'event'> = { recordedTime: time, txId, recordedBy };
      ws.write(idKeys.get(event.id)!, Buffer.from(canonicalJsonWith(record, { event: canonical }), 'utf8'));
      const day = utc.slice(0, 10);
      ws.write(stub.createCompositeKey(KEYS.districtDayEvent, [event.district, day, utc, event.id]), INDEX_VALUE);
      ws.write(stub.createCompositeKey(KEYS.kindDayEvent, [event.kind, day, utc, event.id]), INDEX_VALUE);
      for (const t of touchedGoods(event)) {
        ws.write(stub.createCompositeKey(KEYS.goodsEvent, [t.ref.type, goodsKeyId(t.ref), utc, event.id]), INDEX_VALUE);
        touchedKeys.add(goodsMapKey(t.ref));
      }
      for (const [key, link] of linksOf(stub, event)) ws.writeJson(key, link);
    }
    for (const key of touchedKeys) {
      const state = states.get(key);
      if (state) ws.writeJson(goodsKey(stub, state.goods), state);
    }
    await ws.flush();

    if (accepted.length > 0) {
      const payload: CustodyEventsAppendedPayload = {
        txId,
        events: accepted.map(({ event }) => ({
          id: event.id,
          kind: event.kind,
          district: event.district,
          eventTime: event.eventTime,
          goods: event.goods.map((g) => (g.book === undefined ? { type: g.type, id: g.id } : { type: g.type, id: g.id, book: g.book })),
        })),
      };
      stub.setEvent(CUSTODY_EVENTS_APPENDED, canonicalBytes(payload));
    }
    const result: AppendResult = { results, txTime: time };
    return canonicalJson(result);
  }

  @Transaction(false)
  @Returns('string')
  async getEvent(ctx: Context, id: string): Promise<string> {
    await requireReader(ctx);
    const record = await getJson<EventRecord>(ctx.stub, eventKey(ctx.stub, requireNonEmpty(id, 'id')));
    if (!record) throw new ChaincodeError('NOT_FOUND', `event ${id} is not recorded on this channel`, '');
    return canonicalJson(record);
  }

  /** Current state of one goods item. For parts, `id` is `<book>|<partNo>`. */
  @Transaction(false)
  @Returns('string')
  async getGoods(ctx: Context, type: string, id: string): Promise<string> {
    await requireReader(ctx);
    const state = await getJson<GoodsState>(ctx.stub, goodsKeyOf(ctx.stub, parseGoodsType(type), requireNonEmpty(id, 'id')));
    if (!state) throw new ChaincodeError('NOT_FOUND', `no events recorded for ${type} ${id}`, '');
    return canonicalJson(state);
  }

  /** A goods item's events in event-time order, paginated. */
  @Transaction(false)
  @Returns('string')
  async getGoodsEvents(ctx: Context, type: string, id: string, pageSize: string, bookmark: string): Promise<string> {
    await requireReader(ctx);
    const goodsType = parseGoodsType(type);
    requireNonEmpty(id, 'id');
    const size = parsePageSize(pageSize);
    const inner = bookmark ? decodeBookmark<{ b: string }>(bookmark).b : '';
    if (typeof inner !== 'string') throw new ChaincodeError('BAD_ARGUMENT', 'bookmark is not one this chaincode issued', '');
    const page = await partialKeyPage(ctx.stub, KEYS.goodsEvent, [goodsType, id], size, inner);
    const records = await loadRecords(ctx.stub, page.keys.map((k) => k.attributes[3]!));
    const result: Page<EventRecord> = { records, bookmark: page.bookmark ? encodeBookmark({ b: page.bookmark }) : '', fetched: records.length };
    return canonicalJson(result);
  }

  /** Versions of a goods item's state (getHistoryForKey), newest first. */
  @Transaction(false)
  @Returns('string')
  async getGoodsHistory(ctx: Context, type: string, id: string): Promise<string> {
    await requireReader(ctx);
    const key = goodsKeyOf(ctx.stub, parseGoodsType(type), requireNonEmpty(id, 'id'));
    return canonicalJson(await history<GoodsState>(ctx.stub, key));
  }

  /** Events recorded in `district` with fromIso <= eventTime < toIso, in event-time order. */
  @Transaction(false)
  @Returns('string')
  async queryEventsByDistrict(ctx: Context, district: string, fromIso: string, toIso: string, pageSize: string, bookmark: string): Promise<string> {
    await requireReader(ctx);
    if (!/^[0-9]{4}$/.test(district)) throw new ChaincodeError('BAD_ARGUMENT', `district must be a 4-digit code, got '${district}'`, '');
    return canonicalJson(await dayBucketQuery(ctx.stub, KEYS.districtDayEvent, district, fromIso, toIso, parsePageSize(pageSize), bookmark));
  }

  /** Events of `kind` with fromIso <= eventTime < toIso, in event-time order. */
  @Transaction(false)
  @Returns('string')
  async queryEventsByKind(ctx: Context, kind: string, fromIso: string, toIso: string, pageSize: string, bookmark: string): Promise<string> {
    await requireReader(ctx);
    if (!(EVENT_KINDS as readonly string[]).includes(kind)) throw new ChaincodeError('BAD_ARGUMENT', `unknown event kind '${kind}'`, '');
    return canonicalJson(await dayBucketQuery(ctx.stub, KEYS.kindDayEvent, kind, fromIso, toIso, parsePageSize(pageSize), bookmark));
  }

  /** Aggregation (parent/children) and processing (inputs/outputs) links of a goods item. */
  @Transaction(false)
  @Returns('string')
  async getRelatedGoods(ctx: Context, type: string, id: string): Promise<string> {
    await requireReader(ctx);
    const goodsType = parseGoodsType(type);
    requireNonEmpty(id, 'id');
    const state = await getJson<GoodsState>(ctx.stub, goodsKeyOf(ctx.stub, goodsType, id));
    const links: GoodsLink[] = [];
    const iterator = await ctx.stub.getStateByPartialCompositeKey(KEYS.link, [goodsType, id]);
    await drain(iterator, (kv) => {
      links.push(JSON.parse(Buffer.from(kv.value).toString('utf8')) as GoodsLink);
    });
    const related: RelatedGoods = { goods: state?.goods ?? { type: goodsType, id }, links };
    if (state?.parent) related.parent = state.parent;
    return canonicalJson(related);
  }
}

async function readRegistryIndexVia(ws: WorkingSet, stub: ChaincodeStub): Promise<RegistryIndex> {
  // Through the working set, so the registry key is read once like every other key.
  return new RegistryIndex((await ws.readJson(registryKey(stub))) ?? { districts: [], organisations: [] });
}

async function loadRecords(stub: ChaincodeStub, ids: string[]): Promise<EventRecord[]> {
  const records: EventRecord[] = [];
  for (const id of ids) {
    const record = await getJson<EventRecord>(stub, eventKey(stub, id));
    if (record) records.push(record);
  }
  return records;
}

interface DayBookmark {
  d: string;
  b: string;
}

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
  const fromMs = parseDateTime(fromIso);
  const toMs = parseDateTime(toIso);
  if (fromMs === undefined) throw new ChaincodeError('BAD_ARGUMENT', `from must be an RFC 3339 date-time with offset, got '${fromIso}'`, '');
  if (toMs === undefined) throw new ChaincodeError('BAD_ARGUMENT', `to must be an RFC 3339 date-time with offset, got '${toIso}'`, '');
  if (toMs <= fromMs) return { records: [], bookmark: '', fetched: 0 };
  // `to` is exclusive: the last day is that of the last millisecond in range.
  const lastMs = toMs - 1;
  if (dayCount(fromMs, lastMs) > MAX_QUERY_DAYS) throw new ChaincodeError('BAD_ARGUMENT', `a query may span at most ${MAX_QUERY_DAYS} days`, '');
  const fromKey = utcKey(fromMs);
  const toKey = utcKey(toMs);
  const firstDay = utcDay(fromMs);
  const lastDay = utcDay(lastMs);

  let day = firstDay;
  let inner = '';
  if (bookmark) {
    const b = decodeBookmark<DayBookmark>(bookmark);
    if (typeof b?.d !== 'string' || typeof b.b !== 'string' || !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(b.d) || b.d < firstDay || b.d > lastDay) {
      throw new ChaincodeError('BAD_ARGUMENT', 'bookmark does not belong to this query', '');
    }
    day = b.d;
    inner = b.b;
  }

  const ids: string[] = [];
  while (ids.length < pageSize && day <= lastDay) {
    const page = await partialKeyPage(stub, index, [attribute, day], pageSize - ids.length, inner);
    for (const k of page.keys) {
      const t = k.attributes[2]!;
      if (t >= fromKey && t < toKey) ids.push(k.attributes[3]!);
    }
    if (page.bookmark && page.keys.length > 0) inner = page.bookmark;
    else {
      day = utcDay(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS);
      inner = '';
    }
  }
  const records = await loadRecords(stub, ids);
  return { records, bookmark: day <= lastDay ? encodeBookmark({ d: day, b: inner } satisfies DayBookmark) : '', fetched: records.length };
}
