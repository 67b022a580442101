/**
 * Import: GS1 EPCIS 2.0 events → custody events, losslessly.
 *
 * Every EPCIS field with a custody counterpart goes to the custody field. The custody event is then
 * exported again, and `extensions.epcis.fields` keeps exactly the members that rebuild does not
 * reproduce (ilmd, certificationInfo, persistentDisposition, user extensions, quantity lists with
 * several elements, sensor metadata, …) plus the original type and action, so import → export
 * restores every field.
 */
import { createHash } from 'crypto';
import { canonicalJson } from '../canonical-json';
import type { CustodyEvent, Party } from '../event/custody-event';
import { parseOffset, instantInOffset } from '../time/utc-offset';
import { buildEpcis } from './custody-to-epcis';
import type { EpcisExtension } from './epcis-extension';
import { cbvEventHash } from './event-hash';
import { dispFromEpcis, epcisIdToEventId, kindFromEpcis, uniqGoods, uriToLoc } from './identifiers';
import {
  cargotraceMember,
  measureOf,
  partyOf,
  readGoods,
  readKeptGoods,
  readReferences,
  readSensors,
  type EpcisGoods,
  type KeptGoods,
} from './epcis-reading';
import { CT_EVENT, EPCIS_CONTEXT_URL, isAggregationType, isEpcisObject, type EpcisObject } from './vocabulary';

/**
 * Options of {@link epcisEventToCustody} and {@link epcisDocumentToCustody}.
 *
 * @example
 * epcisDocumentToCustody(doc, { district: '2305', actor: { org: 'SipLogisticsMSP' } });
 */
export interface FromEpcisOptions {
  /** district for events that do not carry `cargotrace:district` (EPCIS has no district) */
  district?: string;
  /** actor recorded on events without `cargotrace:actor` */
  actor?: Party;
  /** document-level @context (for extension namespaces and the event hash) */
  context?: unknown;
}

/** A reason an event of an EPCIS document cannot be imported. */
export interface EpcisImportIssue {
  index: number;
  eventID?: string;
  path: string;
  message: string;
}

/**
 * The event's id: eventID, or the CBV 2.0 event hash when the event has none.
 *
 * @example
 * epcisEventId({ type: 'ObjectEvent', eventID: 'urn:uuid:1' }); // 'urn:uuid:1'
 */
export function epcisEventId(e: EpcisObject, context?: unknown): string {
  return typeof e.eventID === 'string' && e.eventID ? e.eventID : cbvEventHash(e, context);
}

/** id and kind; an error declaration becomes a CORRECTION of the event it declares wrong. */
function identityOf(e: EpcisObject, opts: FromEpcisOptions): EpcisObject {
  const epcisId = epcisIdToEventId(epcisEventId(e, opts.context));
  const keptId = cargotraceMember(e, 'eventId') as string | undefined;
  if (isEpcisObject(e.errorDeclaration)) {
    const declaration = createHash('sha256').update(canonicalJson(e.errorDeclaration)).digest('hex').slice(0, 16);
    return { id: keptId ?? `${epcisId}#error-${declaration}`, kind: 'CORRECTION', correctionOf: epcisId };
  }
  return {
    id: keptId ?? (epcisId.startsWith(CT_EVENT) ? decodeURIComponent(epcisId.slice(CT_EVENT.length)) : epcisId),
    kind: cargotraceMember(e, 'kind') ?? kindFromEpcis(e),
  };
}

const ADD_OR_DELETE: readonly unknown[] = ['ADD', 'DELETE'];

/** The structure decides where the bizStep cannot: an aggregation that adds or removes children
 * packs or unpacks; a transformation processes when it has inputs and outputs. */
function kindFromStructure(kind: string, e: EpcisObject, g: EpcisGoods): string {
  if (isAggregationType(e.type) && g.parent && g.allChildren.length && ADD_OR_DELETE.includes(e.action))
    return e.action === 'ADD' ? 'PACKED' : 'UNPACKED';
  if (e.type === 'TransformationEvent') return g.inputs.length && g.outputs.length ? 'PROCESSED' : 'MOVED';
  return kind;
}

/** The chaincode's cross-field rules: a kind whose required fields the event cannot fill (an
 * inspection result, a receiving party, a supervision status) becomes MOVED. */
function kindTheLedgerAccepts(kind: string, e: EpcisObject): string {
  if (kind === 'INSPECTED' && !(e.disposition === 'conformant' || e.disposition === 'non_conformant')) return 'MOVED';
  if (kind === 'HANDED_OFF' && !partyOf(e.destinationList, 'destination')) return 'MOVED';
  if (kind === 'STATUS_CHANGED' && !cargotraceMember(e, 'supervisionStatus')) return 'MOVED';
  return kind;
}

function refinedKind(kind: string, e: EpcisObject, g: EpcisGoods): string {
  if (kind === 'CORRECTION' || cargotraceMember(e, 'kind')) return kind;
  return kindTheLedgerAccepts(kindFromStructure(kind, e, g), e);
}

/** Every goods the event names, each once. */
function goodsList(g: EpcisGoods, kept: KeptGoods) {
  return uniqGoods([
    ...(g.parent ? [g.parent] : []),
    ...(kept.parent ? [kept.parent] : []),
    ...g.epcs,
    ...g.children,
    ...kept.children,
    ...g.classGoods,
    ...g.inputs.map((x) => x.goods),
    ...g.outputs.map((x) => x.goods),
    ...kept.goods,
  ]);
}

/** eventTime in the event's own offset, district, site and read point. */
function whenAndWhere(e: EpcisObject, opts: FromEpcisOptions): EpcisObject {
  const out: EpcisObject = {};
  if (typeof e.eventTime === 'string') {
    const off = typeof e.eventTimeZoneOffset === 'string' ? parseOffset(e.eventTimeZoneOffset) : undefined;
    out.eventTime = off === undefined ? e.eventTime : instantInOffset(e.eventTime, off);
  }
  out.district = cargotraceMember(e, 'district') ?? opts.district;
  if (isEpcisObject(e.bizLocation) && typeof e.bizLocation.id === 'string') out.site = uriToLoc(e.bizLocation.id);
  if (isEpcisObject(e.readPoint) && typeof e.readPoint.id === 'string') out.readPoint = uriToLoc(e.readPoint.id);
  return out;
}

const KEPT_FIELDS = ['supervisionStatus', 'result', 'seals', 'weight', 'transit'] as const;

/** actor, custody hand-off, disposition and the custody fields kept in `cargotrace:` members. */
function whoAndHow(e: EpcisObject, opts: FromEpcisOptions): EpcisObject {
  const out: EpcisObject = {};
  const actor = (cargotraceMember(e, 'actor') as Party | undefined) ?? opts.actor;
  if (actor) out.actor = actor;
  const from = partyOf(e.sourceList, 'source');
  const to = partyOf(e.destinationList, 'destination');
  if (from || to) out.custody = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  if (typeof e.disposition === 'string') out.disposition = dispFromEpcis(e.disposition);
  for (const k of KEPT_FIELDS) if (cargotraceMember(e, k) !== undefined) out[k] = cargotraceMember(e, k);
  return out;
}

/** quantity (kept, or the only class quantity element) and references. */
function howMuchAndWhy(e: EpcisObject, g: EpcisGoods): EpcisObject {
  const out: EpcisObject = {};
  const kept = cargotraceMember(e, 'quantity') as CustodyEvent['quantity'];
  const quantity = kept ?? (g.classQuantities.length === 1 ? measureOf(g.classQuantities[0]) : undefined);
  if (quantity) out.quantity = quantity;
  const refs = readReferences(e);
  if (refs.length) out.references = refs;
  return out;
}

const PACKING_KINDS: readonly string[] = ['PACKED', 'UNPACKED', 'LOADED', 'UNLOADED', 'CORRECTION'];

function packingOf(g: EpcisGoods, kept: KeptGoods): EpcisObject {
  const out: EpcisObject = {};
  const parent = g.parent ?? kept.parent;
  if (parent) out.parent = parent;
  if (g.allChildren.length || kept.children.length) out.children = g.allChildren.length ? g.allChildren : kept.children;
  return out;
}

function processingOf(g: EpcisGoods): EpcisObject {
  return { ...(g.inputs.length ? { inputs: g.inputs } : {}), ...(g.outputs.length ? { outputs: g.outputs } : {}) };
}

/** The chaincode allows parent/children only on packing kinds and inputs/outputs only on PROCESSED
 * (a CORRECTION may carry either). */
function structureOf(kind: string, g: EpcisGoods, kept: KeptGoods): EpcisObject {
  return {
    ...(PACKING_KINDS.includes(kind) ? packingOf(g, kept) : {}),
    ...(kind === 'PROCESSED' || kind === 'CORRECTION' ? processingOf(g) : {}),
  };
}

function evidenceOf(e: EpcisObject): EpcisObject | undefined {
  const sensors = readSensors(e);
  const documents = cargotraceMember(e, 'documents');
  if (!sensors.length && !documents) return undefined;
  return { ...(documents ? { documents } : {}), ...(sensors.length ? { sensors } : {}) };
}

/** The source document's context entries beyond the EPCIS context (namespace prefixes). */
function extraContext(context: unknown): unknown[] {
  const entries = Array.isArray(context) ? context : context ? [context] : [];
  return entries.filter((c) => c !== EPCIS_CONTEXT_URL);
}

function sameMember(key: string, a: unknown, b: unknown): boolean {
  if (key === 'eventTime' || key === 'recordTime') return typeof a === 'string' && typeof b === 'string' && Date.parse(a) === Date.parse(b);
  return canonicalJson(a) === canonicalJson(b);
}

/** Attaches `extensions.epcis`: the original type and action, and what a rebuild from the custody
 * fields would get wrong (members it changes or lacks, members it adds). */
function withEpcisExtension(e: EpcisObject, ev: EpcisObject, opts: FromEpcisOptions): CustodyEvent {
  const otherExt = isEpcisObject(cargotraceMember(e, 'extensions')) ? (cargotraceMember(e, 'extensions') as EpcisObject) : {};
  const ext: EpcisExtension = { type: String(e.type) };
  if (typeof e.action === 'string') ext.action = e.action;
  const context = extraContext(opts.context);
  if (context.length) ext.context = context;
  const draft = { ...(ev as unknown as CustodyEvent), extensions: { ...otherExt, epcis: ext } };
  const rebuilt = buildEpcis(draft, ext);
  const fields = membersNotRebuilt(e, rebuilt);
  const absent = Object.keys(rebuilt).filter((k) => !(k in e) && !k.startsWith('cargotrace:') && k !== 'eventID');
  if (Object.keys(fields).length) ext.fields = fields;
  if (absent.length) ext.absent = absent;
  return draft;
}

/** The original's members (type and action aside) that the rebuild lacks or writes differently. */
function membersNotRebuilt(e: EpcisObject, rebuilt: EpcisObject): EpcisObject {
  const fields: EpcisObject = {};
  for (const [k, v] of Object.entries(e)) {
    if (k === 'type' || k === 'action') continue;
    if (!(k in rebuilt) || !sameMember(k, v, rebuilt[k])) fields[k] = v;
  }
  return fields;
}

/**
 * One EPCIS 2.0 event → one custody event, losslessly (see the module comment). The result is not
 * validated: run the model's `validateEvent` on it.
 *
 * @example
 * const ev = epcisEventToCustody(
 *   { type: 'ObjectEvent', action: 'OBSERVE', bizStep: 'commissioning', epcList: ['urn:epc:id:sgtin:0614141.107346.1'], eventTime: '2024-01-01T00:00:00Z', eventTimeZoneOffset: '+08:00' },
 *   { district: '2248' },
 * );
 * ev.eventTime; // '2024-01-01T08:00:00+08:00'
 */
export function epcisEventToCustody(e: EpcisObject, opts: FromEpcisOptions = {}): CustodyEvent {
  const goods = readGoods(e);
  const kept = readKeptGoods(e, goods);
  const ev: EpcisObject = identityOf(e, opts);
  ev.kind = refinedKind(ev.kind as string, e, goods);
  ev.goods = goodsList(goods, kept);
  Object.assign(ev, whenAndWhere(e, opts), whoAndHow(e, opts), howMuchAndWhy(e, goods), structureOf(ev.kind as string, goods, kept));
  if (ev.kind === 'INSPECTED' && cargotraceMember(e, 'result') === undefined) ev.result = e.disposition === 'conformant' ? 'pass' : 'fail';
  const evidence = evidenceOf(e);
  if (evidence) ev.evidence = evidence;
  return withEpcisExtension(e, ev, opts);
}

/**
 * The events of an EPCIS document (EPCISDocument or EPCISQueryDocument's resultsBody); a bare event
 * is a list of one.
 *
 * @example
 * epcisEventList(toEpcisDocument(events)).length === events.length; // true
 */
export function epcisEventList(doc: EpcisObject): EpcisObject[] {
  const body = isEpcisObject(doc.epcisBody) ? doc.epcisBody : {};
  if (Array.isArray(body.eventList)) return body.eventList.filter(isEpcisObject);
  const qr = queryResultsBody(body);
  if (qr && Array.isArray(qr.eventList)) return qr.eventList.filter(isEpcisObject);
  return isBareEvent(doc) ? [doc] : [];
}

function queryResultsBody(body: EpcisObject): EpcisObject | undefined {
  return isEpcisObject(body.queryResults) && isEpcisObject(body.queryResults.resultsBody) ? body.queryResults.resultsBody : undefined;
}

function isBareEvent(doc: EpcisObject): boolean {
  return typeof doc.type === 'string' && doc.type !== 'EPCISDocument' && doc.type !== 'EPCISQueryDocument' && 'eventTime' in doc;
}

/**
 * All events of an EPCIS document (EPCISDocument or EPCISQueryDocument), as custody events; the
 * document's `@context` is used for extension namespaces and hash ids.
 *
 * @example
 * const events = epcisDocumentToCustody(doc, { district: '2305' }); // EPCIS has no district
 */
export function epcisDocumentToCustody(doc: EpcisObject, opts: Omit<FromEpcisOptions, 'context'> = {}): CustodyEvent[] {
  return epcisEventList(doc).map((e) => epcisEventToCustody(e, { ...opts, context: doc['@context'] }));
}
