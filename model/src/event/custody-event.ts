import type { EventKind } from './event-kind';
import type { GoodsRef } from '../goods/goods-ref';

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

export interface DocumentEvidence {
  name: string;
  sha256: string;
}

export interface SensorReading {
  type: string;
  value: number | string | boolean;
  unit?: string;
  time?: string;
}

export interface Evidence {
  documents?: DocumentEvidence[];
  sensors?: SensorReading[];
}

export type SupervisionStatus = 'bonded' | 'non-bonded';
export type InspectionResult = 'pass' | 'fail' | 'conditional';

/** A custody event as submitted (and stored unchanged). The JSON Schema in
 * schema/schemas/custody-event.schema.json is the authority; this type mirrors it. */
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


/** A custody event before an id is assigned (clients default ids to a content hash). */
export type CustodyEventInput = Omit<CustodyEvent, 'id'> & { id?: string };
