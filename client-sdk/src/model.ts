/**
 * The custody-event input model as the client sees it. The chaincode's JSON Schema
 * (`@cargotrace/chaincode`) is the authority; these types mirror it so that the SDK compiles on
 * its own, and `validateEvent` is a quick client-side check that catches malformed rows before
 * they are queued (the gateway and chaincode validate again).
 */

export const EVENT_KINDS = [
  'MANIFEST_FILED', 'DECLARED', 'ARRIVED', 'GATE_IN', 'GATE_OUT', 'INSPECTION_ORDERED', 'INSPECTED',
  'QUARANTINE_RESULT', 'HELD', 'RELEASED', 'RECEIVED', 'STORED', 'MOVED', 'PICKED', 'DISPATCHED',
  'STOCKTAKE', 'STATUS_CHANGED', 'PROCESSED', 'PACKED', 'UNPACKED', 'LOADED', 'DEPARTED', 'UNLOADED',
  'HANDED_OFF', 'TAKEN_OVER', 'EXPORTED', 'CORRECTION',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const GOODS_TYPES = ['container', 'consignment', 'declaration', 'lot', 'part', 'epc', 'digital-link'] as const;
export type GoodsType = (typeof GOODS_TYPES)[number];

export interface GoodsRef {
  type: GoodsType | string;
  id: string;
  /** e-account book of a part number */
  book?: string;
}
export interface Actor { org: string; enterpriseCode?: string }
export interface Measure { value: number; unit: string }
export interface Reference { type: string; id: string }
export interface GoodsQuantity { goods: GoodsRef; quantity?: Measure }
export interface SensorReading { type: string; value: number | string | boolean; unit?: string; time?: string }
export interface DocumentEvidence { name: string; sha256: string }

export interface CustodyEvent {
  id: string;
  kind: EventKind;
  goods: GoodsRef[];
  /** RFC 3339 with an explicit offset */
  eventTime: string;
  /** 4-digit customs district code */
  district: string;
  site?: string;
  readPoint?: string;
  actor?: Actor;
  custody?: { from?: Actor; to?: Actor };
  disposition?: string;
  supervisionStatus?: string;
  result?: string;
  seals?: string[];
  weight?: Measure;
  quantity?: Measure;
  references?: Reference[];
  parent?: GoodsRef;
  children?: GoodsRef[];
  inputs?: GoodsQuantity[];
  outputs?: GoodsQuantity[];
  transit?: { destinationDistrict: string; dueBy: string };
  evidence?: { documents?: DocumentEvidence[]; sensors?: SensorReading[] };
  correctionOf?: string;
  extensions?: Record<string, unknown>;
}

/** A custody event before an id is assigned (ids default to a content hash). */
export type CustodyEventInput = Omit<CustodyEvent, 'id'> & { id?: string };

/** Stored event record as the ledger returns it. */
export interface EventRecord {
  event: CustodyEvent;
  recordedTime?: string;
  txId?: string;
  recordedBy?: { mspId?: string; id?: string; role?: string; district?: string };
}

export interface ValidationIssue { path: string; message: string }

export const RFC3339_WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DISTRICT = /^\d{4}$/;

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkGoods(g: unknown, path: string, out: ValidationIssue[]): void {
  if (!isObj(g)) { out.push({ path, message: 'must be an object {type, id}' }); return; }
  if (typeof g.type !== 'string' || !g.type) out.push({ path: `${path}/type`, message: 'required' });
  else if (!(GOODS_TYPES as readonly string[]).includes(g.type)) out.push({ path: `${path}/type`, message: `unknown goods type "${g.type}"` });
  if (typeof g.id !== 'string' || !g.id.trim()) out.push({ path: `${path}/id`, message: 'required' });
}

function checkMeasure(m: unknown, path: string, out: ValidationIssue[]): void {
  if (!isObj(m)) { out.push({ path, message: 'must be {value, unit}' }); return; }
  if (typeof m.value !== 'number' || !Number.isFinite(m.value)) out.push({ path: `${path}/value`, message: 'must be a number' });
  if (typeof m.unit !== 'string' || !m.unit) out.push({ path: `${path}/unit`, message: 'required' });
}

/** Quick structural validation (JSON Pointer paths). Returns [] when the event looks valid. */
export function validateEvent(e: unknown): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  if (!isObj(e)) return [{ path: '', message: 'event must be an object' }];
  if (typeof e.id !== 'string' || !e.id) out.push({ path: '/id', message: 'required' });
  if (typeof e.kind !== 'string' || !(EVENT_KINDS as readonly string[]).includes(e.kind)) {
    out.push({ path: '/kind', message: `must be one of ${EVENT_KINDS.join(', ')}${e.kind !== undefined ? ` (got "${String(e.kind)}")` : ''}` });
  }
  if (!Array.isArray(e.goods) || e.goods.length === 0) out.push({ path: '/goods', message: 'at least one goods reference is required' });
  else e.goods.forEach((g, i) => checkGoods(g, `/goods/${i}`, out));
  if (typeof e.eventTime !== 'string' || !RFC3339_WITH_OFFSET.test(e.eventTime) || Number.isNaN(Date.parse(e.eventTime))) {
    out.push({ path: '/eventTime', message: `must be an RFC 3339 date-time with offset${e.eventTime !== undefined ? ` (got "${String(e.eventTime)}")` : ''}` });
  }
  if (typeof e.district !== 'string' || !DISTRICT.test(e.district)) out.push({ path: '/district', message: 'must be a 4-digit district code' });
  for (const k of ['weight', 'quantity'] as const) if (e[k] !== undefined) checkMeasure(e[k], `/${k}`, out);
  if (e.parent !== undefined) checkGoods(e.parent, '/parent', out);
  if (e.children !== undefined) {
    if (!Array.isArray(e.children)) out.push({ path: '/children', message: 'must be an array' });
    else e.children.forEach((g, i) => checkGoods(g, `/children/${i}`, out));
  }
  for (const k of ['inputs', 'outputs'] as const) {
    const v = e[k];
    if (v === undefined) continue;
    if (!Array.isArray(v)) { out.push({ path: `/${k}`, message: 'must be an array' }); continue; }
    v.forEach((x, i) => {
      if (!isObj(x)) { out.push({ path: `/${k}/${i}`, message: 'must be {goods, quantity?}' }); return; }
      checkGoods(x.goods, `/${k}/${i}/goods`, out);
      if (x.quantity !== undefined) checkMeasure(x.quantity, `/${k}/${i}/quantity`, out);
    });
  }
  if (e.seals !== undefined && (!Array.isArray(e.seals) || e.seals.some((s) => typeof s !== 'string'))) out.push({ path: '/seals', message: 'must be an array of strings' });
  if (e.transit !== undefined) {
    if (!isObj(e.transit)) out.push({ path: '/transit', message: 'must be {destinationDistrict, dueBy}' });
    else {
      if (typeof e.transit.destinationDistrict !== 'string' || !DISTRICT.test(e.transit.destinationDistrict)) out.push({ path: '/transit/destinationDistrict', message: 'must be a 4-digit district code' });
      if (typeof e.transit.dueBy !== 'string' || !RFC3339_WITH_OFFSET.test(e.transit.dueBy)) out.push({ path: '/transit/dueBy', message: 'must be an RFC 3339 date-time with offset' });
    }
  }
  if (e.kind === 'CORRECTION' && typeof e.correctionOf !== 'string') out.push({ path: '/correctionOf', message: 'required for CORRECTION' });
  if (e.extensions !== undefined && !isObj(e.extensions)) out.push({ path: '/extensions', message: 'must be an object' });
  return out;
}

type ChaincodeValidate = (value: unknown) => { path: string; message: string }[];
let chaincodeValidate: ChaincodeValidate | null | undefined;

/**
 * The chaincode's own validator (schema + semantic rules of '@cargotrace/chaincode') when that
 * package is installed next to the SDK; null otherwise. Loaded lazily, with fabric logging quiet.
 */
export function chaincodeValidator(): ChaincodeValidate | null {
  if (chaincodeValidate === undefined) {
    try {
      process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'error';
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const m = require('@cargotrace/chaincode') as { validateEvent?: ChaincodeValidate };
      chaincodeValidate = typeof m.validateEvent === 'function' ? m.validateEvent : null;
    } catch {
      chaincodeValidate = null;
    }
  }
  return chaincodeValidate;
}

/** validateEvent, then (when available) the chaincode's authoritative checks. */
export function validateForLedger(e: unknown): ValidationIssue[] {
  const own = validateEvent(e);
  if (own.length) return own;
  const cc = chaincodeValidator();
  return cc ? cc(e).map((x) => ({ path: x.path, message: x.message.startsWith(`${x.path}: `) ? x.message.slice(x.path.length + 2) : x.message })) : [];
}
