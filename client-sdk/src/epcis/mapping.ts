/**
 * GS1 EPCIS 2.0 ⇄ custody events. Pure functions (no I/O), so the gateway can serve
 * `GET /epcis/events` with `toEpcisDocument` from '@cargotrace/client-sdk'.
 *
 * Import maps every EPCIS field that has a custody counterpart onto the custody field, then
 * rebuilds EPCIS from the custody event and keeps, in `extensions.epcis.fields`, exactly the
 * members the rebuild does not reproduce (ilmd, certificationInfo, persistentDisposition, user
 * extensions, quantity lists with several elements, sensor metadata, …) plus the original type
 * and action. Export rebuilds from the custody fields and overlays those kept members, so
 * import → export restores every field.
 */
import { createHash } from 'crypto';
import { canonicalJson, EVENT_KINDS, type CustodyEvent, type EventKind, type EventRecord, type GoodsRef, type GoodsType, type Party as Actor, type SensorReading } from '@cargotrace/model';
import { cbvEventHash } from './hash';
import { formatOffset, instantInOffset, parseOffset } from '../csv/timezone';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const EPCIS_CONTEXT_URL = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
export const CARGOTRACE_NS = 'urn:cargotrace:ns:';
export const EPCIS_EVENT_TYPES = ['ObjectEvent', 'AggregationEvent', 'TransactionEvent', 'TransformationEvent', 'AssociationEvent'] as const;

/** CBV 2.0 bizStep → custody kind. Others keep their bizStep in extensions.epcis.fields. */
export const BIZSTEP_TO_KIND: Record<string, EventKind> = {
  receiving: 'RECEIVED', shipping: 'DISPATCHED', storing: 'STORED', packing: 'PACKED', unpacking: 'UNPACKED',
  loading: 'LOADED', unloading: 'UNLOADED', departing: 'DEPARTED', arriving: 'ARRIVED', inspecting: 'INSPECTED',
  holding: 'HELD', picking: 'PICKED', stock_taking: 'STOCKTAKE',
};
export const KIND_TO_BIZSTEP: Partial<Record<EventKind, string>> = Object.fromEntries(
  Object.entries(BIZSTEP_TO_KIND).map(([b, k]) => [k, b]),
);
const CT_BIZSTEP = 'urn:cargotrace:bizstep:';
const CT_DISP = 'urn:cargotrace:disp:';
const CT_BTT = 'urn:cargotrace:btt:';
const CT_BT = 'urn:cargotrace:bt:';
const CT_GOODS = 'urn:cargotrace:goods:';
const CT_LOC = 'urn:cargotrace:loc:';
const CT_PARTY = 'urn:cargotrace:party:';
const CBV_DISPOSITIONS = new Set(['active', 'container_closed', 'damaged', 'destroyed', 'dispensed', 'disposed', 'encoded', 'expired', 'in_progress', 'in_transit', 'inactive', 'no_pedigree_match', 'non_sellable_other', 'partially_dispensed', 'recalled', 'reserved', 'retail_sold', 'returned', 'sellable_accessible', 'sellable_not_accessible', 'stolen', 'unknown', 'available', 'completeness_verified', 'completeness_inferred', 'conformant', 'container_open', 'mismatch_instance', 'mismatch_class', 'mismatch_quantity', 'needs_replacement', 'non_conformant', 'unavailable']);
const CBV_BTT = new Set(['bol', 'cert', 'desadv', 'inv', 'pedigree', 'po', 'poc', 'prodorder', 'recadv', 'rma', 'testprd', 'testres', 'upevt']);
const isUri = (s: string) => /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/.test(s);

// ---- identifiers -------------------------------------------------------------------------------

const isClassUri = (id: string) => /^urn:epc:(class|idpat):/.test(id);
/** A goods reference that names a class of items (EPC class / ID pattern URN, kept as type "lot"). */
const isClassGoods = (g: GoodsRef) => g.type === 'lot' && isClassUri(g.id);

export function goodsToUri(g: GoodsRef): string {
  if ((g.type === 'epc' || g.type === 'digital-link' || isClassGoods(g)) && isUri(g.id)) return g.id;
  return `${CT_GOODS}${encodeURIComponent(g.type)}:${encodeURIComponent(g.id)}${g.book ? `?book=${encodeURIComponent(g.book)}` : ''}`;
}

export function uriToGoods(uri: string): GoodsRef {
  if (uri.startsWith(CT_GOODS)) {
    const m = /^([^:]+):([^?]*)(?:\?book=(.*))?$/.exec(uri.slice(CT_GOODS.length));
    // The type is checked when the event is validated.
    if (m) return { type: decodeURIComponent(m[1]) as GoodsType, id: decodeURIComponent(m[2]), ...(m[3] !== undefined ? { book: decodeURIComponent(m[3]) } : {}) };
  }
  if (/^https?:\/\//i.test(uri)) return { type: 'digital-link', id: uri };
  if (isClassUri(uri)) return { type: 'lot', id: uri };
  if (/^urn:epc:id:/.test(uri)) return { type: 'epc', id: uri };
  return { type: 'consignment', id: uri };
}

// ---- event ids: the chaincode accepts [A-Za-z0-9._:~/#-]{1,128} ----------------------------------
const EVENT_ID_RE = /^[A-Za-z0-9._:~/#-]{1,128}$/;
const NI_RE = /^ni:\/\/\/sha-256;([0-9a-f]{64})\?ver=CBV2\.0$/;
/** EPCIS eventID → custody id: kept when the chaincode accepts it; CBV hash ids become ni:///sha-256:<hex>. */
export function epcisIdToEventId(eventID: string): string {
  const ni = NI_RE.exec(eventID);
  if (ni) return `ni:///sha-256:${ni[1]}`;
  if (EVENT_ID_RE.test(eventID)) return eventID;
  return `epcis:sha-256:${createHash('sha256').update(eventID).digest('hex')}`;
}
/** custody id → EPCIS eventID (inverse of epcisIdToEventId for hash ids; other ids become URIs). */
export function eventIdToEpcisId(id: string): string {
  const ni = /^ni:\/\/\/sha-256:([0-9a-f]{64})$/.exec(id);
  if (ni) return `ni:///sha-256;${ni[1]}?ver=CBV2.0`;
  return isUri(id) ? id : `urn:cargotrace:event:${encodeURIComponent(id)}`;
}

const locToUri = (s: string) => (isUri(s) ? s : CT_LOC + encodeURIComponent(s));
const uriToLoc = (s: string) => (s.startsWith(CT_LOC) ? decodeURIComponent(s.slice(CT_LOC.length)) : s);
const partyToUri = (a: Actor) => (isUri(a.org) && !a.enterpriseCode ? a.org : `${CT_PARTY}${encodeURIComponent(a.org)}${a.enterpriseCode ? `:${encodeURIComponent(a.enterpriseCode)}` : ''}`);
function uriToParty(s: string): Actor {
  if (s.startsWith(CT_PARTY)) {
    const [org, code] = s.slice(CT_PARTY.length).split(':');
    return { org: decodeURIComponent(org), ...(code ? { enterpriseCode: decodeURIComponent(code) } : {}) };
  }
  // the chaincode's org ids are [A-Za-z0-9._-]: a GS1 party URI is kept recognisably (the exact
  // source/destination list is restored from extensions.epcis on export)
  return { org: s.replace(/:/g, '.').replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 128) };
}
const dispToEpcis = (d: string) => (CBV_DISPOSITIONS.has(d) || isUri(d) ? d : CT_DISP + encodeURIComponent(d));
const dispFromEpcis = (d: string) => (d.startsWith(CT_DISP) ? decodeURIComponent(d.slice(CT_DISP.length)) : d);

function kindToBizStep(kind: EventKind): string {
  return KIND_TO_BIZSTEP[kind] ?? CT_BIZSTEP + kind.toLowerCase();
}

/** Kind of an EPCIS event, respecting the chaincode's cross-field rules (see epcisEventToCustody). */
function kindFromEpcis(e: Obj): EventKind {
  const bizStep = typeof e.bizStep === 'string' ? e.bizStep.replace(/^urn:epcglobal:cbv:bizstep:|^https?:\/\/ref\.gs1\.org\/cbv\/BizStep-/, '') : undefined;
  if (bizStep && BIZSTEP_TO_KIND[bizStep]) return BIZSTEP_TO_KIND[bizStep];
  if (bizStep?.startsWith(CT_BIZSTEP)) {
    const k = bizStep.slice(CT_BIZSTEP.length).toUpperCase();
    if ((EVENT_KINDS as readonly string[]).includes(k)) return k as EventKind;
  }
  return 'MOVED';
}

// ---- export: custody → EPCIS -------------------------------------------------------------------

export interface EpcisExtension {
  /** original EPCIS event type and action */
  type?: string;
  action?: string;
  /** EPCIS members the custody fields do not reproduce, verbatim */
  fields?: Obj;
  /** EPCIS members the original did not have although the custody fields would produce them */
  absent?: string[];
  /** JSON-LD context entries (namespace prefixes) of the source document */
  context?: unknown[];
}

function epcisExt(ev: CustodyEvent): EpcisExtension | undefined {
  const x = ev.extensions?.epcis;
  return isObj(x) ? (x as EpcisExtension) : undefined;
}

function quantityElement(id: string, q?: { value: number; unit: string }): Obj {
  const el: Obj = { epcClass: id };
  if (q) { el.quantity = q.value; if (q.unit && q.unit !== 'EA') el.uom = q.unit; }
  return el;
}

/** Builds an EPCIS event from the custody fields only (no restoration of kept members). */
function buildEpcis(ev: CustodyEvent, hint: EpcisExtension | undefined): Obj {
  const kind = ev.kind;
  const type = hint?.type
    ?? (ev.inputs?.length || ev.outputs?.length ? 'TransformationEvent'
      : ev.parent && (kind === 'PACKED' || kind === 'UNPACKED') ? 'AggregationEvent' : 'ObjectEvent');
  const out: Obj = { type };
  const offMatch = /(Z|[+-]\d{2}:\d{2})$/i.exec(ev.eventTime);
  const off = offMatch ? parseOffset(offMatch[1].toUpperCase()) ?? 0 : 0;
  out.eventTime = ev.eventTime;
  out.eventTimeZoneOffset = formatOffset(off);
  if (kind === 'CORRECTION' && ev.correctionOf) {
    out.eventID = eventIdToEpcisId(ev.correctionOf);
    out.errorDeclaration = { declarationTime: ev.eventTime, reason: 'incorrect_data' };
  } else out.eventID = eventIdToEpcisId(ev.id);

  const placed = new Set<string>();
  const key = (g: GoodsRef) => `${g.type}\u0000${g.id}\u0000${g.book ?? ''}`;
  if (ev.parent) placed.add(key(ev.parent));
  for (const c of ev.children ?? []) placed.add(key(c));
  for (const io of [...(ev.inputs ?? []), ...(ev.outputs ?? [])]) placed.add(key(io.goods));
  const free = ev.goods.filter((g) => !placed.has(key(g)));
  const instances = free.filter((g) => !isClassGoods(g));
  const classes = free.filter((g) => isClassGoods(g));
  const single = classes.length === 1 ? ev.quantity : undefined;

  const action = hint?.action ?? (type === 'AggregationEvent' || type === 'AssociationEvent' ? (kind === 'UNPACKED' ? 'DELETE' : 'ADD') : type === 'TransformationEvent' ? undefined : 'OBSERVE');
  const aggregation = type === 'AggregationEvent' || type === 'AssociationEvent';
  const hasParentId = aggregation || type === 'TransactionEvent';
  let extraGoods: GoodsRef[] = [];
  if (hasParentId && ev.parent) out.parentID = goodsToUri(ev.parent);
  if (aggregation) {
    const kids = [...(ev.children ?? []).filter((g) => !isClassGoods(g)), ...instances];
    const kidClasses = [...(ev.children ?? []).filter(isClassGoods), ...classes];
    const one = kidClasses.length === 1 ? ev.quantity : undefined;
    if (kids.length) out.childEPCs = kids.map(goodsToUri);
    if (kidClasses.length) out.childQuantityList = kidClasses.map((g) => quantityElement(g.id, one));
  } else if (type === 'TransformationEvent') {
    const split = (list: CustodyEvent['inputs'], epcKey: string, qKey: string) => {
      const epcs = (list ?? []).filter((x) => !x.quantity).map((x) => goodsToUri(x.goods));
      const qs = (list ?? []).filter((x) => x.quantity).map((x) => quantityElement(goodsToUri(x.goods), x.quantity));
      if (epcs.length) out[epcKey] = epcs;
      if (qs.length) out[qKey] = qs;
    };
    split(ev.inputs, 'inputEPCList', 'inputQuantityList');
    split(ev.outputs, 'outputEPCList', 'outputQuantityList');
    extraGoods = free;
  } else {
    if (instances.length || !classes.length) out.epcList = instances.map(goodsToUri);
    if (classes.length) out.quantityList = classes.map((g) => quantityElement(g.id, single));
  }
  if (action) out.action = action;
  out.bizStep = kindToBizStep(kind);
  if (ev.disposition) out.disposition = dispToEpcis(ev.disposition);
  if (ev.readPoint) out.readPoint = { id: locToUri(ev.readPoint) };
  if (ev.site) out.bizLocation = { id: locToUri(ev.site) };
  if (ev.references?.length) {
    out.bizTransactionList = ev.references.map((r) => {
      const bt: Obj = {};
      if (r.type === 'bill-of-lading') bt.type = 'bol';
      else if (r.type && r.type !== 'other') bt.type = CBV_BTT.has(r.type) || isUri(r.type) ? r.type : CT_BTT + encodeURIComponent(r.type);
      bt.bizTransaction = isUri(r.id) ? r.id : CT_BT + encodeURIComponent(r.id);
      return bt;
    });
  }
  if (ev.custody?.from) out.sourceList = [{ type: 'possessing_party', source: partyToUri(ev.custody.from) }];
  if (ev.custody?.to) out.destinationList = [{ type: 'possessing_party', destination: partyToUri(ev.custody.to) }];
  if (ev.evidence?.sensors?.length) {
    out.sensorElementList = [{
      sensorReport: ev.evidence.sensors.map((s) => {
        const r: Obj = { type: s.type };
        if (s.time !== undefined) r.time = s.time;
        if (typeof s.value === 'number') r.value = s.value;
        else if (typeof s.value === 'boolean') r.booleanValue = s.value;
        else if (typeof s.value === 'string') r.stringValue = s.value;
        if (s.unit !== undefined) r.uom = s.unit;
        return r;
      }),
    }];
  }
  // custody fields EPCIS has no member for: namespaced extension members
  const ct = (k: string, v: unknown) => { if (v !== undefined) out[`cargotrace:${k}`] = v; };
  ct('district', ev.district);
  if (!isUri(ev.id) || (kind === 'CORRECTION' && ev.correctionOf)) ct('eventId', ev.id);
  const quantityInLists = type === 'TransformationEvent' ? false : aggregation ? [...(ev.children ?? []).filter(isClassGoods), ...classes].length === 1 : !!single;
  if (!quantityInLists) ct('quantity', ev.quantity);
  ct('actor', ev.actor);
  ct('supervisionStatus', ev.supervisionStatus);
  ct('result', ev.result);
  ct('seals', ev.seals);
  ct('weight', ev.weight);
  ct('transit', ev.transit);
  ct('documents', ev.evidence?.documents);
  if (!hasParentId && ev.parent) ct('parent', ev.parent);
  if (!aggregation && ev.children?.length) ct('children', ev.children);
  if (extraGoods.length) ct('goods', extraGoods);
  if (kind === 'CORRECTION' && !ev.correctionOf) ct('kind', kind);
  const otherExt = Object.fromEntries(Object.entries(ev.extensions ?? {}).filter(([k]) => k !== 'epcis'));
  if (Object.keys(otherExt).length) ct('extensions', otherExt);
  return out;
}

/** One custody event (or stored record) → one EPCIS 2.0 event. */
export function custodyToEpcisEvent(input: CustodyEvent | EventRecord): Obj {
  const record = isObj((input as EventRecord).event) && 'event' in input ? (input as EventRecord) : undefined;
  const ev = record ? record.event : (input as CustodyEvent);
  const hint = epcisExt(ev);
  const out = buildEpcis(ev, hint);
  if (record?.recordedTime) out.recordTime = record.recordedTime;
  for (const k of hint?.absent ?? []) delete out[k];
  Object.assign(out, hint?.fields ?? {});
  return out;
}

export interface ToDocumentOptions {
  creationDate?: string;
  /** produce an EPCISQueryDocument (queryResults) instead of an EPCISDocument */
  queryName?: string;
  subscriptionID?: string;
  sender?: string;
  receiver?: string;
}

/** Custody events (or stored records) → EPCIS 2.0 document. Pure; `creationDate` defaults to now. */
export function toEpcisDocument(events: (CustodyEvent | EventRecord)[], opts: ToDocumentOptions = {}): Obj {
  const contexts: unknown[] = [EPCIS_CONTEXT_URL, { cargotrace: CARGOTRACE_NS }];
  const seen = new Set(contexts.map((c) => canonicalJson(c)));
  const eventList = events.map((e) => {
    const ev = 'event' in e && isObj(e.event) ? (e as EventRecord).event : (e as CustodyEvent);
    for (const c of epcisExt(ev)?.context ?? []) {
      const k = canonicalJson(c);
      if (!seen.has(k)) { seen.add(k); contexts.push(c); }
    }
    return custodyToEpcisEvent(e);
  });
  const creationDate = opts.creationDate ?? new Date().toISOString();
  if (opts.queryName) {
    return {
      '@context': contexts, type: 'EPCISQueryDocument', schemaVersion: '2.0', creationDate,
      epcisBody: { queryResults: { queryName: opts.queryName, ...(opts.subscriptionID ? { subscriptionID: opts.subscriptionID } : {}), resultsBody: { eventList } } },
    };
  }
  return {
    '@context': contexts, type: 'EPCISDocument', schemaVersion: '2.0', creationDate,
    ...(opts.sender ? { sender: opts.sender } : {}), ...(opts.receiver ? { receiver: opts.receiver } : {}),
    epcisBody: { eventList },
  };
}

// ---- import: EPCIS → custody -------------------------------------------------------------------

export interface FromEpcisOptions {
  /** district for events that do not carry `cargotrace:district` (EPCIS has no district) */
  district?: string;
  /** actor recorded on events without `cargotrace:actor` */
  actor?: Actor;
  /** document-level @context (for extension namespaces and the event hash) */
  context?: unknown;
}

function sameMember(key: string, a: unknown, b: unknown): boolean {
  if (key === 'eventTime' || key === 'recordTime') return typeof a === 'string' && typeof b === 'string' && Date.parse(a) === Date.parse(b);
  return canonicalJson(a) === canonicalJson(b);
}

function uniqGoods(list: GoodsRef[]): GoodsRef[] {
  const seen = new Set<string>();
  return list.filter((g) => { const k = `${g.type}\u0000${g.id}\u0000${g.book ?? ''}`; if (seen.has(k)) return false; seen.add(k); return true; });
}

/** The event's id: eventID, or the CBV 2.0 event hash when the event has none. */
export function epcisEventId(e: Obj, context?: unknown): string {
  return typeof e.eventID === 'string' && e.eventID ? e.eventID : cbvEventHash(e, context);
}

/** One EPCIS 2.0 event → one custody event (lossless: see module comment). */
export function epcisEventToCustody(e: Obj, opts: FromEpcisOptions = {}): CustodyEvent {
  const strs = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const qels = (v: unknown) => (Array.isArray(v) ? v.filter(isObj) : []);
  const epcisId = epcisIdToEventId(epcisEventId(e, opts.context));
  const ct = (k: string) => e[`cargotrace:${k}`];

  const epcs = strs(e.epcList).map(uriToGoods);
  const parent = typeof e.parentID === 'string' ? uriToGoods(e.parentID) : undefined;
  const children = strs(e.childEPCs).map(uriToGoods);
  const measure = (q: Obj) => (typeof q.quantity === 'number' ? { value: q.quantity, unit: typeof q.uom === 'string' ? q.uom : 'EA' } : undefined);
  const io = (epcKey: string, qKey: string) => [
    ...strs(e[epcKey]).map((u) => ({ goods: uriToGoods(u) })),
    ...qels(e[qKey]).filter((q) => typeof q.epcClass === 'string').map((q) => { const m = measure(q); return { goods: uriToGoods(q.epcClass as string), ...(m ? { quantity: m } : {}) }; }),
  ];
  const inputs = io('inputEPCList', 'inputQuantityList');
  const outputs = io('outputEPCList', 'outputQuantityList');
  const classQ = [...qels(e.quantityList), ...qels(e.childQuantityList)].filter((q) => typeof q.epcClass === 'string');
  const classGoods = classQ.map((q) => uriToGoods(q.epcClass as string));

  const party = (list: unknown, f: string) => {
    const els = qels(list);
    const p = els.find((x) => x.type === 'possessing_party') ?? els.find((x) => x.type === 'owning_party');
    return p && typeof p[f] === 'string' ? uriToParty(p[f] as string) : undefined;
  };
  const ev: Obj = {};
  const errorDeclaration = isObj(e.errorDeclaration) ? e.errorDeclaration : undefined;
  if (errorDeclaration) {
    ev.id = (ct('eventId') as string | undefined) ?? `${epcisId}#error-${createHash('sha256').update(canonicalJson(errorDeclaration)).digest('hex').slice(0, 16)}`;
    ev.kind = 'CORRECTION';
    ev.correctionOf = epcisId;
  } else {
    ev.id = (ct('eventId') as string | undefined) ?? (epcisId.startsWith('urn:cargotrace:event:') ? decodeURIComponent(epcisId.slice('urn:cargotrace:event:'.length)) : epcisId);
    ev.kind = (ct('kind') as string | undefined) ?? kindFromEpcis(e);
  }
  // chaincode rules: parent/children only on PACKED/UNPACKED/LOADED/UNLOADED (PACKED/UNPACKED need
  // both), inputs/outputs only on PROCESSED (which needs both), INSPECTED needs a result.
  const isAgg = e.type === 'AggregationEvent' || e.type === 'AssociationEvent';
  const allChildren = uniqGoods([...children, ...(isAgg ? qels(e.childQuantityList).filter((q) => typeof q.epcClass === 'string').map((q) => uriToGoods(q.epcClass as string)) : [])]);
  if (ev.kind !== 'CORRECTION' && !ct('kind')) {
    if (isAgg && parent && allChildren.length && (e.action === 'ADD' || e.action === 'DELETE')) ev.kind = e.action === 'ADD' ? 'PACKED' : 'UNPACKED';
    else if (e.type === 'TransformationEvent') ev.kind = inputs.length && outputs.length ? 'PROCESSED' : 'MOVED';
    if (ev.kind === 'INSPECTED' && !(e.disposition === 'conformant' || e.disposition === 'non_conformant')) ev.kind = 'MOVED';
    if (ev.kind === 'HANDED_OFF' && !party(e.destinationList, 'destination')) ev.kind = 'MOVED';
    if (ev.kind === 'STATUS_CHANGED' && !ct('supervisionStatus')) ev.kind = 'MOVED';
  }
  const aggKind = ['PACKED', 'UNPACKED', 'LOADED', 'UNLOADED', 'CORRECTION'].includes(ev.kind as string);
  const procKind = ev.kind === 'PROCESSED' || ev.kind === 'CORRECTION';
  const ctParent = !parent && isObj(ct('parent')) ? (ct('parent') as unknown as GoodsRef) : undefined;
  const ctChildren = !children.length && Array.isArray(ct('children')) ? (ct('children') as GoodsRef[]) : [];
  const extraGoods = Array.isArray(ct('goods')) ? (ct('goods') as GoodsRef[]) : [];
  ev.goods = uniqGoods([...(parent ? [parent] : []), ...(ctParent ? [ctParent] : []), ...epcs, ...children, ...ctChildren, ...classGoods, ...inputs.map((x) => x.goods), ...outputs.map((x) => x.goods), ...extraGoods]);
  if (typeof e.eventTime === 'string') {
    const off = typeof e.eventTimeZoneOffset === 'string' ? parseOffset(e.eventTimeZoneOffset) : undefined;
    ev.eventTime = off === undefined ? e.eventTime : instantInOffset(e.eventTime, off);
  }
  ev.district = (ct('district') as string | undefined) ?? opts.district;
  if (typeof e.bizLocation === 'object' && isObj(e.bizLocation) && typeof e.bizLocation.id === 'string') ev.site = uriToLoc(e.bizLocation.id);
  if (isObj(e.readPoint) && typeof e.readPoint.id === 'string') ev.readPoint = uriToLoc(e.readPoint.id);
  const actor = (ct('actor') as Actor | undefined) ?? opts.actor;
  if (actor) ev.actor = actor;
  const from = party(e.sourceList, 'source');
  const to = party(e.destinationList, 'destination');
  if (from || to) ev.custody = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  if (typeof e.disposition === 'string') ev.disposition = dispFromEpcis(e.disposition);
  for (const k of ['supervisionStatus', 'result', 'seals', 'weight', 'transit'] as const) if (ct(k) !== undefined) ev[k] = ct(k);
  const quantity = (ct('quantity') as CustodyEvent['quantity']) ?? (classQ.length === 1 ? measure(classQ[0]) : undefined);
  if (quantity) ev.quantity = quantity;
  const refs = qels(e.bizTransactionList).filter((b) => typeof b.bizTransaction === 'string').map((b) => {
    const t = typeof b.type === 'string' ? b.type : 'other';
    const REF_TYPES = ['declaration', 'manifest', 'transit', 'release-slip', 'bill-of-lading', 'e-account-book', 'other'];
    const mapped = t === 'bol' ? 'bill-of-lading' : t.startsWith(CT_BTT) ? decodeURIComponent(t.slice(CT_BTT.length)) : t;
    return {
      type: REF_TYPES.includes(mapped) ? mapped : 'other',
      id: (b.bizTransaction as string).startsWith(CT_BT) ? decodeURIComponent((b.bizTransaction as string).slice(CT_BT.length)) : (b.bizTransaction as string),
    };
  });
  if (refs.length) ev.references = refs;
  if (aggKind && (parent ?? ctParent)) ev.parent = parent ?? ctParent;
  if (aggKind && (allChildren.length || ctChildren.length)) ev.children = allChildren.length ? allChildren : ctChildren;
  if (procKind && inputs.length) ev.inputs = inputs;
  if (procKind && outputs.length) ev.outputs = outputs;
  if (ev.kind === 'INSPECTED' && ct('result') === undefined) ev.result = e.disposition === 'conformant' ? 'pass' : 'fail';
  const sensors: SensorReading[] = [];
  for (const el of qels(e.sensorElementList)) {
    const meta = isObj(el.sensorMetadata) ? el.sensorMetadata : {};
    for (const r of qels(el.sensorReport)) {
      const value = [r.value, r.stringValue, r.booleanValue, r.uriValue, r.hexBinaryValue, r.meanValue, r.minValue, r.maxValue].find((v) => v !== undefined);
      if (value === undefined) continue; // the chaincode needs a value; the full list stays in extensions.epcis
      const s: SensorReading = { type: String(r.type).slice(0, 64), value: value as number };
      const time = (r.time ?? meta.time) as string | undefined;
      if (time !== undefined) s.time = time;
      if (typeof r.uom === 'string') s.unit = r.uom;
      sensors.push(s);
    }
  }
  const documents = ct('documents');
  if (sensors.length || documents) ev.evidence = { ...(documents ? { documents } : {}), ...(sensors.length ? { sensors } : {}) };
  const otherExt = isObj(ct('extensions')) ? (ct('extensions') as Obj) : {};

  // what the custody fields do not reproduce stays in extensions.epcis
  const ext: EpcisExtension = { type: String(e.type) };
  if (typeof e.action === 'string') ext.action = e.action;
  const ctxEntries = (Array.isArray(opts.context) ? opts.context : opts.context ? [opts.context] : []).filter((c) => c !== EPCIS_CONTEXT_URL);
  if (ctxEntries.length) ext.context = ctxEntries;
  const draft = { ...(ev as unknown as CustodyEvent), extensions: { ...otherExt, epcis: ext } };
  const rebuilt = buildEpcis(draft, ext);
  const fields: Obj = {};
  for (const [k, v] of Object.entries(e)) {
    if (k === 'type' || k === 'action') continue;
    if (!(k in rebuilt) || !sameMember(k, v, rebuilt[k])) fields[k] = v;
  }
  const absent = Object.keys(rebuilt).filter((k) => !(k in e) && !k.startsWith('cargotrace:') && k !== 'eventID');
  if (Object.keys(fields).length) ext.fields = fields;
  if (absent.length) ext.absent = absent;
  return draft;
}

export interface EpcisImportIssue { index: number; eventID?: string; path: string; message: string }

/** All events of an EPCIS document (EPCISDocument or EPCISQueryDocument), as custody events. */
export function epcisDocumentToCustody(doc: Obj, opts: Omit<FromEpcisOptions, 'context'> = {}): CustodyEvent[] {
  return epcisEventList(doc).map((e) => epcisEventToCustody(e, { ...opts, context: doc['@context'] }));
}

export function epcisEventList(doc: Obj): Obj[] {
  const body = isObj(doc.epcisBody) ? doc.epcisBody : {};
  if (Array.isArray(body.eventList)) return body.eventList.filter(isObj);
  const qr = isObj(body.queryResults) && isObj(body.queryResults.resultsBody) ? body.queryResults.resultsBody : undefined;
  if (qr && Array.isArray(qr.eventList)) return qr.eventList.filter(isObj);
  if (typeof doc.type === 'string' && doc.type !== 'EPCISDocument' && doc.type !== 'EPCISQueryDocument' && 'eventTime' in doc) return [doc];
  return [];
}
