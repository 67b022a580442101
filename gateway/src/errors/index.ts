// `@cargotrace/gateway/errors`: the gateway's one typed error family and its mapping onto each transport, for embedders adding routes and for the mapping tests.
export { GatewayError, BadInputError, ForbiddenError, ChaincodeRejectedError, LedgerUnavailableError } from '../services/gateway-error';
export { fromLedgerError } from '../services/ledger-call';
export { toGraphQLError } from '../graphql/errors';
export { restErrorHandler } from '../http/errors';
