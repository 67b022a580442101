// `@cargotrace/gateway`: the programmatic API (start a gateway, ingest, decide, trace, scope); concept subpaths
// (`/trace`, `/ledger`, `/demo`, `/errors`, `/chaincode-logging`) hold the rest of the public surface.
export { startGateway, demoMissing, issuedKeysFile, type GatewayOptions, type RunningGateway } from './server';
export { ApiKeys, type Viewer, type ApiKeyOptions } from './auth/viewer';
export { IssuedKeys, type IssuedKey } from './auth/issued-keys';
export type { LedgerBackend, LedgerChaincodeEvent, TransactionProof, SubmitOutcome, ChainVerification } from './ledger/ledger-backend';
export { EmbeddedBackend, embeddedLedgerAvailable } from './ledger/embedded-backend';
export { parseChaincodeError } from '@cargotrace/model';
export { ingestEvents } from './ingest/ingest';
export { routeEvents, requestPath } from './ingest/route';
export { decideGate } from './gate/gate-check';
export { analyseTrace } from './trace/analyse';
export { crossingsOf } from './trace/crossings';
export { anomaliesOf } from './trace/anomalies';
export { custodySegments } from './trace/custody-segments';
export { readScopeOf, eventInScope, goodsVisible } from './scope/read-scope';
export { FabricBackend, fabricBackendFromEnv } from './ledger/fabric-backend';
export { seedDemoData, demoFlow } from './demo';
export { GatewayError, BadInputError, ForbiddenError, ChaincodeRejectedError, LedgerUnavailableError } from './services/gateway-error';
