/** TypeScript types of the chaincode's data. The JSON Schemas in ./schemas are the authority;
 * these types mirror them. */

export const EVENT_KINDS = [
  'MANIFEST_FILED',
  'DECLARED',
  'ARRIVED',
  'GATE_IN',
  'GATE_OUT',
  'INSPECTION_ORDERED',
  'INSPECTED',
  'QUARANTINE_RESULT',
  'HELD',
  'RELEASED',
  'RECEIVED',
  'STORED',
  'MOVED',
  'PICKED',
  'DISPATCHED',
  'STOCKTAKE',
  'STATUS_CHANGED',
  'PROCESSED',
  'PACKED',
  'UNPACKED',
  'LOADED',
  'DEPARTED',
  'UNLOADED',
  'HANDED_OFF',
  'TAKEN_OVER',
  'EXPORTED',
  'CORRECTION',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const GOODS_TYPES = ['container', 'consignment', 'declaration', 'lot', 'part', 'epc', 'digital-link'] as const;
export type GoodsType = (typeof GOODS_TYPES)[number];

export const ORG_KINDS = ['gacc', 'customs', 'ciq', 'warehouse', 'carrier', 'partner-customs'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export interface GoodsRef {
  type: GoodsType;
  id: string;
  /** e-account book number; required for `part`. */
  book?: string;
}

export interface Party {
  org: string;
  enterpriseCode?: string;
}

export interface Quantity {
  value: number;
  unit: string;
}

export interface Weight {
  value: number;
  unit: 'kg' | 't' | 'lb';
}

export type ReferenceType = 'declaration' | 'manifest' | 'transit' | 'release-slip' | 'bill-of-lading' | 'e-account-book' | 'other';

export interface Reference {
  type: ReferenceType;
  id: string;
}

export interface GoodsQuantity {
  goods: GoodsRef;
  quantity?: Quantity;
}

export interface Transit {
  destinationDistrict: string;
  dueBy: string;
}

export interface Evidence {
  documents?: Array<{ name: string; sha256: string }>;
  sensors?: Array<{ type: string; value: number | string | boolean; unit?: string; time?: string }>;
}

export type SupervisionStatus = 'bonded' | 'non-bonded';
export type InspectionResult = 'pass' | 'fail' | 'conditional';

/** A custody event as submitted (and stored unchanged). */
export interface CustodyEvent {
  id: string;
  kind: EventKind;
  goods: GoodsRef[];
  /** RFC 3339 with offset, e.g. 2026-11-20T08:30:00+08:00. */
  eventTime: string;
  /** 4-digit customs district code registered on the channel. */
  district: string;
  site?: string;
  readPoint?: string;
  actor?: Party;
  custody?: { from?: Party; to?: Party };
  disposition?: string;
  supervisionStatus?: SupervisionStatus;
  result?: InspectionResult;
  seals?: string[];
  weight?: Weight;
  quantity?: Quantity;
  references?: Reference[];
  parent?: GoodsRef;
  children?: GoodsRef[];
  inputs?: GoodsQuantity[];
  outputs?: GoodsQuantity[];
  transit?: Transit;
  evidence?: Evidence;
  correctionOf?: string;
  extensions?: Record<string, unknown>;
}

export interface RecordedBy {
  mspId: string;
  id: string;
  role: string;
  district: string;
}

/** What the ledger stores per event. */
export interface EventRecord {
  event: CustodyEvent;
  /** Transaction timestamp, ISO 8601 UTC with milliseconds. */
  recordedTime: string;
  txId: string;
  recordedBy: RecordedBy;
}

export type CustomsStatus = 'declared' | 'inspection-ordered' | 'inspected' | 'held' | 'released' | 'exported';

export interface OpenHandOff {
  eventId: string;
  from: Party;
  to: Party;
  seals?: string[];
  weight?: Weight;
  transit?: Transit;
  eventTime: string;
}

/** Current state of one goods item, derived from its events in submission order. */
export interface GoodsState {
  goods: GoodsRef;
  custodian?: Party;
  district: string;
  site?: string;
  readPoint?: string;
  supervisionStatus?: SupervisionStatus;
  customsStatus?: CustomsStatus;
  /** Result of the latest INSPECTED event. */
  inspectionResult?: InspectionResult;
  /** Result of the latest QUARANTINE_RESULT event. */
  quarantineResult?: InspectionResult;
  seals?: string[];
  weight?: Weight;
  openHandOffs: OpenHandOff[];
  parent?: GoodsRef;
  lastEvent: { id: string; kind: EventKind; eventTime: string };
  eventCount: number;
  /** Earliest event time seen (as submitted). */
  firstEventTime: string;
}

/** Registry entries (shapes of network/config/network.json entries). */
export interface RegisteredDistrict {
  code: string;
  name: string;
  nameZh?: string;
  level: 'national' | 'directly-governed' | 'subordinate';
  parent?: string;
}

export interface RegisteredSite {
  id: string;
  name: string;
  district: string;
  kind: string;
}

export interface RegisteredOrganisation {
  mspId: string;
  name: string;
  kind: OrgKind;
  enterpriseCode?: string;
  country?: string;
  districts: string[];
  sites?: RegisteredSite[];
}

export interface Registry {
  districts: RegisteredDistrict[];
  organisations: RegisteredOrganisation[];
}

export interface AeoCertificate {
  enterpriseCode: string;
  enterpriseName: string;
  level: 'advanced' | 'general';
  validFrom: string;
  validTo: string;
  issuingCustoms: string;
  partnerCustoms: string[];
  status: 'valid' | 'suspended' | 'revoked';
  extensions?: Record<string, unknown>;
}

export interface MrConsignment {
  id: string;
  enterpriseCode: string;
  exportDeclaration: string;
  goods: GoodsRef[];
  partnerCustoms: string;
  originDistrict: string;
  destinationCountry: string;
  status: 'declared' | 'exported' | 'in-transit' | 'arrived' | 'cleared' | 'held' | 'cancelled';
  events?: Array<{ id?: string; kind: string; eventTime: string; district?: string; country?: string; note?: string }>;
  extensions?: Record<string, unknown>;
}

/** A stored mutual-recognition record: the submitted value plus who recorded it and when. */
export interface MrRecord<T> {
  value: T;
  recordedTime: string;
  txId: string;
  recordedBy: RecordedBy;
}

/** Page of query results. `bookmark` is '' when there are no more results. */
export interface Page<T> {
  records: T[];
  bookmark: string;
  fetched: number;
}

export interface HistoryEntry<T> {
  txId: string;
  timestamp: string;
  isDelete: boolean;
  value?: T;
}

export type LinkRelation = 'parent' | 'child' | 'input' | 'output';

/** A link between two goods (aggregation or processing), as getRelatedGoods returns it. */
export interface GoodsLink {
  relation: LinkRelation;
  goods: GoodsRef;
  eventId: string;
  kind: EventKind;
  eventTime: string;
  /** false once an UNPACKED/UNLOADED event took a child out of its parent. */
  active: boolean;
}

export interface RelatedGoods {
  goods: GoodsRef;
  parent?: GoodsRef;
  links: GoodsLink[];
}

export interface AppendResult {
  results: Array<{ id: string; status: 'accepted' | 'duplicate' }>;
  txTime: string;
}

export interface CustodyEventsAppendedPayload {
  txId: string;
  events: Array<{ id: string; kind: EventKind; district: string; eventTime: string; goods: Array<{ type: GoodsType; id: string }> }>;
}

export const CUSTODY_EVENTS_APPENDED = 'CustodyEventsAppended';
export const MAX_BATCH = 1000;
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;
