import type { ProbeRequest } from './probe-client';

/** A seeded pseudo-random source (mulberry32): the same seed gives the same cases. */
export class Seeded {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

/** Strings that broke, or could break, a parser, a lookup by name or a header. */
const HOSTILE = [
  '',
  ' ',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'prototype',
  'A'.repeat(10_000),
  '中国',
  '\u0000',
  '\ud800',
  '%E0%A4%A',
  '%',
  "'; DROP TABLE events; --",
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${process.env}',
  'COSU6331218',
  'TGHU8827013',
  'CNYYG-GATE',
  'district-2300',
  '2305',
  '9999',
  'urn:epc:id:sscc:0614141.1234567890',
  'urn:cargotrace:goods:container:COSU6331218',
  'urn:cargotrace:goods:part:%ZZ',
  'https://id.gs1.org/00/106141412345678908',
  '2026-13-45T99:99:99Z',
  '-1',
  '1e309',
  'NaN',
  'null',
  '[]',
  '{}',
  'eyJhIjoxfQ',
];

/** Values of any JSON type, for variables and bodies. */
function hostileValue(r: Seeded): unknown {
  switch (r.int(8)) {
    case 0:
      return r.pick(HOSTILE);
    case 1:
      return r.pick([0, -1, 1.5, 2 ** 53, -(2 ** 31), 1e308]);
    case 2:
      return r.pick([null, true, false]);
    case 3:
      return [r.pick(HOSTILE), r.int(10)];
    case 4:
      return JSON.parse('{"__proto__": {"polluted": true}, "id": "x"}') as unknown;
    case 5:
      return { constructor: { prototype: 1 } };
    case 6:
      return { [r.pick(HOSTILE)]: r.pick(HOSTILE) };
    default:
      return randomText(r, r.int(40));
  }
}

/** Printable Latin-1 text (what a header may carry). */
function randomText(r: Seeded, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(32 + r.int(95));
  return s;
}

const GQL_STRING = (r: Seeded) => JSON.stringify(r.pick(HOSTILE));

/** GraphQL operations with hostile literal arguments that reach the ledger (slow on a shared
 * machine: a small share of the cases, see LEDGER_SHARE). */
const LEDGER_OPERATIONS: ((r: Seeded) => string)[] = [
  (r) => `{ trace(id: ${GQL_STRING(r)}) { districts events { id } anomalies { type } } }`,
  (r) => `{ goods(id: ${GQL_STRING(r)}, type: ${GQL_STRING(r)}) { id events { id } } }`,
  (r) =>
    `{ events(filter: {district: ${GQL_STRING(r)}, kind: ${GQL_STRING(r)}}, first: ${r.pick([0, 1, 500, 501, -1, 99999])}) { edges { node { id } } } }`,
  (r) => `{ events(after: ${GQL_STRING(r)}) { edges { cursor } } }`,
  (r) => `{ gateCheck(containerNo: ${GQL_STRING(r)}, gateId: ${GQL_STRING(r)}, direction: OUT) { decision } }`,
  (r) =>
    `{ gateCheck(containerNo: "TGHU8827013", gateId: "CNYYG-GATE", direction: OUT, seals: [${GQL_STRING(r)}], grossWeightKg: ${r.pick(['-1', '1e308', '0'])}) { decision reasons { code } } }`,
  (r) => `{ gateDecisions(district: ${GQL_STRING(r)}, first: ${r.pick([0, 501, -5])}) { id } }`,
  (r) => `{ verify(channel: ${GQL_STRING(r)}) { ok } }`,
  (r) => `{ mutualRecognition(enterpriseCode: ${GQL_STRING(r)}) { enterpriseCode } mrConsignment(id: ${GQL_STRING(r)}) { id } }`,
  (r) =>
    `{ ${Array.from({ length: 1 + r.int(30) }, (_, i) => `a${i}: gateCheck(containerNo: "TGHU8827013", gateId: "CNYYG-GATE", direction: OUT) { decision }`).join(' ')} }`,
];

/** GraphQL documents refused before anything is read: syntax, types, limits, unknown fields,
 * introspection, variables of the wrong type. */
const REFUSED_OPERATIONS: ((r: Seeded) => string)[] = [
  (r) =>
    `{ gateCheck(containerNo: ${GQL_STRING(r)}, gateId: ${GQL_STRING(r)}, direction: ${r.pick(['SIDEWAYS', '"IN"', '1'])}) { decision } }`,
  (r) => `{ trace(id: ${GQL_STRING(r)}, maxDepth: ${r.pick(['"x"', '1.5', '[]'])}) { districts } }`,
  (r) => `{ events(first: ${r.pick(['"x"', '1e99', 'true'])}) { edges { cursor } } }`,
  (r) => `{ gateDecisions(from: ${GQL_STRING(r)}, decision: ${r.pick(['MAYBE', '"ALLOW"'])}) { id } }`,
  (r) => `{ ${r.pick(HOSTILE).replace(/[^A-Za-z_]/g, '') || 'nope'} { id } }`,
  (r) => `{ ${'trace(id: "x") { goods { parents { parents { parents { '.repeat(2 + r.int(4))} id ${'} } } } }'.repeat(2 + r.int(4))} }`,
  (r) => `{ events(first: ${20_000 + r.int(1e6)}) { edges { node { goods { id } } } } }`,
  (r) => randomText(r, r.int(200)),
  (r) =>
    `query($x: ${r.pick(['Int!', 'String!', 'DateTime', '[JSON!]!', 'GateDirection!'])}) { districts { code } __typename @include(if: false) }`,
  () => `{ __schema { types { name } } }`,
  (r) => `{ __type(name: ${GQL_STRING(r)}) { name } }`,
  () => `{ districts { code } districts { name } }`,
];

/** One in this many cases reaches the ledger; the rest are refused before it. */
const LEDGER_SHARE = 60;

/** A document, mostly one refused before the ledger. */
const operation = (r: Seeded): string => (r.int(LEDGER_SHARE) === 0 ? r.pick(LEDGER_OPERATIONS) : r.pick(REFUSED_OPERATIONS))(r);

/** appendEvents with events that can never be valid (each carries a member no schema admits or a
 * wrong type), so the ledger must stay as it was. */
function invalidEvents(r: Seeded): unknown[] {
  return Array.from({ length: 1 + r.int(3) }, () => {
    const base: Record<string, unknown> = {
      id: `fuzz-${r.int(1e9)}`,
      kind: r.pick(['ARRIVED', 'UNLOADED', 'NOT_A_KIND', '__proto__']),
      goods: [{ type: 'container', id: 'COSU6331218' }],
      eventTime: '2026-11-20T08:00:00+08:00',
      district: r.pick(['2248', '2305', '9999', 'constructor']),
    };
    const breakers: (() => void)[] = [
      () => (base.unknownMember = hostileValue(r)),
      () => (base.goods = hostileValue(r)),
      () => (base.eventTime = 12),
      () => (base.kind = 'NOT_A_KIND'),
      () => Object.defineProperty(base, '__proto__', { value: hostileValue(r), enumerable: true, configurable: true, writable: true }),
    ];
    r.pick(breakers)();
    return base;
  });
}

const APPEND = 'mutation($e: [JSON!]!) { appendEvents(events: $e) { accepted rejected } }';

/** An event with a prototype-named member somewhere: refused by the gateway before the ledger. */
function prototypeEvent(r: Seeded): unknown {
  const [event] = invalidEvents(r) as Record<string, unknown>[];
  const where = r.pick(['__proto__', 'constructor', 'prototype']);
  if (r.int(2)) Object.defineProperty(event, where, { value: { polluted: true }, enumerable: true, configurable: true, writable: true });
  else
    event.goods = [Object.defineProperty({ type: 'container' }, where, { value: 1, enumerable: true, configurable: true, writable: true })];
  return event;
}

export interface FuzzContext {
  /** A configured API key (any user). */
  anyKey(r: Seeded): string;
}

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

function graphqlPost(r: Seeded, ctx: FuzzContext): ProbeRequest {
  const headers = {
    ...auth(ctx.anyKey(r)),
    'content-type': r.pick(['application/json', 'application/json', 'text/plain', 'application/graphql+json']),
  };
  const variant = r.int(6);
  let body: string | Buffer;
  if (variant === 0)
    body = JSON.stringify({ query: APPEND, variables: { e: r.int(LEDGER_SHARE) === 0 ? invalidEvents(r) : [prototypeEvent(r)] } });
  else if (variant === 1) body = JSON.stringify({ query: operation(r), variables: hostileValue(r) });
  else if (variant === 2) body = randomText(r, r.int(100));
  else if (variant === 3) body = Buffer.from([0x7b, 0x22, 0x71, 0x75, 0x65, 0x72, 0x79, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]);
  else if (variant === 4) body = JSON.stringify(Array.from({ length: 1 + r.int(4) }, () => ({ query: r.pick(REFUSED_OPERATIONS)(r) })));
  else body = JSON.stringify({ query: operation(r), operationName: r.pick([null, 'x', 7]) });
  return { method: 'POST', path: '/graphql', headers, body };
}

function graphqlGet(r: Seeded, ctx: FuzzContext): ProbeRequest {
  const params = new URLSearchParams();
  params.set('query', operation(r));
  if (r.int(2)) params.set('variables', r.int(2) ? JSON.stringify(hostileValue(r)) : randomText(r, 20));
  if (r.int(4) === 0) params.append('query', '{ districts { code } }');
  if (r.int(4) === 0) params.set(r.pick(['variables[a]', 'extensions', 'operationName']), r.pick(HOSTILE).slice(0, 200));
  const headers = {
    ...auth(ctx.anyKey(r)),
    accept: r.pick(['application/json', '*/*', 'application/graphql-response+json', 'text/plain']),
  };
  return { method: 'GET', path: `/graphql?${params.toString()}`, headers };
}

function restIngest(r: Seeded, ctx: FuzzContext): ProbeRequest {
  const variant = r.int(5);
  const events = () => (r.int(LEDGER_SHARE) === 0 ? invalidEvents(r) : [prototypeEvent(r)]);
  const body =
    variant === 0
      ? JSON.stringify(events())
      : variant === 1
        ? JSON.stringify({ events: events() })
        : variant === 2
          ? JSON.stringify(hostileValue(r))
          : variant === 3
            ? '[]'
            : randomText(r, r.int(60));
  const contentType = r.pick([
    'application/json',
    'application/json',
    'application/json; charset=utf-16',
    'text/plain',
    'application/x-www-form-urlencoded',
  ]);
  return { method: 'POST', path: '/api/v1/events', headers: { ...auth(ctx.anyKey(r)), 'content-type': contentType }, body };
}

const EPCIS_PARAMETERS = [
  'eventType',
  'GE_eventTime',
  'LT_eventTime',
  'MATCH_epc',
  'EQ_bizStep',
  'EQ_bizLocation',
  'perPage',
  'nextPageToken',
  'constructor',
  'unknown',
];

/** EPCIS query parameters with hostile values; mostly one of them refused (a time that is not one,
 * an unknown bizStep, an unknown parameter), a small share a listing. */
function epcisQuery(r: Seeded, ctx: FuzzContext): ProbeRequest {
  const params = new URLSearchParams();
  for (let i = 0, n = 1 + r.int(3); i < n; i++) params.append(r.pick(EPCIS_PARAMETERS), r.pick(HOSTILE));
  if (r.int(LEDGER_SHARE) !== 0)
    params.append(r.pick(['GE_eventTime', 'EQ_bizStep', 'perPage', 'eventType']), r.pick(['constructor', 'x', '-1', '']) || 'x');
  return { method: 'GET', path: `/epcis/events?${params.toString()}`, headers: auth(ctx.anyKey(r)) };
}

function authHeaders(r: Seeded, ctx: FuzzContext): ProbeRequest {
  const key = ctx.anyKey(r);
  const authorization = r.pick([
    '',
    'Bearer',
    'Bearer ',
    `Bearer ${randomText(r, 30)}`,
    `Basic ${randomText(r, 20)}`,
    `Bearer ${key} ${key}`,
    `bearer ${key}`,
    `Bearer ${'k'.repeat(5000)}`,
    randomText(r, 50),
  ]);
  // Routes whose answer, once past authentication, needs no ledger read.
  const path = r.pick(['/graphql?query=%7Bdistricts%7Bcode%7D%7D', '/epcis/events?perPage=0', '/api/v1/events']);
  const method = path === '/api/v1/events' ? 'POST' : 'GET';
  const headers: Record<string, string> = { authorization, 'content-type': 'application/json' };
  return { method, path, headers, ...(method === 'POST' ? { body: '[]' } : {}) };
}

/** The fuzz families: GraphQL POST and GET, REST ingestion, EPCIS query, authentication. */
export const FAMILIES = { graphqlPost, graphqlGet, restIngest, epcisQuery, authHeaders } as const;
export type Family = keyof typeof FAMILIES;

/** Case `i` of the seeded run: the family by turn, the request from the seeded source. */
export function fuzzCase(r: Seeded, i: number, ctx: FuzzContext): { family: Family; request: ProbeRequest } {
  const family = TURNS[i % TURNS.length];
  return { family, request: FAMILIES[family](r, ctx) };
}

/** The order of families over eight cases: GraphQL answers cost most, so they take a share that
 * keeps the run within a minute on a shared two-core machine. */
const TURNS: readonly Family[] = [
  'authHeaders',
  'epcisQuery',
  'restIngest',
  'graphqlPost',
  'authHeaders',
  'epcisQuery',
  'restIngest',
  'graphqlGet',
];
