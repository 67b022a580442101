/**
 * Export: custody events → GS1 EPCIS 2.0 events and documents. Pure functions (no I/O), so the
 * gateway serves `GET /epcis/events` with them.
 *
 * The EPCIS event is rebuilt from the custody fields; an event that came from EPCIS then gets back,
 * from `extensions.epcis`, the members the custody fields do not reproduce (see epcis-to-custody),
 * so import → export restores every field.
 */
import { canonicalJson } from '../canonical-json';
import type { CustodyEvent, Quantity } from '../event/custody-event';
import type { EventRecord } from '../event/event-record';
import type { GoodsRef } from '../goods/goods-ref';
import { formatOffset, parseOffset } from '../time/utc-offset';
import { epcisExtensionOf, type EpcisExtension } from './epcis-extension';
import { dispToEpcis, eventIdToEpcisId, goodsIdentity, goodsToUri, isClassGoods, kindToBizStep, locToUri, partyToUri } from './identifiers';
import {
  CARGOTRACE_NS,
  CBV_BTT,
  CT_BT,
  CT_BTT,
  EPCIS_CONTEXT_URL,
  isAggregationType,
  isEpcisObject,
  isUri,
  type EpcisObject,
} from './vocabulary';

function quantityElement(id: string, q?: Quantity): EpcisObject {
  const el: EpcisObject = { epcClass: id };
  if (q) {
    el.quantity = q.value;
    if (q.unit && q.unit !== 'EA') el.uom = q.unit;
  }
  return el;
}

/** The EPCIS type: the original's, else what the custody structure says. */
function epcisTypeOf(ev: CustodyEvent, hint: EpcisExtension | undefined): string {
  return hint?.type ?? structuralType(ev);
}

function structuralType(ev: CustodyEvent): string {
  if (ev.inputs?.length || ev.outputs?.length) return 'TransformationEvent';
  return ev.parent && (ev.kind === 'PACKED' || ev.kind === 'UNPACKED') ? 'AggregationEvent' : 'ObjectEvent';
}

/** The EPCIS action: the original's, else ADD/DELETE for aggregations, none for transformations,
 * OBSERVE otherwise. */
function epcisActionOf(ev: CustodyEvent, type: string, hint: EpcisExtension | undefined): string | undefined {
  return hint?.action ?? structuralAction(ev, type);
}

function structuralAction(ev: CustodyEvent, type: string): string | undefined {
  if (isAggregationType(type)) return ev.kind === 'UNPACKED' ? 'DELETE' : 'ADD';
  return type === 'TransformationEvent' ? undefined : 'OBSERVE';
}

/** eventTime, its offset, and the eventID (a correction declares an error on the event it corrects). */
function timeAndId(ev: CustodyEvent): EpcisObject {
  const offMatch = /(Z|[+-]\d{2}:\d{2})$/i.exec(ev.eventTime);
  const off = offMatch ? (parseOffset(offMatch[1].toUpperCase()) ?? 0) : 0;
  const out: EpcisObject = { eventTime: ev.eventTime, eventTimeZoneOffset: formatOffset(off) };
  if (ev.kind === 'CORRECTION' && ev.correctionOf) {
    out.eventID = eventIdToEpcisId(ev.correctionOf);
    out.errorDeclaration = { declarationTime: ev.eventTime, reason: 'incorrect_data' };
  } else out.eventID = eventIdToEpcisId(ev.id);
  return out;
}

/** The event's goods that no parent, child, input or output names, split into instances and classes. */
interface FreeGoods {
  free: GoodsRef[];
  instances: GoodsRef[];
  classes: GoodsRef[];
}

function freeGoodsOf(ev: CustodyEvent): FreeGoods {
  const placed = new Set<string>();
  if (ev.parent) placed.add(goodsIdentity(ev.parent));
  for (const c of ev.children ?? []) placed.add(goodsIdentity(c));
  for (const io of [...(ev.inputs ?? []), ...(ev.outputs ?? [])]) placed.add(goodsIdentity(io.goods));
  const free = ev.goods.filter((g) => !placed.has(goodsIdentity(g)));
  return { free, instances: free.filter((g) => !isClassGoods(g)), classes: free.filter((g) => isClassGoods(g)) };
}

/** Children of an aggregation: the custody children plus the free goods, instances and classes apart. */
function aggregationLists(ev: CustodyEvent, g: FreeGoods): { kids: GoodsRef[]; kidClasses: GoodsRef[] } {
  return {
    kids: [...(ev.children ?? []).filter((c) => !isClassGoods(c)), ...g.instances],
    kidClasses: [...(ev.children ?? []).filter(isClassGoods), ...g.classes],
  };
}

function transformationLists(ev: CustodyEvent, out: EpcisObject): void {
  const split = (list: CustodyEvent['inputs'], epcKey: string, qKey: string) => {
    const epcs = (list ?? []).filter((x) => !x.quantity).map((x) => goodsToUri(x.goods));
    const qs = (list ?? []).filter((x) => x.quantity).map((x) => quantityElement(goodsToUri(x.goods), x.quantity));
    if (epcs.length) out[epcKey] = epcs;
    if (qs.length) out[qKey] = qs;
  };
  split(ev.inputs, 'inputEPCList', 'inputQuantityList');
  split(ev.outputs, 'outputEPCList', 'outputQuantityList');
}

function aggregationMembers(ev: CustodyEvent, g: FreeGoods, out: EpcisObject): void {
  const { kids, kidClasses } = aggregationLists(ev, g);
  const one = kidClasses.length === 1 ? ev.quantity : undefined;
  if (kids.length) out.childEPCs = kids.map(goodsToUri);
  if (kidClasses.length) out.childQuantityList = kidClasses.map((c) => quantityElement(c.id, one));
}

function objectMembers(ev: CustodyEvent, g: FreeGoods, out: EpcisObject): void {
  const single = g.classes.length === 1 ? ev.quantity : undefined;
  if (g.instances.length || !g.classes.length) out.epcList = g.instances.map(goodsToUri);
  if (g.classes.length) out.quantityList = g.classes.map((c) => quantityElement(c.id, single));
}

/** The goods members of the EPCIS type (parentID, child/input/output/epc lists and quantity lists). */
function goodsMembers(ev: CustodyEvent, type: string, g: FreeGoods, out: EpcisObject): void {
  if ((isAggregationType(type) || type === 'TransactionEvent') && ev.parent) out.parentID = goodsToUri(ev.parent);
  if (isAggregationType(type)) aggregationMembers(ev, g, out);
  else if (type === 'TransformationEvent') transformationLists(ev, out);
  else objectMembers(ev, g, out);
}

/** `r` is typed loosely on purpose: events exported from a file (export-epcis) are not validated,
 * and a reference without a type gets no bizTransaction type. */
function bizTransactionOf(r: { type?: string; id: string }): EpcisObject {
  const bt: EpcisObject = {};
  if (r.type === 'bill-of-lading') bt.type = 'bol';
  else if (r.type && r.type !== 'other') bt.type = CBV_BTT.has(r.type) || isUri(r.type) ? r.type : CT_BTT + encodeURIComponent(r.type);
  bt.bizTransaction = isUri(r.id) ? r.id : CT_BT + encodeURIComponent(r.id);
  return bt;
}

function sensorReportOf(s: NonNullable<NonNullable<CustodyEvent['evidence']>['sensors']>[number]): EpcisObject {
  const r: EpcisObject = { type: s.type };
  if (s.time !== undefined) r.time = s.time;
  if (typeof s.value === 'number') r.value = s.value;
  else if (typeof s.value === 'boolean') r.booleanValue = s.value;
  else if (typeof s.value === 'string') r.stringValue = s.value;
  if (s.unit !== undefined) r.uom = s.unit;
  return r;
}

/** bizStep, disposition, where, why (bizTransactions), who (source/destination), sensors. */
function contextMembers(ev: CustodyEvent, out: EpcisObject): void {
  out.bizStep = kindToBizStep(ev.kind);
  if (ev.disposition) out.disposition = dispToEpcis(ev.disposition);
  if (ev.readPoint) out.readPoint = { id: locToUri(ev.readPoint) };
  if (ev.site) out.bizLocation = { id: locToUri(ev.site) };
  if (ev.references?.length) out.bizTransactionList = ev.references.map(bizTransactionOf);
  partyAndSensorMembers(ev, out);
}

/** Who (source/destination) and sensors. */
function partyAndSensorMembers(ev: CustodyEvent, out: EpcisObject): void {
  if (ev.custody?.from) out.sourceList = [{ type: 'possessing_party', source: partyToUri(ev.custody.from) }];
  if (ev.custody?.to) out.destinationList = [{ type: 'possessing_party', destination: partyToUri(ev.custody.to) }];
  if (ev.evidence?.sensors?.length) out.sensorElementList = [{ sensorReport: ev.evidence.sensors.map(sensorReportOf) }];
}

/** Whether the EPCIS quantity lists already carry `ev.quantity` (a single class element does). */
function quantityInLists(ev: CustodyEvent, type: string, g: FreeGoods): boolean {
  if (type === 'TransformationEvent') return false;
  if (isAggregationType(type)) return aggregationLists(ev, g).kidClasses.length === 1;
  return g.classes.length === 1 && !!ev.quantity;
}

/** Custody fields EPCIS has no member for, as namespaced extension members (`cargotrace:*`). */
function cargotraceMembers(ev: CustodyEvent, type: string, g: FreeGoods, out: EpcisObject): void {
  const ct = (k: string, v: unknown) => {
    if (v !== undefined) out[`cargotrace:${k}`] = v;
  };
  const correcting = ev.kind === 'CORRECTION' && !!ev.correctionOf;
  ct('district', ev.district);
  if (!isUri(ev.id) || correcting) ct('eventId', ev.id);
  if (!quantityInLists(ev, type, g)) ct('quantity', ev.quantity);
  ct('actor', ev.actor);
  ct('supervisionStatus', ev.supervisionStatus);
  ct('result', ev.result);
  ct('seals', ev.seals);
  ct('weight', ev.weight);
  ct('transit', ev.transit);
  ct('documents', ev.evidence?.documents);
  cargotraceStructure(ev, type, g, ct);
  if (ev.kind === 'CORRECTION' && !ev.correctionOf) ct('kind', ev.kind);
  const otherExt = Object.fromEntries(Object.entries(ev.extensions ?? {}).filter(([k]) => k !== 'epcis'));
  if (Object.keys(otherExt).length) ct('extensions', otherExt);
}

/** Parent, children and goods the EPCIS type has no member for. */
function cargotraceStructure(ev: CustodyEvent, type: string, g: FreeGoods, ct: (k: string, v: unknown) => void): void {
  const aggregation = isAggregationType(type);
  if (!(aggregation || type === 'TransactionEvent') && ev.parent) ct('parent', ev.parent);
  if (!aggregation && ev.children?.length) ct('children', ev.children);
  if (type === 'TransformationEvent' && g.free.length) ct('goods', g.free);
}

/** Builds an EPCIS event from the custody fields only (no restoration of kept members). */
export function buildEpcis(ev: CustodyEvent, hint: EpcisExtension | undefined): EpcisObject {
  const type = epcisTypeOf(ev, hint);
  const out: EpcisObject = { type, ...timeAndId(ev) };
  const goods = freeGoodsOf(ev);
  goodsMembers(ev, type, goods, out);
  const action = epcisActionOf(ev, type, hint);
  if (action) out.action = action;
  contextMembers(ev, out);
  cargotraceMembers(ev, type, goods, out);
  return out;
}

/**
 * One custody event (or stored record) → one EPCIS 2.0 event. A record's `recordedTime` becomes
 * `recordTime`; an event imported from EPCIS gets its kept members back.
 *
 * @example
 * const epcis = custodyToEpcisEvent({ id: 'demo-a06', kind: 'DISPATCHED', goods: [{ type: 'container', id: 'COSU6331218' }], eventTime: '2026-11-20T06:00:00+08:00', district: '2248' });
 * epcis.bizStep; // 'shipping'
 */
export function custodyToEpcisEvent(input: CustodyEvent | EventRecord): EpcisObject {
  const record = isEpcisObject((input as EventRecord).event) && 'event' in input ? input : undefined;
  const ev = record ? record.event : (input as CustodyEvent);
  const hint = epcisExtensionOf(ev);
  const built = buildEpcis(ev, hint);
  if (record?.recordedTime) built.recordTime = record.recordedTime;
  // Members the imported event did not have are left out (the rest keep their order).
  const absent = new Set(hint?.absent ?? []);
  const out: EpcisObject = Object.fromEntries(Object.entries(built).filter(([k]) => !absent.has(k)));
  Object.assign(out, hint?.fields ?? {});
  return out;
}

/**
 * Options of {@link toEpcisDocument}.
 *
 * @example
 * toEpcisDocument(records, { queryName: 'SimpleEventQuery', creationDate: '2026-11-23T00:00:00Z' });
 */
export interface ToDocumentOptions {
  /** the document's creationDate (default: now) */
  creationDate?: string;
  /** produce an EPCISQueryDocument (queryResults) instead of an EPCISDocument */
  queryName?: string;
  subscriptionID?: string;
  sender?: string;
  receiver?: string;
}

/**
 * Custody events (or stored records) → EPCIS 2.0 document. Pure apart from `creationDate`, which
 * defaults to now.
 *
 * @example
 * const doc = toEpcisDocument(events, { creationDate: '2026-11-23T00:00:00Z' });
 * new EpcisSchemaValidator(EPCIS_JSON_SCHEMAS, 'vendored').validate(doc); // []
 * toEpcisDocument(records, { queryName: 'SimpleEventQuery' }); // an EPCISQueryDocument, as GET /epcis/events serves
 */
export function toEpcisDocument(events: (CustodyEvent | EventRecord)[], opts: ToDocumentOptions = {}): EpcisObject {
  const contexts: unknown[] = [EPCIS_CONTEXT_URL, { cargotrace: CARGOTRACE_NS }];
  const seen = new Set(contexts.map((c) => canonicalJson(c)));
  const eventList = events.map((e) => {
    const ev = 'event' in e && isEpcisObject(e.event) ? e.event : (e as CustodyEvent);
    for (const c of epcisExtensionOf(ev)?.context ?? []) {
      const k = canonicalJson(c);
      if (!seen.has(k)) {
        seen.add(k);
        contexts.push(c);
      }
    }
    return custodyToEpcisEvent(e);
  });
  const creationDate = opts.creationDate ?? new Date().toISOString();
  if (opts.queryName) {
    return {
      '@context': contexts,
      type: 'EPCISQueryDocument',
      schemaVersion: '2.0',
      creationDate,
      epcisBody: {
        queryResults: {
          queryName: opts.queryName,
          ...(opts.subscriptionID ? { subscriptionID: opts.subscriptionID } : {}),
          resultsBody: { eventList },
        },
      },
    };
  }
  return {
    '@context': contexts,
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate,
    ...(opts.sender ? { sender: opts.sender } : {}),
    ...(opts.receiver ? { receiver: opts.receiver } : {}),
    epcisBody: { eventList },
  };
}
