import type { RequestScope } from '../services/request-scope';

/** A GraphQL operation's context: the request scope every service takes, built once per request
 * by the transport that authenticated it. */
export type GatewayContext = RequestScope;
