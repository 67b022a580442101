/**
 * Every GraphQL document the SDK sends, in one place, written against the gateway's SDL
 * (gateway/src/graphql/schema.graphql). The client relies only on the top-level field name of
 * each operation (`field`) to unwrap the answer, so adjusting selections here is enough.
 */
/**
 * A GraphQL document and the top-level field whose value is the answer.
 *
 * @example
 * const op: Operation = { field: 'viewer', document: 'query { viewer { org role } }' };
 * const me = await client.run<{ org: string; role: string }>(op);
 */
export interface Operation {
  document: string;
  field: string;
}

/**
 * The custody-event fields every event selection asks for, to reuse in your own documents.
 *
 * @example
 * const doc = `query ($id: ID!) { trace(id: $id) { events { ${operations.EVENT_FIELDS} } } }`;
 * await client.graphql(doc, { id: 'COSU6331218' });
 */
export const EVENT_FIELDS = `
  id kind eventTime recordedTime district site readPoint
  goods { type id }
  actor { org enterpriseCode }
  custody { from { org enterpriseCode } to { org enterpriseCode } }
  seals disposition supervisionStatus result
  weight { value unit }
  quantity { value unit }
  references { type id }
  transit { destinationDistrict dueBy }
  channel txId
`;

const ANOMALY_FIELDS = 'id type severity goods { type id } district eventIds time message';

/**
 * `trace(id, type, direction, maxDepth, from, to)`: the end-to-end trace ({@link CargoTraceClient.trace}).
 *
 * @example
 * await client.run(operations.TRACE, { id: 'COSU6331218', type: 'container' });
 */
export const TRACE: Operation = {
  field: 'trace',
  document: `query Trace($id: ID!, $type: String, $direction: TraceDirection, $maxDepth: Int, $from: DateTime, $to: DateTime) {
  trace(id: $id, type: $type, direction: $direction, maxDepth: $maxDepth, from: $from, to: $to) {
    root { type id }
    direction
    districts
    hiddenGoods
    events { ${EVENT_FIELDS} }
    goods { goods { type id } depth relation districts parents { type id } children { type id } inputs { type id } outputs { type id } }
    links { kind from { type id } to { type id } eventId }
    custody { goods { type id } custodian { org enterpriseCode } from to district site startEventId endEventId }
    crossings { goods { type id } fromDistrict toDistrict dueBy verdict issues sealsOut sealsIn weightOutKg weightInKg weightDeviation handOff { id } takeOver { id } }
    anomalies { ${ANOMALY_FIELDS} }
  }
}`,
};

/**
 * `goods(id, type)`: derived state of one goods ({@link CargoTraceClient.goods}).
 *
 * @example
 * await client.run(operations.GOODS, { id: 'COSU6331218', type: 'container' });
 */
export const GOODS: Operation = {
  field: 'goods',
  document: `query Goods($id: ID!, $type: String) {
  goods(id: $id, type: $type) { type id districts state events { ${EVENT_FIELDS} } }
}`,
};

/**
 * `events(filter, first, after)`: one page of custody events ({@link CargoTraceClient.events}).
 *
 * @example
 * await client.run(operations.EVENTS, { filter: { district: '2305' }, first: 50 });
 */
export const EVENTS: Operation = {
  field: 'events',
  document: `query Events($filter: EventFilter, $first: Int, $after: String) {
  events(filter: $filter, first: $first, after: $after) {
    edges { cursor node { ${EVENT_FIELDS} raw } }
    pageInfo { hasNextPage endCursor }
  }
}`,
};

/**
 * `gateCheck(input)`: automatic gate release ({@link CargoTraceClient.gateCheck}).
 *
 * @example
 * await client.run(operations.GATE_CHECK, { containerNo: 'TGHU8827013', gateId: 'CNSZP-BZ-GATE1', direction: 'OUT' });
 */
export const GATE_CHECK: Operation = {
  field: 'gateCheck',
  document: `query GateCheck($containerNo: String!, $gateId: String!, $direction: GateDirection!, $seals: [String!], $grossWeightKg: Float) {
  gateCheck(containerNo: $containerNo, gateId: $gateId, direction: $direction, seals: $seals, grossWeightKg: $grossWeightKg) {
    containerNo gateId district direction decision
    reasons { code ok message }
    declaredWeightKg observedWeightKg expectedSeals observedSeals
  }
}`,
};

/**
 * `mutualRecognition(enterpriseCode)`: an enterprise's AEO certificate ({@link CargoTraceClient.mutualRecognition}).
 *
 * @example
 * await client.run(operations.MUTUAL_RECOGNITION, { enterpriseCode: '3205960123' });
 */
export const MUTUAL_RECOGNITION: Operation = {
  field: 'mutualRecognition',
  document: `query MutualRecognition($enterpriseCode: String!) {
  mutualRecognition(enterpriseCode: $enterpriseCode) {
    enterpriseCode enterpriseName level validFrom validTo issuingCustoms partnerCustoms status raw
  }
}`,
};

/**
 * `mrConsignment(id)`: a mutual-recognition consignment record ({@link CargoTraceClient.mrConsignment}).
 *
 * @example
 * await client.run(operations.MR_CONSIGNMENT, { id: 'MR-2026-0001' });
 */
export const MR_CONSIGNMENT: Operation = {
  field: 'mrConsignment',
  document: `query MrConsignment($id: ID!) {
  mrConsignment(id: $id) {
    id enterpriseCode exportDeclaration goods { type id } partnerCustoms originDistrict destinationCountry status raw
  }
}`,
};

/**
 * `verify(channel)`: re-check a channel's hash chain ({@link CargoTraceClient.verifyChain}).
 *
 * @example
 * await client.run(operations.VERIFY_CHAIN, { channel: 'district-2300' });
 */
export const VERIFY_CHAIN: Operation = {
  field: 'verify',
  document: `query Verify($channel: String!) {
  verify(channel: $channel) { channel ok height firstBadBlock firstBadTxId reason }
}`,
};

/**
 * `viewer`: who the API key is (org, role, district, scope) ({@link CargoTraceClient.viewer}).
 *
 * @example
 * await client.run(operations.VIEWER);
 */
export const VIEWER: Operation = {
  field: 'viewer',
  document: 'query Viewer { viewer { userId org orgKind role district level scope scopeDistricts } }',
};

/**
 * `appendEvents(events)`: the GraphQL twin of `POST /api/v1/events`.
 *
 * @example
 * await client.run(operations.APPEND_EVENTS, { events: inputs.map(withId) });
 */
export const APPEND_EVENTS: Operation = {
  field: 'appendEvents',
  document: `mutation AppendEvents($events: [JSON!]!) {
  appendEvents(events: $events) { accepted duplicates rejected results { index id status code message path channel txId blockNumber } }
}`,
};

/**
 * `subscription events(filter)`: newly committed custody events ({@link CargoTraceClient.subscribeEvents}).
 *
 * @example
 * for await (const e of client.subscribe(operations.EVENTS_SUBSCRIPTION, { filter: { district: '2305' } })) console.log(e);
 */
export const EVENTS_SUBSCRIPTION: Operation = {
  field: 'events',
  document: `subscription Events($filter: EventFilter) { events(filter: $filter) { ${EVENT_FIELDS} } }`,
};

/**
 * `subscription anomalies(district)`: anomalies raised by new events ({@link CargoTraceClient.subscribeAnomalies}).
 *
 * @example
 * for await (const a of client.subscribe(operations.ANOMALIES_SUBSCRIPTION, { district: '2305' })) console.log(a);
 */
export const ANOMALIES_SUBSCRIPTION: Operation = {
  field: 'anomalies',
  document: `subscription Anomalies($district: String) { anomalies(district: $district) { ${ANOMALY_FIELDS} } }`,
};
