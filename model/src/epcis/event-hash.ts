/**
 * CBV 2.0 EPCIS event hash (`ni:///sha-256;…?ver=CBV2.0`), following the canonicalisation of
 * CBV 2.0 §8.9 (canonical property order, UTC millisecond times, CBV values as web URIs, GS1 keys
 * as canonical GS1 Digital Link URIs, sorted list members, namespaced user extensions).
 * Supports the common EPC schemes; unrecognised identifiers are hashed as given.
 */
import { createHash } from 'crypto';

type Json = unknown;
type Obj = Record<string, Json>;

function checkDigit(digits: string): number {
  let sum = 0;
  for (let i = digits.length - 1, w = 3; i >= 0; i--, w = w === 3 ? 1 : 3) sum += Number(digits[i]) * w;
  return (10 - (sum % 10)) % 10;
}

const enc = (s: string) => s.replace(/[!()*+,:]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

/**
 * EPC URN / EPC class / ID pattern → canonical GS1 Digital Link URI (undefined if not a GS1 key).
 *
 * @example
 * toDigitalLink('urn:epc:id:sgtin:0614141.107346.2017'); // 'https://id.gs1.org/01/10614141073464/21/2017'
 */
export function toDigitalLink(uri: string): string | undefined {
  for (const rule of DIGITAL_LINK_RULES) {
    const m = rule.epc.exec(uri);
    if (m && (rule.digits === undefined || m[1].length + m[2].length === rule.digits)) return rule.link(m);
  }
  if (/^https?:\/\/[^/]+\/(01|00|414|417|8003|8004|8018|253|402|401|8010)\//.test(uri)) {
    // constrain a Digital Link: canonical domain, no query string
    return uri.replace(/^https?:\/\/[^/]+/, 'https://id.gs1.org').replace(/\?.*$/, '');
  }
  return undefined;
}

const gtin = (cp: string, ref: string) => {
  const raw = ref[0] + cp + ref.slice(1);
  return withCheckDigit(raw);
};
const withCheckDigit = (raw: string) => `${raw}${checkDigit(raw)}`;

/** EPC scheme → GS1 Digital Link; `digits` is the company prefix + reference length the scheme has. */
interface DigitalLinkRule {
  epc: RegExp;
  digits?: number;
  link: (m: RegExpExecArray) => string;
}

const DIGITAL_LINK_RULES: readonly DigitalLinkRule[] = [
  { epc: /^urn:epc:id:sgtin:(\d+)\.(\d+)\.(.+)$/, digits: 13, link: (m) => `https://id.gs1.org/01/${gtin(m[1], m[2])}/21/${enc(m[3])}` },
  { epc: /^urn:epc:class:lgtin:(\d+)\.(\d+)\.(.+)$/, digits: 13, link: (m) => `https://id.gs1.org/01/${gtin(m[1], m[2])}/10/${enc(m[3])}` },
  { epc: /^urn:epc:idpat:sgtin:(\d+)\.(\d+)\.\*$/, digits: 13, link: (m) => `https://id.gs1.org/01/${gtin(m[1], m[2])}` },
  {
    epc: /^urn:epc:id:sscc:(\d+)\.(\d+)$/,
    digits: 17,
    link: (m) => `https://id.gs1.org/00/${withCheckDigit(m[2][0] + m[1] + m[2].slice(1))}`,
  },
  {
    epc: /^urn:epc:id:sgln:(\d+)\.(\d*)\.(.+)$/,
    digits: 12,
    link: (m) => `https://id.gs1.org/414/${withCheckDigit(m[1] + m[2])}${m[3] === '0' ? '' : `/254/${enc(m[3])}`}`,
  },
  { epc: /^urn:epc:id:pgln:(\d+)\.(\d*)$/, digits: 12, link: (m) => `https://id.gs1.org/417/${withCheckDigit(m[1] + m[2])}` },
  {
    epc: /^urn:epc:id:grai:(\d+)\.(\d*)\.(.+)$/,
    digits: 12,
    link: (m) => `https://id.gs1.org/8003/${withCheckDigit('0' + m[1] + m[2])}${enc(m[3])}`,
  },
  { epc: /^urn:epc:id:giai:(\d+)\.(.+)$/, link: (m) => `https://id.gs1.org/8004/${m[1]}${enc(m[2])}` },
  { epc: /^urn:epc:id:gsrn:(\d+)\.(\d+)$/, digits: 17, link: (m) => `https://id.gs1.org/8018/${withCheckDigit(m[1] + m[2])}` },
  {
    epc: /^urn:epc:id:gdti:(\d+)\.(\d*)\.(.+)$/,
    digits: 12,
    link: (m) => `https://id.gs1.org/253/${withCheckDigit(m[1] + m[2])}${enc(m[3])}`,
  },
  { epc: /^urn:epc:id:gsin:(\d+)\.(\d+)$/, digits: 16, link: (m) => `https://id.gs1.org/402/${withCheckDigit(m[1] + m[2])}` },
  { epc: /^urn:epc:id:ginc:(\d+)\.(.+)$/, link: (m) => `https://id.gs1.org/401/${m[1]}${enc(m[2])}` },
  { epc: /^urn:epc:id:cpi:(\d+)\.(.+)\.(\d+)$/, link: (m) => `https://id.gs1.org/8010/${enc(m[1] + m[2])}/8011/${m[3]}` },
];

const CBV_PREFIX: Record<string, string> = {
  bizStep: 'BizStep-',
  disposition: 'Disp-',
  set: 'Disp-',
  unset: 'Disp-',
  btt: 'BTT-',
  sdt: 'SDT-',
  reason: 'ER-',
};

function canonValue(value: Json, cbvKind?: string): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return String(value);
  let s = String(value).trim();
  if (cbvKind && /^[a-z_]+$/.test(s)) return `https://ref.gs1.org/cbv/${CBV_PREFIX[cbvKind]}${s}`;
  s = s
    .replace('urn:epcglobal:cbv:bizstep:', 'https://ref.gs1.org/cbv/BizStep-')
    .replace('urn:epcglobal:cbv:disp:', 'https://ref.gs1.org/cbv/Disp-')
    .replace('urn:epcglobal:cbv:btt:', 'https://ref.gs1.org/cbv/BTT-')
    .replace('urn:epcglobal:cbv:sdt:', 'https://ref.gs1.org/cbv/SDT-')
    .replace('urn:epcglobal:cbv:er:', 'https://ref.gs1.org/cbv/ER-');
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return String(Number(s));
  return toDigitalLink(s) ?? s;
}

function utcMillis(t: string): string {
  const ms = Date.parse(t);
  if (Number.isNaN(ms)) return t;
  // round sub-millisecond digits
  const frac = /\.(\d+)/.exec(t)?.[1] ?? '';
  const extra = frac.length > 3 ? Math.round(Number(`0.${frac.slice(3)}`)) : 0;
  return new Date(ms + extra).toISOString();
}

type Order = [string, Order | null, string?][]; // [name, children order, cbvKind]
const QE: Order = [
  ['epcClass', null],
  ['quantity', null],
  ['uom', null],
];
const META: Order = ['time', 'startTime', 'endTime', 'deviceID', 'deviceMetadata', 'rawData', 'dataProcessingMethod', 'bizRules'].map(
  (k) => [k, null] as [string, null],
);
const REPORT: Order = [
  'type',
  'exception',
  'deviceID',
  'deviceMetadata',
  'rawData',
  'dataProcessingMethod',
  'time',
  'microorganism',
  'chemicalSubstance',
  'value',
  'component',
  'stringValue',
  'booleanValue',
  'hexBinaryValue',
  'uriValue',
  'minValue',
  'maxValue',
  'meanValue',
  'sDev',
  'percRank',
  'percValue',
  'uom',
  'coordinateReferenceSystem',
].map((k) => [k, null] as [string, null]);

const TOP: string[] = [
  'eventTime',
  'eventTimeZoneOffset',
  'certificationInfo',
  'parentID',
  'epcList',
  'inputEPCList',
  'childEPCs',
  'quantityList',
  'childQuantityList',
  'inputQuantityList',
  'outputEPCList',
  'outputQuantityList',
  'action',
  'transformationID',
  'bizStep',
  'disposition',
  'persistentDisposition',
  'readPoint',
  'bizLocation',
  'bizTransactionList',
  'sourceList',
  'destinationList',
  'sensorElementList',
];
const IGNORED = new Set(['recordTime', 'eventID', 'type', 'errorDeclaration', '@context']);

function isObj(v: Json): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function expandKey(key: string, ns: Record<string, string>): string {
  const i = key.indexOf(':');
  if (i > 0 && ns[key.slice(0, i)]) return `{${ns[key.slice(0, i)]}}${key.slice(i + 1)}`;
  return key;
}

type Namespaces = Record<string, string>;

/** A date-time member (its name says time, not offset), written as UTC milliseconds. */
const isTimeValue = (key: string, value: Json): value is string =>
  typeof value === 'string' &&
  /time/i.test(key) &&
  !/offset/i.test(key) &&
  !Number.isNaN(Date.parse(value)) &&
  /^\d{4}-\d{2}-\d{2}T/.test(value);

/** Members outside the canonical order (user extensions, ilmd contents): expanded names, sorted. */
function generic(key: string, value: Json, ns: Namespaces): string[] {
  const k = expandKey(key, ns);
  if (Array.isArray(value)) return value.flatMap((v) => generic(key, v, ns));
  if (isObj(value)) {
    const inner = Object.entries(value)
      .flatMap(([ck, cv]) => generic(ck, cv, ns))
      .sort();
    return [k + inner.join('')];
  }
  const v = isTimeValue(key, value) ? utcMillis(value) : canonValue(value);
  return [v === '' ? k : `${k}=${v}`];
}

const genericSorted = (entries: [string, Json][], ns: Namespaces): string =>
  entries
    .flatMap(([k, x]) => generic(k, x, ns))
    .sort()
    .join('');

/** Members the hash leaves out: absent, null or empty. */
const isBlank = (v: Json): boolean => v === undefined || v === null || v === '';

function ordered(obj: Obj, order: Order, ns: Namespaces): string {
  let s = '';
  for (const [name] of order) {
    const v = obj[name];
    if (isBlank(v)) continue;
    s += `${name}=${/time/i.test(name) ? utcMillis(String(v)) : canonValue(v)}`;
  }
  const known = new Set(order.map((o) => o[0]));
  return (
    s +
    genericSorted(
      Object.entries(obj).filter(([k]) => !known.has(k)),
      ns,
    )
  );
}

function sensorReportType(v: Json): string {
  const s = String(v);
  return /^[A-Z][A-Za-z]+$/.test(s) ? `https://gs1.org/voc/${s}` : canonValue(s);
}

function sensorElement(el: Json, ns: Namespaces): string {
  const e = el as Obj;
  let s = 'sensorElement';
  if (isObj(e.sensorMetadata)) s += 'sensorMetadata' + ordered(e.sensorMetadata, META, ns);
  const reports = ((e.sensorReport as Obj[] | undefined) ?? [])
    .map((r) => {
      const { type, ...rest } = r;
      return 'sensorReport' + (type !== undefined ? `type=${sensorReportType(type)}` : '') + ordered(rest, REPORT.slice(1), ns);
    })
    .sort();
  s += reports.join('');
  return (
    s +
    genericSorted(
      Object.entries(e).filter(([k]) => k !== 'sensorMetadata' && k !== 'sensorReport'),
      ns,
    )
  );
}

/** How one top-level member is written; undefined when its value has not the expected shape (it is
 * then written as a plain `key=value`). */
type MemberWriter = (key: string, v: Json, ns: Namespaces) => string | undefined;

const listWriter =
  (item: (x: Json, ns: Namespaces) => string): MemberWriter =>
  (key, v, ns) =>
    Array.isArray(v)
      ? key +
        v
          .map((x) => item(x, ns))
          .sort()
          .join('')
      : undefined;
const nonEmptyListWriter =
  (item: (x: Json, ns: Namespaces) => string): MemberWriter =>
  (key, v, ns) =>
    Array.isArray(v)
      ? v.length
        ? key +
          v
            .map((x) => item(x, ns))
            .sort()
            .join('')
        : ''
      : undefined;

const epcListWriter = nonEmptyListWriter((x) => `epc=${canonValue(x)}`);
const quantityListWriter = nonEmptyListWriter((q, ns) => `quantityElement${ordered(q as Obj, QE, ns)}`);

const locationWriter: MemberWriter = (key, v, ns) => {
  if (!isObj(v)) return undefined;
  const { id, ...rest } = v;
  return `${key}id=${canonValue(id)}` + genericSorted(Object.entries(rest), ns);
};

const persistentDispositionWriter: MemberWriter = (key, v) => {
  if (!isObj(v)) return undefined;
  const set = ((v.set as string[] | undefined) ?? []).map((x) => `set=${canonValue(x, 'set')}`).sort();
  const unset = ((v.unset as string[] | undefined) ?? []).map((x) => `unset=${canonValue(x, 'unset')}`).sort();
  return key + [...set, ...unset].join('');
};

const partyListWriter = (member: 'source' | 'destination') =>
  listWriter((b) => {
    const o = b as Obj;
    return `type=${canonValue(o.type, 'sdt')}${member}=${canonValue(o[member])}`;
  });

const MEMBER_WRITERS: Readonly<Partial<Record<string, MemberWriter>>> = {
  eventTime: (_k, v) => `eventTime=${utcMillis(String(v))}`,
  eventTimeZoneOffset: (k, v) => `${k}=${String(v)}`,
  action: (k, v) => `${k}=${String(v)}`,
  epcList: epcListWriter,
  inputEPCList: epcListWriter,
  childEPCs: epcListWriter,
  outputEPCList: epcListWriter,
  quantityList: quantityListWriter,
  childQuantityList: quantityListWriter,
  inputQuantityList: quantityListWriter,
  outputQuantityList: quantityListWriter,
  persistentDisposition: persistentDispositionWriter,
  readPoint: locationWriter,
  bizLocation: locationWriter,
  bizTransactionList: listWriter((b) => {
    const o = b as Obj;
    return `${o.type !== undefined ? `type=${canonValue(o.type, 'btt')}` : ''}bizTransaction=${canonValue(o.bizTransaction)}`;
  }),
  sourceList: partyListWriter('source'),
  destinationList: partyListWriter('destination'),
  sensorElementList: listWriter(sensorElement),
  bizStep: (_k, v) => `bizStep=${canonValue(v, 'bizStep')}`,
  disposition: (_k, v) => `disposition=${canonValue(v, 'disposition')}`,
};

function topMember(key: string, v: Json, ns: Namespaces): string {
  return MEMBER_WRITERS[key]?.(key, v, ns) ?? `${key}=${canonValue(v)}`;
}

/** Prefix → namespace IRI of the document's and the event's JSON-LD contexts. */
function namespaces(...contexts: Json[]): Namespaces {
  const ns: Namespaces = {};
  for (const c of contexts.flatMap((x): Json[] => (Array.isArray(x) ? x : x ? [x] : []))) {
    if (isObj(c)) for (const [k, v] of Object.entries(c)) if (typeof v === 'string') ns[k] = v;
  }
  return ns;
}

/** ilmd, then the user extensions, each sorted. */
function otherMembers(event: Obj, ns: Namespaces): string {
  const rest = Object.entries(event).filter(([k]) => !TOP.includes(k) && !IGNORED.has(k));
  let out = '';
  for (const [k, v] of rest) if (k === 'ilmd' && isObj(v)) out += 'ilmd' + genericSorted(Object.entries(v), ns);
  return (
    out +
    genericSorted(
      rest.filter(([k]) => k !== 'ilmd'),
      ns,
    )
  );
}

/**
 * The pre-hash string of one event (exposed for tests and debugging).
 *
 * @example
 * preHashString({ type: 'ObjectEvent', action: 'OBSERVE', eventTime: '2022-02-16T20:33:31.116-06:00', eventTimeZoneOffset: '-06:00' });
 * // 'eventType=ObjectEventeventTime=2022-02-17T02:33:31.116ZeventTimeZoneOffset=-06:00action=OBSERVE'
 */
export function preHashString(event: Obj, context?: Json): string {
  const ns = namespaces(context, event['@context']);
  let out = `eventType=${String(event.type)}`;
  for (const key of TOP) {
    const v = event[key];
    if (v !== undefined && v !== null) out += topMember(key, v, ns);
  }
  return out + otherMembers(event, ns);
}

/**
 * CBV 2.0 event hash id of an EPCIS event (JSON-LD), given the document's @context for extension
 * namespaces. Member order and equivalent time notations do not change it.
 *
 * @example
 * cbvEventHash(doc.epcisBody.eventList[0], doc['@context']); // 'ni:///sha-256;…?ver=CBV2.0'
 */
export function cbvEventHash(event: Obj, context?: Json): string {
  return `ni:///sha-256;${createHash('sha256').update(preHashString(event, context), 'utf8').digest('hex')}?ver=CBV2.0`;
}
