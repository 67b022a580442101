/** Composite-key object types: the first element of every key this chaincode writes.
 * Everything is a composite key, so range scans never need getStateByRange (which Fabric refuses
 * for composite keys). The attributes of each, and who writes and reads them, are in the module
 * of that family beside this one. */
export const KEYS = {
  /** registry → the channel's Registry (one key, no attributes) */
  registry: 'registry',
  /** event, id → EventRecord */
  event: 'event',
  /** goods, type, keyId → GoodsState */
  goods: 'goods',
  /** goods~event, type, keyId, utc, eventId → index entry */
  goodsEvent: 'goods~event',
  /** district~day~event, district, day, utc, eventId → index entry */
  districtDayEvent: 'district~day~event',
  /** kind~day~event, kind, day, utc, eventId → index entry */
  kindDayEvent: 'kind~day~event',
  /** link, fromType, fromKeyId, relation, toType, toKeyId → GoodsLink */
  link: 'link',
  /** aeo, enterpriseCode → MrRecord<AeoCertificate> */
  aeo: 'aeo',
  /** mrc, consignmentId → MrRecord<MrConsignment> */
  mrConsignment: 'mrc',
} as const;

/** Value of index entries (Fabric rejects empty values as deletes). */
export const INDEX_VALUE = Buffer.from('\u0000', 'utf8');
