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
  let m: RegExpExecArray | null;
  const gtin = (cp: string, ref: string) => { const raw = ref[0] + cp + ref.slice(1); return raw + checkDigit(raw); };
  if ((m = /^urn:epc:id:sgtin:(\d+)\.(\d+)\.(.+)$/.exec(uri)) && m[1].length + m[2].length === 13) return `https://id.gs1.org/01/${gtin(m[1], m[2])}/21/${enc(m[3])}`;
  if ((m = /^urn:epc:class:lgtin:(\d+)\.(\d+)\.(.+)$/.exec(uri)) && m[1].length + m[2].length === 13) return `https://id.gs1.org/01/${gtin(m[1], m[2])}/10/${enc(m[3])}`;
  if ((m = /^urn:epc:idpat:sgtin:(\d+)\.(\d+)\.\*$/.exec(uri)) && m[1].length + m[2].length === 13) return `https://id.gs1.org/01/${gtin(m[1], m[2])}`;
  if ((m = /^urn:epc:id:sscc:(\d+)\.(\d+)$/.exec(uri)) && m[1].length + m[2].length === 17) { const raw = m[2][0] + m[1] + m[2].slice(1); return `https://id.gs1.org/00/${raw}${checkDigit(raw)}`; }
  if ((m = /^urn:epc:id:sgln:(\d+)\.(\d*)\.(.+)$/.exec(uri)) && m[1].length + m[2].length === 12) { const raw = m[1] + m[2]; return `https://id.gs1.org/414/${raw}${checkDigit(raw)}${m[3] === '0' ? '' : `/254/${enc(m[3])}`}`; }
  if ((m = /^urn:epc:id:pgln:(\d+)\.(\d*)$/.exec(uri)) && m[1].length + m[2].length === 12) { const raw = m[1] + m[2]; return `https://id.gs1.org/417/${raw}${checkDigit(raw)}`; }
  if ((m = /^urn:epc:id:grai:(\d+)\.(\d*)\.(.+)$/.exec(uri)) && m[1].length + m[2].length === 12) { const raw = '0' + m[1] + m[2]; return `https://id.gs1.org/8003/${raw}${checkDigit(raw)}${enc(m[3])}`; }
  if ((m = /^urn:epc:id:giai:(\d+)\.(.+)$/.exec(uri))) return `https://id.gs1.org/8004/${m[1]}${enc(m[2])}`;
  if ((m = /^urn:epc:id:gsrn:(\d+)\.(\d+)$/.exec(uri)) && m[1].length + m[2].length === 17) { const raw = m[1] + m[2]; return `https://id.gs1.org/8018/${raw}${checkDigit(raw)}`; }
  if ((m = /^urn:epc:id:gdti:(\d+)\.(\d*)\.(.+)$/.exec(uri)) && m[1].length + m[2].length === 12) { const raw = m[1] + m[2]; return `https://id.gs1.org/253/${raw}${checkDigit(raw)}${enc(m[3])}`; }
  if ((m = /^urn:epc:id:gsin:(\d+)\.(\d+)$/.exec(uri)) && m[1].length + m[2].length === 16) { const raw = m[1] + m[2]; return `https://id.gs1.org/402/${raw}${checkDigit(raw)}`; }
  if ((m = /^urn:epc:id:ginc:(\d+)\.(.+)$/.exec(uri))) return `https://id.gs1.org/401/${m[1]}${enc(m[2])}`;
  if ((m = /^urn:epc:id:cpi:(\d+)\.(.+)\.(\d+)$/.exec(uri))) return `https://id.gs1.org/8010/${enc(m[1] + m[2])}/8011/${m[3]}`;
  if (/^https?:\/\/[^/]+\/(01|00|414|417|8003|8004|8018|253|402|401|8010)\//.test(uri)) {
    // constrain a Digital Link: canonical domain, no query string
    return uri.replace(/^https?:\/\/[^/]+/, 'https://id.gs1.org').replace(/\?.*$/, '');
  }
  return undefined;
}

const CBV_PREFIX: Record<string, string> = { bizStep: 'BizStep-', disposition: 'Disp-', set: 'Disp-', unset: 'Disp-', btt: 'BTT-', sdt: 'SDT-', reason: 'ER-' };

function canonValue(value: Json, cbvKind?: string): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return String(value);
  let s = String(value).trim();
  if (cbvKind && /^[a-z_]+$/.test(s)) return `https://ref.gs1.org/cbv/${CBV_PREFIX[cbvKind]}${s}`;
  s = s.replace('urn:epcglobal:cbv:bizstep:', 'https://ref.gs1.org/cbv/BizStep-')
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
const QE: Order = [['epcClass', null], ['quantity', null], ['uom', null]];
const META: Order = ['time', 'startTime', 'endTime', 'deviceID', 'deviceMetadata', 'rawData', 'dataProcessingMethod', 'bizRules'].map((k) => [k, null] as [string, null]);
const REPORT: Order = ['type', 'exception', 'deviceID', 'deviceMetadata', 'rawData', 'dataProcessingMethod', 'time', 'microorganism', 'chemicalSubstance', 'value', 'component', 'stringValue', 'booleanValue', 'hexBinaryValue', 'uriValue', 'minValue', 'maxValue', 'meanValue', 'sDev', 'percRank', 'percValue', 'uom', 'coordinateReferenceSystem'].map((k) => [k, null] as [string, null]);

const EPC_LISTS = new Set(['epcList', 'inputEPCList', 'childEPCs', 'outputEPCList']);
const QTY_LISTS = new Set(['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList']);
const TOP: string[] = ['eventTime', 'eventTimeZoneOffset', 'certificationInfo', 'parentID', 'epcList', 'inputEPCList', 'childEPCs', 'quantityList', 'childQuantityList', 'inputQuantityList', 'outputEPCList', 'outputQuantityList', 'action', 'transformationID', 'bizStep', 'disposition', 'persistentDisposition', 'readPoint', 'bizLocation', 'bizTransactionList', 'sourceList', 'destinationList', 'sensorElementList'];
const IGNORED = new Set(['recordTime', 'eventID', 'type', 'errorDeclaration', '@context']);

function isObj(v: Json): v is Obj { return typeof v === 'object' && v !== null && !Array.isArray(v); }

function expandKey(key: string, ns: Record<string, string>): string {
  const i = key.indexOf(':');
  if (i > 0 && ns[key.slice(0, i)]) return `{${ns[key.slice(0, i)]}}${key.slice(i + 1)}`;
  return key;
}

function generic(key: string, value: Json, ns: Record<string, string>): string[] {
  const k = expandKey(key, ns);
  if (Array.isArray(value)) return value.flatMap((v) => generic(key, v, ns));
  if (isObj(value)) {
    const inner = Object.entries(value).flatMap(([ck, cv]) => generic(ck, cv, ns)).sort();
    return [k + inner.join('')];
  }
  const v = typeof value === 'string' && /time/i.test(key) && !/offset/i.test(key) && !Number.isNaN(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}T/.test(value) ? utcMillis(value) : canonValue(value);
  return [v === '' ? k : `${k}=${v}`];
}

function ordered(obj: Obj, order: Order, ns: Record<string, string>): string {
  let s = '';
  for (const [name] of order) {
    const v = obj[name];
    if (v === undefined || v === null || v === '') continue;
    s += `${name}=${/time/i.test(name) ? utcMillis(String(v)) : canonValue(v, name === 'type' && order === REPORT ? undefined : undefined)}`;
  }
  const known = new Set(order.map((o) => o[0]));
  const ext = Object.entries(obj).filter(([k]) => !known.has(k)).flatMap(([k, v]) => generic(k, v, ns)).sort();
  return s + ext.join('');
}

function sensorReportType(v: Json): string {
  const s = String(v);
  return /^[A-Z][A-Za-z]+$/.test(s) ? `https://gs1.org/voc/${s}` : canonValue(s);
}

/**
 * The pre-hash string of one event (exposed for tests and debugging).
 *
 * @example
 * preHashString({ type: 'ObjectEvent', action: 'OBSERVE', eventTime: '2022-02-16T20:33:31.116-06:00', eventTimeZoneOffset: '-06:00' });
 * // 'eventType=ObjectEventeventTime=2022-02-17T02:33:31.116ZeventTimeZoneOffset=-06:00action=OBSERVE'
 */
export function preHashString(event: Obj, context?: Json): string {
  const ns: Record<string, string> = {};
  const ctxs = [context, event['@context']].flatMap((c) => (Array.isArray(c) ? c : c ? [c] : []));
  for (const c of ctxs) if (isObj(c)) for (const [k, v] of Object.entries(c)) if (typeof v === 'string') ns[k] = v;

  let out = `eventType=${String(event.type)}`;
  for (const key of TOP) {
    const v = event[key];
    if (v === undefined || v === null) continue;
    if (key === 'eventTime') out += `eventTime=${utcMillis(String(v))}`;
    else if (EPC_LISTS.has(key) && Array.isArray(v)) { if (v.length) out += key + v.map((x) => `epc=${canonValue(x)}`).sort().join(''); }
    else if (QTY_LISTS.has(key) && Array.isArray(v)) {
      if (v.length) out += key + v.map((q) => `quantityElement${ordered(q as Obj, QE, ns)}`).sort().join('');
    } else if (key === 'persistentDisposition' && isObj(v)) {
      const parts = [...((v.set as string[] | undefined) ?? []).map((x) => `set=${canonValue(x, 'set')}`).sort(), ...((v.unset as string[] | undefined) ?? []).map((x) => `unset=${canonValue(x, 'unset')}`).sort()];
      out += key + parts.join('');
    } else if ((key === 'readPoint' || key === 'bizLocation') && isObj(v)) {
      const { id, ...rest } = v;
      out += `${key}id=${canonValue(id)}` + Object.entries(rest).flatMap(([k, x]) => generic(k, x, ns)).sort().join('');
    } else if (key === 'bizTransactionList' && Array.isArray(v)) {
      out += key + v.map((b) => { const o = b as Obj; return `${o.type !== undefined ? `type=${canonValue(o.type, 'btt')}` : ''}bizTransaction=${canonValue(o.bizTransaction)}`; }).sort().join('');
    } else if ((key === 'sourceList' || key === 'destinationList') && Array.isArray(v)) {
      const f = key === 'sourceList' ? 'source' : 'destination';
      out += key + v.map((b) => { const o = b as Obj; return `type=${canonValue(o.type, 'sdt')}${f}=${canonValue(o[f])}`; }).sort().join('');
    } else if (key === 'sensorElementList' && Array.isArray(v)) {
      out += key + v.map((el) => {
        const e = el as Obj;
        let s = 'sensorElement';
        if (isObj(e.sensorMetadata)) s += 'sensorMetadata' + ordered(e.sensorMetadata, META, ns);
        const reports = ((e.sensorReport as Obj[] | undefined) ?? []).map((r) => {
          const { type, ...rest } = r;
          return 'sensorReport' + (type !== undefined ? `type=${sensorReportType(type)}` : '') + ordered(rest, REPORT.slice(1), ns);
        }).sort();
        s += reports.join('');
        const ext = Object.entries(e).filter(([k]) => k !== 'sensorMetadata' && k !== 'sensorReport').flatMap(([k, x]) => generic(k, x, ns)).sort();
        return s + ext.join('');
      }).sort().join('');
    } else if (key === 'bizStep') out += `bizStep=${canonValue(v, 'bizStep')}`;
    else if (key === 'disposition') out += `disposition=${canonValue(v, 'disposition')}`;
    else if (key === 'eventTimeZoneOffset' || key === 'action') out += `${key}=${String(v)}`;
    else out += `${key}=${canonValue(v)}`;
  }
  const rest = Object.entries(event).filter(([k]) => !TOP.includes(k) && !IGNORED.has(k));
  const ilmd = rest.filter(([k]) => k === 'ilmd');
  const others = rest.filter(([k]) => k !== 'ilmd');
  for (const [, v] of ilmd) if (isObj(v)) out += 'ilmd' + Object.entries(v).flatMap(([k, x]) => generic(k, x, ns)).sort().join('');
  out += others.flatMap(([k, x]) => generic(k, x, ns)).sort().join('');
  return out;
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
