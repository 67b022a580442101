/**
 * The EPCIS 2.0 and CBV 2.0 vocabulary the custody mapping speaks, and the `urn:cargotrace:` URIs
 * that carry custody values EPCIS has no term for.
 */
import type { EventKind } from '../event/event-kind';

/** A JSON object as EPCIS documents hold them. */
export type EpcisObject = Record<string, unknown>;

export const isEpcisObject = (v: unknown): v is EpcisObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Anything with a scheme (`urn:`, `https:`, …) is used as a URI as it stands. */
export const isUri = (s: string): boolean => /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/.test(s);

export const EPCIS_CONTEXT_URL = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
export const CARGOTRACE_NS = 'urn:cargotrace:ns:';
export const EPCIS_EVENT_TYPES = [
  'ObjectEvent',
  'AggregationEvent',
  'TransactionEvent',
  'TransformationEvent',
  'AssociationEvent',
] as const;

/** CBV 2.0 bizStep → custody kind. Others keep their bizStep in extensions.epcis.fields. Without a
 * prototype, so that a hostile bizStep such as `constructor` or `__proto__` finds nothing. */
export const BIZSTEP_TO_KIND: Readonly<Partial<Record<string, EventKind>>> = Object.assign(
  Object.create(null) as Record<string, EventKind>,
  {
    receiving: 'RECEIVED',
    shipping: 'DISPATCHED',
    storing: 'STORED',
    packing: 'PACKED',
    unpacking: 'UNPACKED',
    loading: 'LOADED',
    unloading: 'UNLOADED',
    departing: 'DEPARTED',
    arriving: 'ARRIVED',
    inspecting: 'INSPECTED',
    holding: 'HELD',
    picking: 'PICKED',
    stock_taking: 'STOCKTAKE',
  },
);
export const KIND_TO_BIZSTEP: Readonly<Partial<Record<EventKind, string>>> = inverse(BIZSTEP_TO_KIND);

function inverse(bizStepToKind: Readonly<Partial<Record<string, EventKind>>>): Partial<Record<EventKind, string>> {
  const out = Object.create(null) as Partial<Record<EventKind, string>>;
  for (const [bizStep, kind] of Object.entries(bizStepToKind)) if (kind) out[kind] = bizStep;
  return out;
}

// Prefixes of the URIs that carry custody values EPCIS has no term for.
export const CT_BIZSTEP = 'urn:cargotrace:bizstep:';
export const CT_DISP = 'urn:cargotrace:disp:';
export const CT_BTT = 'urn:cargotrace:btt:';
export const CT_BT = 'urn:cargotrace:bt:';
export const CT_GOODS = 'urn:cargotrace:goods:';
export const CT_LOC = 'urn:cargotrace:loc:';
export const CT_PARTY = 'urn:cargotrace:party:';
export const CT_EVENT = 'urn:cargotrace:event:';

export const CBV_DISPOSITIONS = new Set([
  'active',
  'container_closed',
  'damaged',
  'destroyed',
  'dispensed',
  'disposed',
  'encoded',
  'expired',
  'in_progress',
  'in_transit',
  'inactive',
  'no_pedigree_match',
  'non_sellable_other',
  'partially_dispensed',
  'recalled',
  'reserved',
  'retail_sold',
  'returned',
  'sellable_accessible',
  'sellable_not_accessible',
  'stolen',
  'unknown',
  'available',
  'completeness_verified',
  'completeness_inferred',
  'conformant',
  'container_open',
  'mismatch_instance',
  'mismatch_class',
  'mismatch_quantity',
  'needs_replacement',
  'non_conformant',
  'unavailable',
]);
export const CBV_BTT = new Set([
  'bol',
  'cert',
  'desadv',
  'inv',
  'pedigree',
  'po',
  'poc',
  'prodorder',
  'recadv',
  'rma',
  'testprd',
  'testres',
  'upevt',
]);

/** Aggregation-like event types: they carry `parentID` and `childEPCs`/`childQuantityList`. */
export const isAggregationType = (type: unknown): boolean => type === 'AggregationEvent' || type === 'AssociationEvent';
