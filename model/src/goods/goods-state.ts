import type { EventKind } from '../event/event-kind';
import type { InspectionResult, Party, SupervisionStatus, Transit, Weight } from '../event/custody-event';
import type { GoodsRef } from './goods-ref';

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
