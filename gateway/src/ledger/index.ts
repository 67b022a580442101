// `@cargotrace/gateway/ledger`: the ledger seam and its two backends, for embedders that open a ledger themselves and pass it to startGateway.
export type { ChainVerification, LedgerBackend, LedgerChaincodeEvent, SubmitOutcome, TransactionProof } from './ledger-backend';
export { LedgerAccessDeniedError, LedgerInvalidError } from './ledger-backend';
export type { CommittedBlock, CommittedBlockFeed, CommittedBlockHandler, CommittedTransaction, CommittedWrite } from './committed-blocks';
export { EmbeddedBackend, embeddedLedgerAvailable } from './embedded-backend';
export {
  FabricBackend,
  fabricBackendFromEnv,
  readGatewayManifest,
  type FabricBackendOptions,
  type FabricGatewayManifest,
} from './fabric-backend';
