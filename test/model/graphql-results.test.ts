import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildSchema, isEnumType, isObjectType } from 'graphql';
import type * as G from '@cargotrace/model/graphql';

/** The SDL (gateway/src/graphql/schema.graphql) is the API contract; @cargotrace/model/graphql
 * declares its answer types once for TypeScript. The lists below are checked against the TS types
 * by the compiler (every key listed, nothing else) and against the SDL by this test, so a field
 * added, renamed or removed on either side fails one of the two. */

/** Exactly the keys of T: an unknown key does not compile, a missing one names itself. */
const keysOf =
  <T>() =>
  <const L extends readonly (keyof T)[]>(
    list: L & (Exclude<keyof T, L[number]> extends never ? unknown : { missing: Exclude<keyof T, L[number]> }),
  ): L =>
    list;
/** Exactly the members of a string union, likewise. */
const membersOf =
  <U extends string>() =>
  <const L extends readonly U[]>(list: L & (Exclude<U, L[number]> extends never ? unknown : { missing: Exclude<U, L[number]> })): L =>
    list;

const OBJECT_FIELDS: Record<string, readonly string[]> = {
  Viewer: keysOf<G.Viewer>()(['userId', 'org', 'orgKind', 'role', 'district', 'level', 'scope', 'scopeDistricts']),
  PageInfo: keysOf<G.PageInfo>()(['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor']),
  EventEdge: keysOf<G.EventEdge>()(['cursor', 'node']),
  EventConnection: keysOf<G.EventConnection>()(['edges', 'pageInfo']),
  District: keysOf<G.District>()(['code', 'name', 'nameZh', 'level', 'parent', 'channel']),
  ChainVerification: keysOf<G.ChainVerification>()(['channel', 'ok', 'height', 'firstBadBlock', 'firstBadTxId', 'reason']),
  GoodsRef: keysOf<G.GoodsRef>()(['type', 'id']),
  Goods: keysOf<G.Goods>()(['type', 'id', 'districts', 'state', 'events']),
  Party: keysOf<G.Party>()(['org', 'enterpriseCode']),
  CustodyTransfer: keysOf<G.CustodyTransfer>()(['from', 'to']),
  Measure: keysOf<G.Measure>()(['value', 'unit']),
  Reference: keysOf<G.Reference>()(['type', 'id']),
  Transit: keysOf<G.Transit>()(['destinationDistrict', 'dueBy']),
  LedgerProof: keysOf<G.LedgerProof>()(['channel', 'blockNumber', 'txId', 'blockHash', 'txIndex', 'validationCode']),
  CustodyEvent: keysOf<G.CustodyEvent>()([
    'id',
    'kind',
    'eventTime',
    'recordedTime',
    'district',
    'site',
    'readPoint',
    'goods',
    'actor',
    'custody',
    'seals',
    'weight',
    'quantity',
    'disposition',
    'supervisionStatus',
    'result',
    'references',
    'transit',
    'channel',
    'txId',
    'recordedBy',
    'proof',
    'raw',
  ]),
  TraceGoods: keysOf<G.TraceGoods>()(['goods', 'depth', 'relation', 'districts', 'parents', 'children', 'inputs', 'outputs']),
  GoodsLink: keysOf<G.GoodsLink>()(['kind', 'from', 'to', 'eventId']),
  CustodySegment: keysOf<G.CustodySegment>()(['goods', 'custodian', 'from', 'to', 'district', 'site', 'startEventId', 'endEventId']),
  Crossing: keysOf<G.Crossing>()([
    'goods',
    'handOff',
    'takeOver',
    'fromDistrict',
    'toDistrict',
    'dueBy',
    'verdict',
    'issues',
    'sealsOut',
    'sealsIn',
    'weightOutKg',
    'weightInKg',
    'weightDeviation',
  ]),
  Anomaly: keysOf<G.Anomaly>()(['id', 'type', 'severity', 'goods', 'district', 'eventIds', 'time', 'message']),
  Trace: keysOf<G.Trace>()([
    'root',
    'direction',
    'events',
    'goods',
    'links',
    'custody',
    'crossings',
    'anomalies',
    'districts',
    'hiddenGoods',
  ]),
  GateReason: keysOf<G.GateReason>()(['code', 'ok', 'message']),
  GateCheck: keysOf<G.GateCheck>()([
    'containerNo',
    'gateId',
    'district',
    'direction',
    'decision',
    'reasons',
    'declaredWeightKg',
    'observedWeightKg',
    'expectedSeals',
    'observedSeals',
  ]),
  GateDecision: keysOf<G.GateDecision>()([
    'id',
    'containerNo',
    'gateId',
    'district',
    'direction',
    'decision',
    'reasons',
    'checkedAt',
    'checkedBy',
  ]),
  GateCheckedBy: keysOf<G.GateCheckedBy>()(['userId', 'org']),
  EventResult: keysOf<G.EventResult>()(['index', 'id', 'status', 'code', 'message', 'path', 'channel', 'txId', 'blockNumber']),
  AppendEventsPayload: keysOf<G.AppendEventsPayload>()(['results', 'accepted', 'duplicates', 'rejected']),
  AeoCertificate: keysOf<G.AeoCertificate>()([
    'enterpriseCode',
    'enterpriseName',
    'level',
    'validFrom',
    'validTo',
    'issuingCustoms',
    'partnerCustoms',
    'status',
    'recordedTime',
    'txId',
    'raw',
  ]),
  MrConsignment: keysOf<G.MrConsignment>()([
    'id',
    'enterpriseCode',
    'exportDeclaration',
    'goods',
    'partnerCustoms',
    'originDistrict',
    'destinationCountry',
    'status',
    'recordedTime',
    'txId',
    'raw',
  ]),
};

const ENUM_VALUES: Record<string, readonly string[]> = {
  TraceDirection: membersOf<G.TraceDirection>()(['UPSTREAM', 'DOWNSTREAM', 'BOTH']),
  GateDirection: membersOf<G.GateDirection>()(['IN', 'OUT']),
  GateVerdict: membersOf<G.GateVerdict>()(['ALLOW', 'DENY']),
  IngestStatus: membersOf<G.IngestStatus>()(['ACCEPTED', 'DUPLICATE', 'REJECTED']),
  CrossingVerdict: membersOf<G.CrossingVerdict>()([
    'MATCHED',
    'SEAL_MISMATCH',
    'WEIGHT_DEVIATION',
    'LATE',
    'OVERDUE',
    'IN_TRANSIT',
    'TAKEOVER_WITHOUT_HANDOFF',
  ]),
  AnomalyType: membersOf<G.AnomalyType>()([
    'EXIT_WITHOUT_RELEASE',
    'SEAL_MISMATCH',
    'WEIGHT_DEVIATION',
    'OVERDUE_TRANSIT',
    'TAKEOVER_WITHOUT_HANDOFF',
    'HELD_GOODS_MOVED',
  ]),
  Severity: membersOf<G.Severity>()(['HIGH', 'MEDIUM', 'LOW']),
  ReadScopeKind: membersOf<G.ReadScopeKind>()(['ALL', 'DISTRICTS', 'CUSTODIAN', 'INSPECTOR', 'MUTUAL_RECOGNITION']),
  GoodsRelation: membersOf<G.GoodsRelation>()(['ROOT', 'UPSTREAM', 'DOWNSTREAM']),
};

/** Root operation types are the API's entry points, not answer shapes. */
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

describe('GraphQL answer types (@cargotrace/model/graphql) against the SDL', () => {
  const sdl = readFileSync(path.resolve(__dirname, '../../../gateway/src/graphql/schema.graphql'), 'utf8');
  const schema = buildSchema(sdl);
  const sdlTypes = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__'));
  const sorted = (xs: Iterable<string>) => [...xs].sort();

  it('has a TS type for every SDL object type and no TS type the SDL lacks', () => {
    const objects = sdlTypes.filter((t) => isObjectType(t) && !ROOT_TYPES.has(t.name)).map((t) => t.name);
    expect(sorted(Object.keys(OBJECT_FIELDS))).to.deep.equal(sorted(objects));
  });

  for (const [name, fields] of Object.entries(OBJECT_FIELDS)) {
    it(`${name}: the TS fields are the SDL's`, () => {
      const type = schema.getType(name);
      expect(type && isObjectType(type), `${name} is an SDL object type`).to.equal(true);
      if (!type || !isObjectType(type)) return;
      expect(sorted(fields)).to.deep.equal(sorted(Object.keys(type.getFields())));
    });
  }

  it('has a TS union for every SDL enum, with the same values', () => {
    const enums = sdlTypes.filter(isEnumType);
    expect(sorted(Object.keys(ENUM_VALUES))).to.deep.equal(sorted(enums.map((t) => t.name)));
    for (const e of enums) expect(sorted(ENUM_VALUES[e.name]), e.name).to.deep.equal(sorted(e.getValues().map((v) => v.name)));
  });
});
