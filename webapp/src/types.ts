/** Shapes of the gateway's GraphQL answers (gateway/src/graphql/schema.graphql), as the page asks for them. */

export interface GoodsRef { type: string; id: string }
export interface Party { org?: string | null; enterpriseCode?: string | null }
export interface Measure { value: number; unit: string }
export interface Reference { type: string; id: string }

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
  eventTime: string;
  recordedTime?: string | null;
  district: string;
  site?: string | null;
  readPoint?: string | null;
  goods: GoodsRef[];
  actor?: Party | null;
  custody?: { from?: Party | null; to?: Party | null } | null;
  seals?: string[] | null;
  weight?: Measure | null;
  quantity?: Measure | null;
  disposition?: string | null;
  supervisionStatus?: string | null;
  result?: string | null;
  references?: Reference[] | null;
  transit?: { destinationDistrict?: string | null; dueBy?: string | null } | null;
  channel: string;
  txId?: string | null;
  recordedBy?: Record<string, unknown> | null;
  proof?: LedgerProof | null;
  raw?: Record<string, unknown>;
}

export type CrossingVerdict = 'MATCHED' | 'SEAL_MISMATCH' | 'WEIGHT_DEVIATION' | 'LATE' | 'OVERDUE' | 'IN_TRANSIT' | 'TAKEOVER_WITHOUT_HANDOFF';

export interface Crossing {
  goods: GoodsRef;
  handOff?: { id: string; eventTime: string; district: string } | null;
  takeOver?: { id: string; eventTime: string; district: string } | null;
  fromDistrict?: string | null;
  toDistrict?: string | null;
  dueBy?: string | null;
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
  type: string;
  severity: 'HIGH' | 'MEDIUM' | 'LOW';
  goods: GoodsRef;
  district: string;
  eventIds: string[];
  time: string;
  message: string;
}

export interface CustodySegment {
  goods: GoodsRef;
  custodian: Party;
  from: string;
  to?: string | null;
  district: string;
  site?: string | null;
  startEventId: string;
  endEventId?: string | null;
}

export interface TraceGoods {
  goods: GoodsRef;
  depth: number;
  relation: 'ROOT' | 'UPSTREAM' | 'DOWNSTREAM';
  districts: string[];
  parents: GoodsRef[];
  children: GoodsRef[];
  inputs: GoodsRef[];
  outputs: GoodsRef[];
}

export interface GoodsLink { kind: string; from: GoodsRef; to: GoodsRef; eventId: string }

export interface Trace {
  root: GoodsRef;
  direction: string;
  events: CustodyEvent[];
  goods: TraceGoods[];
  links: GoodsLink[];
  custody: CustodySegment[];
  crossings: Crossing[];
  anomalies: Anomaly[];
  districts: string[];
  hiddenGoods: number;
}

export interface Viewer {
  userId: string;
  org: string;
  orgKind: string;
  role: string;
  district: string;
  level: string;
  scope: string;
  scopeDistricts?: string[] | null;
}

export interface District { code: string; name: string; nameZh?: string | null; level: string; parent?: string | null; channel?: string | null }

export interface ChainVerification { channel: string; ok: boolean; height: number; firstBadBlock?: number | null; firstBadTxId?: string | null; reason?: string | null }

export interface GateReason { code: string; ok: boolean; message: string }
export interface GateCheck {
  containerNo: string;
  gateId: string;
  district: string;
  direction: 'IN' | 'OUT';
  decision: 'ALLOW' | 'DENY';
  reasons: GateReason[];
}
/** One entry of the gateway's gate-decision log. */
export interface GateDecision extends GateCheck {
  id: string;
  checkedAt: string;
  checkedBy: { userId: string; org: string };
}
