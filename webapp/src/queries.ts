/** GraphQL documents the page sends (see gateway/src/graphql/schema.graphql). */

const PARTY = 'org enterpriseCode';
export const EVENT_FIELDS = `
  id kind eventTime recordedTime district site readPoint
  goods { type id }
  actor { ${PARTY} }
  custody { from { ${PARTY} } to { ${PARTY} } }
  seals weight { value unit } quantity { value unit } disposition supervisionStatus result
  references { type id } transit { destinationDistrict dueBy }
  channel txId recordedBy raw`;

const PROOF = 'proof { channel blockNumber txId blockHash txIndex validationCode }';

export const VIEWER = `query Viewer { viewer { userId org orgKind role district level scope scopeDistricts } districts { code name nameZh level parent channel } }`;

export const TRACE = `query Trace($id: ID!, $type: String, $maxDepth: Int) {
  trace(id: $id, type: $type, direction: BOTH, maxDepth: $maxDepth) {
    root { type id } direction districts hiddenGoods
    events { ${EVENT_FIELDS} ${PROOF} }
    goods { goods { type id } depth relation districts parents { type id } children { type id } inputs { type id } outputs { type id } }
    links { kind from { type id } to { type id } eventId }
    custody { goods { type id } custodian { ${PARTY} } from to district site startEventId endEventId }
    crossings { goods { type id } handOff { id eventTime district } takeOver { id eventTime district } fromDistrict toDistrict dueBy verdict issues sealsOut sealsIn weightOutKg weightInKg weightDeviation }
    anomalies { id type severity goods { type id } district eventIds time message }
  }
}`;

/** Crossings only: used by the dashboard to judge open transits. */
export const TRACE_CROSSINGS = `query Crossings($id: ID!, $type: String) {
  trace(id: $id, type: $type, direction: BOTH, maxDepth: 0) {
    root { type id }
    crossings { goods { type id } handOff { id eventTime district } takeOver { id eventTime district } fromDistrict toDistrict dueBy verdict issues }
  }
}`;

export const EVENTS_PAGE = `query Events($filter: EventFilter, $first: Int, $after: String) {
  events(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id kind eventTime district site goods { type id } references { type id } transit { destinationDistrict dueBy } actor { ${PARTY} } channel } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const VERIFY = `query Verify($channel: String!) { verify(channel: $channel) { channel ok height firstBadBlock firstBadTxId reason } }`;

export const GATE_CHECK = `query Gate($containerNo: String!, $gateId: String!, $direction: GateDirection!, $seals: [String!], $grossWeightKg: Float) {
  gateCheck(containerNo: $containerNo, gateId: $gateId, direction: $direction, seals: $seals, grossWeightKg: $grossWeightKg) {
    containerNo gateId district direction decision reasons { code ok message }
  }
}`;

/** The gateway's gate-decision log (an audit log of the gateway, not ledger data), newest first. */
export const GATE_DECISIONS = `query GateDecisions($decision: GateVerdict, $from: DateTime, $first: Int) {
  gateDecisions(decision: $decision, from: $from, first: $first) {
    id containerNo gateId district direction decision reasons { code ok message } checkedAt checkedBy { userId org }
  }
}`;

export const SUB_EVENTS = `subscription LiveEvents { events { id kind eventTime district site goods { type id } references { type id } transit { destinationDistrict dueBy } actor { ${PARTY} } channel txId } }`;
export const SUB_ANOMALIES = `subscription LiveAnomalies { anomalies { id type severity goods { type id } district eventIds time message } }`;

export const QUERY_FIELDS = `query Fields { __schema { queryType { fields { name } } } }`;
