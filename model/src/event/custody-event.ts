import type { EventKind } from './event-kind';
import type { GoodsRef } from '../goods/goods-ref';

/**
 * An organisation taking part in custody: its Fabric MSP id, and its customs enterprise code.
 *
 * @example
 * const actor: Party = { org: 'SipLogisticsMSP', enterpriseCode: '3205960123' };
 */
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

/**
 * A custody event as submitted (and stored unchanged). The JSON Schema in
 * schema/schemas/custody-event.schema.json is the authority; this type mirrors it.
 *
 * @example
 * const event: CustodyEvent = {
 *   id: 'demo-a06', kind: 'HANDED_OFF', goods: [{ type: 'container', id: 'COSU6331218' }],
 *   eventTime: '2026-11-20T06:00:00+08:00', district: '2248', site: 'CNYSA-T4',
 *   custody: { from: { org: 'YangshanTerminalMSP' }, to: { org: 'SinoTransMSP' } }, seals: ['SH2026A000123'],
 * };
 */
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

/**
 * A custody event before an id is assigned (clients default ids to a content hash).
 *
 * @example
 * const input: CustodyEventInput = { kind: 'STORED', goods: [{ type: 'container', id: 'COSU6331218' }], eventTime: '2026-11-20T14:05:00+08:00', district: '2305' };
 * await client.appendEvents([input]); // the id becomes 'ct-<sha-256 of the content>'
 */
export type CustodyEventInput = Omit<CustodyEvent, 'id'> & { id?: string };
