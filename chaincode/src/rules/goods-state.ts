import { goodsMapKey, touchedGoods, type TouchedGoods } from '@cargotrace/model';
import { parseDateTime } from '@cargotrace/model';
import type { CustodyEvent, CustomsStatus, EventKind, GoodsRef, GoodsState, OrgKind, Party } from '@cargotrace/model';
import { INTO_CUSTODY_KINDS } from './authorisation';

const CUSTOMS_STATUS: Partial<Record<EventKind, CustomsStatus>> = {
  DECLARED: 'declared',
  INSPECTION_ORDERED: 'inspection-ordered',
  INSPECTED: 'inspected',
  HELD: 'held',
  RELEASED: 'released',
  EXPORTED: 'exported',
};

/** Who records the event, as goods-state derivation needs it. */
export interface Recorder {
  mspId: string;
  orgKind: OrgKind;
  /** Enterprise code of the recording org (registry), used when it becomes custodian. */
  enterpriseCode?: string;
}

function recorderParty(event: CustodyEvent, recorder: Recorder): Party {
  const enterpriseCode = event.actor?.enterpriseCode ?? recorder.enterpriseCode;
  return enterpriseCode === undefined ? { org: recorder.mspId } : { org: recorder.mspId, enterpriseCode };
}

function stripGoods(ref: GoodsRef): GoodsRef {
  return ref.book === undefined ? { type: ref.type, id: ref.id } : { type: ref.type, id: ref.id, book: ref.book };
}

function earlier(a: string, b: string): boolean {
  return (parseDateTime(a) ?? Infinity) < (parseDateTime(b) ?? Infinity);
}

function initialState(touched: TouchedGoods, event: CustodyEvent): GoodsState {
  return {
    goods: stripGoods(touched.ref),
    district: event.district,
    openHandOffs: [],
    lastEvent: { id: event.id, kind: event.kind, eventTime: event.eventTime },
    eventCount: 0,
    firstEventTime: event.eventTime,
  };
}

/** Where: a new district forgets the site and read point of the old one. */
function applyPlace(next: GoodsState, event: CustodyEvent): void {
  if (next.district !== event.district) {
    delete next.site;
    delete next.readPoint;
  }
  next.district = event.district;
  if (event.site !== undefined) next.site = event.site;
  if (event.readPoint !== undefined) next.readPoint = event.readPoint;
}

function applyStatus(next: GoodsState, event: CustodyEvent): void {
  if (event.supervisionStatus !== undefined) next.supervisionStatus = event.supervisionStatus;
  const customs = CUSTOMS_STATUS[event.kind];
  if (customs) next.customsStatus = customs;
  if (event.kind === 'INSPECTED' && event.result) next.inspectionResult = event.result;
  if (event.kind === 'QUARANTINE_RESULT' && event.result) next.quarantineResult = event.result;
  if (event.seals !== undefined) next.seals = [...event.seals];
  if (event.weight !== undefined) next.weight = { ...event.weight };
}

/** HANDED_OFF opens a hand-off (from the current custodian unless given). */
function openHandOff(next: GoodsState, event: CustodyEvent, to: Party, self: Party): void {
  const handOff: GoodsState['openHandOffs'][number] = {
    eventId: event.id,
    from: event.custody?.from ?? next.custodian ?? self,
    to,
    eventTime: event.eventTime,
  };
  if (event.seals !== undefined) handOff.seals = [...event.seals];
  if (event.weight !== undefined) handOff.weight = { ...event.weight };
  if (event.transit !== undefined) handOff.transit = { ...event.transit };
  next.openHandOffs.push(handOff);
  if (!next.custodian) next.custodian = handOff.from;
}

/** TAKEN_OVER closes the oldest open hand-off addressed to the taking-over organisation. */
function takeOver(next: GoodsState, event: CustodyEvent, recorder: Recorder, self: Party): void {
  const i = next.openHandOffs.findIndex((h) => h.to.org === recorder.mspId);
  if (i >= 0) next.openHandOffs.splice(i, 1);
  next.custodian = event.custody?.to ?? self;
}

function applyCustody(next: GoodsState, event: CustodyEvent, recorder: Recorder): void {
  const self = recorderParty(event, recorder);
  const custodialOrg = recorder.orgKind === 'warehouse' || recorder.orgKind === 'carrier';
  if (event.kind === 'HANDED_OFF' && event.custody?.to) openHandOff(next, event, event.custody.to, self);
  else if (event.kind === 'TAKEN_OVER') takeOver(next, event, recorder, self);
  else if (event.custody?.to) next.custodian = event.custody.to;
  else if (custodialOrg && (INTO_CUSTODY_KINDS.includes(event.kind) || !next.custodian)) next.custodian = self;
}

/** A child packed or loaded gets its parent; unpacked or unloaded from that parent, loses it. */
function applyAggregation(next: GoodsState, touched: TouchedGoods, event: CustodyEvent): void {
  if (touched.role !== 'child' || !event.parent) return;
  if (event.kind === 'PACKED' || event.kind === 'LOADED') next.parent = stripGoods(event.parent);
  else if (
    (event.kind === 'UNPACKED' || event.kind === 'UNLOADED') &&
    next.parent &&
    goodsMapKey(next.parent) === goodsMapKey(event.parent)
  )
    delete next.parent;
}

/** The goods state after `event`, for one goods item it touches. Pure and deterministic. */
export function applyEventToGoods(
  prev: GoodsState | undefined,
  touched: TouchedGoods,
  event: CustodyEvent,
  recorder: Recorder,
): GoodsState {
  const next: GoodsState = prev ? { ...prev, openHandOffs: [...prev.openHandOffs] } : initialState(touched, event);
  applyPlace(next, event);
  applyStatus(next, event);
  applyCustody(next, event, recorder);
  applyAggregation(next, touched, event);
  next.lastEvent = { id: event.id, kind: event.kind, eventTime: event.eventTime };
  next.eventCount = (prev?.eventCount ?? 0) + 1;
  if (prev && earlier(event.eventTime, prev.firstEventTime)) next.firstEventTime = event.eventTime;
  return next;
}

/** Applies `event` to every goods it touches, in a working map keyed by goodsMapKey. */
export function applyEvent(states: Map<string, GoodsState | undefined>, event: CustodyEvent, recorder: Recorder): void {
  for (const t of touchedGoods(event)) {
    const key = goodsMapKey(t.ref);
    states.set(key, applyEventToGoods(states.get(key), t, event, recorder));
  }
}
