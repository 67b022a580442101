import type { RecordedBy } from '../event/event-record';
import type { GoodsRef } from '../goods/goods-ref';

/** An AEO certificate on the mutual-recognition channel. */
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
