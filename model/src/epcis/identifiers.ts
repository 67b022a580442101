/**
 * Identifiers both ways: goods, event ids, locations, parties, dispositions and kinds as EPCIS URIs
 * and CBV terms, and back.
 */
import { createHash } from 'crypto';
import { EVENT_KINDS, type EventKind } from '../event/event-kind';
import type { Party } from '../event/custody-event';
import type { GoodsRef, GoodsType } from '../goods/goods-ref';
import {
  BIZSTEP_TO_KIND,
  CBV_DISPOSITIONS,
  CT_BIZSTEP,
  CT_DISP,
  CT_EVENT,
  CT_GOODS,
  CT_LOC,
  CT_PARTY,
  KIND_TO_BIZSTEP,
  isUri,
  type EpcisObject,
} from './vocabulary';

const isClassUri = (id: string) => /^urn:epc:(class|idpat):/.test(id);
/** A goods reference that names a class of items (EPC class / ID pattern URN, kept as type "lot"). */
export const isClassGoods = (g: GoodsRef): boolean => g.type === 'lot' && isClassUri(g.id);

/**
 * The EPCIS URI of a goods reference: EPCs, Digital Links and EPC classes as they are, any other
 * goods as `urn:cargotrace:goods:<type>:<id>[?book=<book>]`.
 *
 * @example
 * goodsToUri({ type: 'container', id: 'CSQU3054383' }); // 'urn:cargotrace:goods:container:CSQU3054383'
 * goodsToUri({ type: 'epc', id: 'urn:epc:id:sgtin:0614141.107346.2017' }); // unchanged
 */
export function goodsToUri(g: GoodsRef): string {
  if ((g.type === 'epc' || g.type === 'digital-link' || isClassGoods(g)) && isUri(g.id)) return g.id;
  return `${CT_GOODS}${encodeURIComponent(g.type)}:${encodeURIComponent(g.id)}${g.book ? `?book=${encodeURIComponent(g.book)}` : ''}`;
}

/**
 * The goods reference of an EPCIS URI (inverse of {@link goodsToUri}); a URI of no known form is a
 * consignment.
 *
 * @example
 * uriToGoods('urn:epc:id:sscc:0614141.1234567890'); // { type: 'epc', id: 'urn:epc:id:sscc:0614141.1234567890' }
 */
export function uriToGoods(uri: string): GoodsRef {
  if (uri.startsWith(CT_GOODS)) {
    const m = /^([^:]+):([^?]*)(?:\?book=(.*))?$/.exec(uri.slice(CT_GOODS.length));
    // The type is checked when the event is validated.
    if (m) {
      // The ?book= group is optional: undefined when the URI has none.
      const book = m.at(3);
      return {
        type: decodeURIComponent(m[1]) as GoodsType,
        id: decodeURIComponent(m[2]),
        ...(book !== undefined ? { book: decodeURIComponent(book) } : {}),
      };
    }
  }
  if (/^https?:\/\//i.test(uri)) return { type: 'digital-link', id: uri };
  if (isClassUri(uri)) return { type: 'lot', id: uri };
  if (/^urn:epc:id:/.test(uri)) return { type: 'epc', id: uri };
  return { type: 'consignment', id: uri };
}

/** The goods' identity: type, id and book. */
export const goodsIdentity = (g: GoodsRef): string => `${g.type}\u0000${g.id}\u0000${g.book ?? ''}`;

/** Each goods once, in first-seen order. */
export function uniqGoods(list: GoodsRef[]): GoodsRef[] {
  const seen = new Set<string>();
  return list.filter((g) => {
    const k = goodsIdentity(g);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// ---- event ids: the chaincode accepts [A-Za-z0-9._:~/#-]{1,128} ----------------------------------
const EVENT_ID_RE = /^[A-Za-z0-9._:~/#-]{1,128}$/;
const NI_RE = /^ni:\/\/\/sha-256;([0-9a-f]{64})\?ver=CBV2\.0$/;

/**
 * EPCIS eventID → custody id: kept when the chaincode accepts it; CBV hash ids become
 * `ni:///sha-256:<hex>`; other ids `epcis:sha-256:<hex of the id>`.
 *
 * @example
 * epcisIdToEventId('ni:///sha-256;ffa4…4b?ver=CBV2.0'); // 'ni:///sha-256:ffa4…4b'
 */
export function epcisIdToEventId(eventID: string): string {
  const ni = NI_RE.exec(eventID);
  if (ni) return `ni:///sha-256:${ni[1]}`;
  if (EVENT_ID_RE.test(eventID)) return eventID;
  return `epcis:sha-256:${createHash('sha256').update(eventID).digest('hex')}`;
}

/**
 * custody id → EPCIS eventID (inverse of {@link epcisIdToEventId} for hash ids; other ids become URIs).
 *
 * @example
 * eventIdToEpcisId('demo-a06'); // 'urn:cargotrace:event:demo-a06'
 */
export function eventIdToEpcisId(id: string): string {
  const ni = /^ni:\/\/\/sha-256:([0-9a-f]{64})$/.exec(id);
  if (ni) return `ni:///sha-256;${ni[1]}?ver=CBV2.0`;
  return isUri(id) ? id : `${CT_EVENT}${encodeURIComponent(id)}`;
}

export const locToUri = (s: string): string => (isUri(s) ? s : CT_LOC + encodeURIComponent(s));
export const uriToLoc = (s: string): string => (s.startsWith(CT_LOC) ? decodeURIComponent(s.slice(CT_LOC.length)) : s);

export const partyToUri = (a: Party): string =>
  isUri(a.org) && !a.enterpriseCode
    ? a.org
    : `${CT_PARTY}${encodeURIComponent(a.org)}${a.enterpriseCode ? `:${encodeURIComponent(a.enterpriseCode)}` : ''}`;

export function uriToParty(s: string): Party {
  if (s.startsWith(CT_PARTY)) {
    const [org, code] = s.slice(CT_PARTY.length).split(':');
    return { org: decodeURIComponent(org), ...(code ? { enterpriseCode: decodeURIComponent(code) } : {}) };
  }
  // the chaincode's org ids are [A-Za-z0-9._-]: a GS1 party URI is kept recognisably (the exact
  // source/destination list is restored from extensions.epcis on export)
  return {
    org: s
      .replace(/:/g, '.')
      .replace(/[^A-Za-z0-9._-]/g, '_')
      .slice(0, 128),
  };
}

export const dispToEpcis = (d: string): string => (CBV_DISPOSITIONS.has(d) || isUri(d) ? d : CT_DISP + encodeURIComponent(d));
export const dispFromEpcis = (d: string): string => (d.startsWith(CT_DISP) ? decodeURIComponent(d.slice(CT_DISP.length)) : d);

export function kindToBizStep(kind: EventKind): string {
  return KIND_TO_BIZSTEP[kind] ?? CT_BIZSTEP + kind.toLowerCase();
}

/** Kind of an EPCIS event from its bizStep alone (the event's structure may refine it: see epcis-to-custody). */
export function kindFromEpcis(e: EpcisObject): EventKind {
  const bizStep =
    typeof e.bizStep === 'string'
      ? e.bizStep.replace(/^urn:epcglobal:cbv:bizstep:|^https?:\/\/ref\.gs1\.org\/cbv\/BizStep-/, '')
      : undefined;
  const mapped = bizStep ? BIZSTEP_TO_KIND[bizStep] : undefined;
  if (mapped) return mapped;
  if (bizStep?.startsWith(CT_BIZSTEP)) {
    const k = bizStep.slice(CT_BIZSTEP.length).toUpperCase();
    if ((EVENT_KINDS as readonly string[]).includes(k)) return k as EventKind;
  }
  return 'MOVED';
}
