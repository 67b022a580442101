/** Reading the members of an EPCIS event defensively: a member of the wrong shape reads as absent. */
import type { GoodsQuantity, Party, Quantity, Reference, SensorReading } from '../event/custody-event';
import type { GoodsRef } from '../goods/goods-ref';
import { uniqGoods, uriToGoods, uriToParty } from './identifiers';
import { CT_BT, CT_BTT, isAggregationType, isEpcisObject, type EpcisObject } from './vocabulary';

export const stringsOf = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
export const objectsOf = (v: unknown): EpcisObject[] => (Array.isArray(v) ? v.filter(isEpcisObject) : []);
/** Quantity elements that name their class. */
const classElementsOf = (v: unknown): EpcisObject[] => objectsOf(v).filter((q) => typeof q.epcClass === 'string');
const classGoodsOf = (q: EpcisObject): GoodsRef => uriToGoods(q.epcClass as string);

/** A `cargotrace:<name>` extension member (custody fields EPCIS has no member for). */
export const cargotraceMember = (e: EpcisObject, name: string): unknown => e[`cargotrace:${name}`];

export function measureOf(q: EpcisObject): Quantity | undefined {
  return typeof q.quantity === 'number' ? { value: q.quantity, unit: typeof q.uom === 'string' ? q.uom : 'EA' } : undefined;
}

/** The goods an EPCIS event names, by role. */
export interface EpcisGoods {
  epcs: GoodsRef[];
  parent?: GoodsRef;
  children: GoodsRef[];
  /** children including the classes of an aggregation's childQuantityList, each once */
  allChildren: GoodsRef[];
  inputs: GoodsQuantity[];
  outputs: GoodsQuantity[];
  /** the class quantity elements of quantityList and childQuantityList */
  classQuantities: EpcisObject[];
  classGoods: GoodsRef[];
}

function goodsQuantities(e: EpcisObject, epcKey: string, qKey: string): GoodsQuantity[] {
  return [
    ...stringsOf(e[epcKey]).map((u) => ({ goods: uriToGoods(u) })),
    ...classElementsOf(e[qKey]).map((q) => {
      const m = measureOf(q);
      return { goods: classGoodsOf(q), ...(m ? { quantity: m } : {}) };
    }),
  ];
}

export function readGoods(e: EpcisObject): EpcisGoods {
  const children = stringsOf(e.childEPCs).map(uriToGoods);
  const childClasses = isAggregationType(e.type) ? classElementsOf(e.childQuantityList).map(classGoodsOf) : [];
  const classQuantities = [...classElementsOf(e.quantityList), ...classElementsOf(e.childQuantityList)];
  return {
    epcs: stringsOf(e.epcList).map(uriToGoods),
    parent: typeof e.parentID === 'string' ? uriToGoods(e.parentID) : undefined,
    children,
    allChildren: uniqGoods([...children, ...childClasses]),
    inputs: goodsQuantities(e, 'inputEPCList', 'inputQuantityList'),
    outputs: goodsQuantities(e, 'outputEPCList', 'outputQuantityList'),
    classQuantities,
    classGoods: classQuantities.map(classGoodsOf),
  };
}

/** Goods an exported custody event carried in `cargotrace:` members because its EPCIS type has no
 * member for them. */
export interface KeptGoods {
  parent?: GoodsRef;
  children: GoodsRef[];
  goods: GoodsRef[];
}

export function readKeptGoods(e: EpcisObject, g: EpcisGoods): KeptGoods {
  const parent = cargotraceMember(e, 'parent');
  const children = cargotraceMember(e, 'children');
  const goods = cargotraceMember(e, 'goods');
  return {
    parent: !g.parent && isEpcisObject(parent) ? (parent as unknown as GoodsRef) : undefined,
    children: !g.children.length && Array.isArray(children) ? (children as GoodsRef[]) : [],
    goods: Array.isArray(goods) ? (goods as GoodsRef[]) : [],
  };
}

/** The possessing (else owning) party of a sourceList or destinationList. */
export function partyOf(list: unknown, member: 'source' | 'destination'): Party | undefined {
  const els = objectsOf(list);
  const p = els.find((x) => x.type === 'possessing_party') ?? els.find((x) => x.type === 'owning_party');
  return p && typeof p[member] === 'string' ? uriToParty(p[member]) : undefined;
}

const REF_TYPES: readonly string[] = ['declaration', 'manifest', 'transit', 'release-slip', 'bill-of-lading', 'e-account-book', 'other'];

function referenceType(type: unknown): Reference['type'] {
  const t = typeof type === 'string' ? type : 'other';
  const mapped = t === 'bol' ? 'bill-of-lading' : t.startsWith(CT_BTT) ? decodeURIComponent(t.slice(CT_BTT.length)) : t;
  return (REF_TYPES.includes(mapped) ? mapped : 'other') as Reference['type'];
}

/** bizTransactionList → references (CBV types the custody model has no name for become 'other'). */
export function readReferences(e: EpcisObject): Reference[] {
  return objectsOf(e.bizTransactionList)
    .filter((b) => typeof b.bizTransaction === 'string')
    .map((b) => {
      const id = b.bizTransaction as string;
      return { type: referenceType(b.type), id: id.startsWith(CT_BT) ? decodeURIComponent(id.slice(CT_BT.length)) : id };
    });
}

function sensorReadingOf(r: EpcisObject, meta: EpcisObject): SensorReading | undefined {
  const value = [r.value, r.stringValue, r.booleanValue, r.uriValue, r.hexBinaryValue, r.meanValue, r.minValue, r.maxValue].find(
    (v) => v !== undefined,
  );
  if (value === undefined) return undefined; // the chaincode needs a value; the full list stays in extensions.epcis
  const s: SensorReading = { type: String(r.type).slice(0, 64), value: value as number };
  const time = (r.time ?? meta.time) as string | undefined;
  if (time !== undefined) s.time = time;
  if (typeof r.uom === 'string') s.unit = r.uom;
  return s;
}

/** Every sensor report that carries a value, in document order. */
export function readSensors(e: EpcisObject): SensorReading[] {
  const sensors: SensorReading[] = [];
  for (const el of objectsOf(e.sensorElementList)) {
    const meta = isEpcisObject(el.sensorMetadata) ? el.sensorMetadata : {};
    for (const r of objectsOf(el.sensorReport)) {
      const s = sensorReadingOf(r, meta);
      if (s) sensors.push(s);
    }
  }
  return sensors;
}
