/** TypeScript shapes of the gateway's GraphQL answers. The SDL (gateway/src/graphql/schema.graphql)
 * is the API contract; these types mirror its object types field for field (test/model/graphql-
 * results.test.ts fails when they drift). Nullable SDL fields are optional and may be null.
 *
 * A client receives only the fields its query selects, so an answer typed with these holds a
 * subset of them: select what you read (client-sdk/src/graphql/operations.ts, webapp/src/queries.ts). */

/** `DateTime` scalar: RFC 3339 text. */
export type DateTime = string;
/** `JSON` scalar holding an object (the event as submitted, the recorder's identity). */
export type JSONObject = Record<string, unknown>;

export type TraceDirection = 'UPSTREAM' | 'DOWNSTREAM' | 'BOTH';
export type GateDirection = 'IN' | 'OUT';
export type GateVerdict = 'ALLOW' | 'DENY';
export type IngestStatus = 'ACCEPTED' | 'DUPLICATE' | 'REJECTED';
export type CrossingVerdict =
  'MATCHED' | 'SEAL_MISMATCH' | 'WEIGHT_DEVIATION' | 'LATE' | 'OVERDUE' | 'IN_TRANSIT' | 'TAKEOVER_WITHOUT_HANDOFF';
export type AnomalyType =
  'EXIT_WITHOUT_RELEASE' | 'SEAL_MISMATCH' | 'WEIGHT_DEVIATION' | 'OVERDUE_TRANSIT' | 'TAKEOVER_WITHOUT_HANDOFF' | 'HELD_GOODS_MOVED';
export type Severity = 'HIGH' | 'MEDIUM' | 'LOW';
export type ReadScopeKind = 'ALL' | 'DISTRICTS' | 'CUSTODIAN' | 'INSPECTOR' | 'MUTUAL_RECOGNITION';
export type GoodsRelation = 'ROOT' | 'UPSTREAM' | 'DOWNSTREAM';

export interface Viewer {
  userId: string;
  org: string;
  orgKind: string;
  role: string;
  district: string;
  level: string;
  scope: ReadScopeKind;
  scopeDistricts?: string[] | null;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor?: string | null;
  endCursor?: string | null;
}

export interface EventEdge {
  cursor: string;
  node: CustodyEvent;
}

export interface EventConnection {
  edges: EventEdge[];
  pageInfo: PageInfo;
}

export interface District {
  code: string;
  name: string;
  nameZh?: string | null;
  level: string;
  parent?: string | null;
  channel?: string | null;
}

export interface ChainVerification {
  channel: string;
  ok: boolean;
  height: number;
  firstBadBlock?: number | null;
  firstBadTxId?: string | null;
  reason?: string | null;
}

export interface GoodsRef {
  type: string;
  id: string;
}

export interface Goods {
  type: string;
  id: string;
  districts: string[];
  /** Goods state per channel, as the chaincode keeps it. */
  state?: unknown;
  events: CustodyEvent[];
}

export interface Party {
  org?: string | null;
  enterpriseCode?: string | null;
}

export interface CustodyTransfer {
  from?: Party | null;
  to?: Party | null;
}

export interface Measure {
  value: number;
  unit: string;
}

export interface Reference {
  type: string;
  id: string;
}

export interface Transit {
  destinationDistrict?: string | null;
  dueBy?: DateTime | null;
}

export interface LedgerProof {
  channel: string;
  blockNumber: number;
  txId: string;
  blockHash: string;
  txIndex?: number | null;
  validationCode?: string | null;
}

export interface CustodyEvent {
  id: string;
  kind: string;
  eventTime: DateTime;
  recordedTime?: DateTime | null;
  district: string;
  site?: string | null;
  readPoint?: string | null;
  goods: GoodsRef[];
  actor?: Party | null;
  custody?: CustodyTransfer | null;
  seals?: string[] | null;
  weight?: Measure | null;
  quantity?: Measure | null;
  disposition?: string | null;
  supervisionStatus?: string | null;
  result?: string | null;
  references?: Reference[] | null;
  transit?: Transit | null;
  channel: string;
  txId?: string | null;
  recordedBy?: JSONObject | null;
  /** Where the ledger holds this fact. */
  proof?: LedgerProof | null;
  /** The event as submitted. */
  raw: JSONObject;
}

export interface TraceGoods {
  goods: GoodsRef;
  depth: number;
  relation: GoodsRelation;
  districts: string[];
  parents: GoodsRef[];
  children: GoodsRef[];
  inputs: GoodsRef[];
  outputs: GoodsRef[];
}

export interface GoodsLink {
  kind: string;
  from: GoodsRef;
  to: GoodsRef;
  eventId: string;
}

export interface CustodySegment {
  goods: GoodsRef;
  custodian: Party;
  from: DateTime;
  to?: DateTime | null;
  district: string;
  site?: string | null;
  startEventId: string;
  endEventId?: string | null;
}

export interface Crossing {
  goods: GoodsRef;
  handOff?: CustodyEvent | null;
  takeOver?: CustodyEvent | null;
  fromDistrict?: string | null;
  toDistrict?: string | null;
  dueBy?: DateTime | null;
  verdict: CrossingVerdict;
  issues: CrossingVerdict[];
  sealsOut?: string[] | null;
  sealsIn?: string[] | null;
  weightOutKg?: number | null;
  weightInKg?: number | null;
  weightDeviation?: number | null;
}

export interface Anomaly {
  id: string;
  type: AnomalyType;
  severity: Severity;
  goods: GoodsRef;
  district: string;
  eventIds: string[];
  time: DateTime;
  message: string;
}

export interface Trace {
  root: GoodsRef;
  direction: TraceDirection;
  /** Events of every visible goods in the trace, ordered by event time and ledger order. */
  events: CustodyEvent[];
  goods: TraceGoods[];
  links: GoodsLink[];
  custody: CustodySegment[];
  crossings: Crossing[];
  anomalies: Anomaly[];
  districts: string[];
  /** Related goods left out because they lie outside the caller's scope. */
  hiddenGoods: number;
}

export interface GateReason {
  code: string;
  ok: boolean;
  message: string;
}

export interface GateCheck {
  containerNo: string;
  gateId: string;
  district: string;
  direction: GateDirection;
  decision: GateVerdict;
  reasons: GateReason[];
  declaredWeightKg?: number | null;
  observedWeightKg?: number | null;
  expectedSeals?: string[] | null;
  observedSeals?: string[] | null;
}

/** One `gateCheck` answer from the gateway's gate-decision log (an audit log, not ledger data). */
export interface GateDecision {
  id: string;
  containerNo: string;
  gateId: string;
  district: string;
  direction: GateDirection;
  decision: GateVerdict;
  reasons: GateReason[];
  checkedAt: DateTime;
  checkedBy: GateCheckedBy;
}

export interface GateCheckedBy {
  userId: string;
  org: string;
}

export interface EventResult {
  index: number;
  id?: string | null;
  status: IngestStatus;
  code?: string | null;
  message?: string | null;
  /** JSON Pointer into the request's events array. */
  path?: string | null;
  channel?: string | null;
  txId?: string | null;
  blockNumber?: number | null;
}

export interface AppendEventsPayload {
  results: EventResult[];
  accepted: number;
  duplicates: number;
  rejected: number;
}

export interface AeoCertificate {
  enterpriseCode: string;
  enterpriseName?: string | null;
  level?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  issuingCustoms?: string | null;
  partnerCustoms?: string[] | null;
  status?: string | null;
  recordedTime?: DateTime | null;
  txId?: string | null;
  raw: JSONObject;
}

export interface MrConsignment {
  id: string;
  enterpriseCode?: string | null;
  exportDeclaration?: string | null;
  goods?: GoodsRef[] | null;
  partnerCustoms?: string | null;
  originDistrict?: string | null;
  destinationCountry?: string | null;
  status?: string | null;
  recordedTime?: DateTime | null;
  txId?: string | null;
  raw: JSONObject;
}
