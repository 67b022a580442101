/**
 * Every GraphQL document the SDK sends, in one place, written against the gateway's SDL
 * (gateway/src/graphql/schema.graphql). The client relies only on the top-level field name of
 * each operation (`field`) to unwrap the answer, so adjusting selections here is enough.
 */
export interface Operation { document: string; field: string }

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

export const GOODS: Operation = {
  field: 'goods',
  document: `query Goods($id: ID!, $type: String) {
  goods(id: $id, type: $type) { type id districts state events { ${EVENT_FIELDS} } }
}`,
};

export const EVENTS: Operation = {
  field: 'events',
  document: `query Events($filter: EventFilter, $first: Int, $after: String) {
  events(filter: $filter, first: $first, after: $after) {
    edges { cursor node { ${EVENT_FIELDS} raw } }
    pageInfo { hasNextPage endCursor }
  }
}`,
};

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

export const MUTUAL_RECOGNITION: Operation = {
  field: 'mutualRecognition',
  document: `query MutualRecognition($enterpriseCode: String!) {
  mutualRecognition(enterpriseCode: $enterpriseCode) {
    enterpriseCode enterpriseName level validFrom validTo issuingCustoms partnerCustoms status raw
  }
}`,
};

export const MR_CONSIGNMENT: Operation = {
  field: 'mrConsignment',
  document: `query MrConsignment($id: ID!) {
  mrConsignment(id: $id) {
    id enterpriseCode exportDeclaration goods { type id } partnerCustoms originDistrict destinationCountry status raw
  }
}`,
};

export const VERIFY_CHAIN: Operation = {
  field: 'verify',
  document: `query Verify($channel: String!) {
  verify(channel: $channel) { channel ok height firstBadBlock firstBadTxId reason }
}`,
};

export const VIEWER: Operation = {
  field: 'viewer',
  document: 'query Viewer { viewer { userId org orgKind role district level scope scopeDistricts } }',
};

export const APPEND_EVENTS: Operation = {
  field: 'appendEvents',
  document: `mutation AppendEvents($events: [JSON!]!) {
  appendEvents(events: $events) { accepted duplicates rejected results { index id status code message path channel txId blockNumber } }
}`,
};

export const EVENTS_SUBSCRIPTION: Operation = {
  field: 'events',
  document: `subscription Events($filter: EventFilter) { events(filter: $filter) { ${EVENT_FIELDS} } }`,
};

export const ANOMALIES_SUBSCRIPTION: Operation = {
  field: 'anomalies',
  document: `subscription Anomalies($district: String) { anomalies(district: $district) { ${ANOMALY_FIELDS} } }`,
};
