import { GraphQLError } from 'graphql';
import { GatewayError } from '../services/gateway-error';

/** The GraphQL transport's one error mapping: a service's GatewayError becomes a GraphQLError
 * with the code, the field path (`extensions.path`) and the error's details in `extensions`. */
export function toGraphQLError(err: GatewayError, source?: GraphQLError): GraphQLError {
  return new GraphQLError(err.message, {
    ...(source?.nodes ? { nodes: source.nodes } : {}),
    ...(source?.path ? { path: source.path } : {}),
    extensions: { code: err.code, ...(err.path !== undefined ? { path: err.path } : {}), ...err.details },
  });
}

/** For graphql-yoga's `maskedErrors.maskError`: service errors are shown through
 * `toGraphQLError`, GraphQL's own errors (validation, limits) as they are, and anything else is
 * masked ("Unexpected error."), so no stack or internal message leaks. */
export function maskError(error: unknown, mask: (error: unknown) => Error): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof GatewayError) return toGraphQLError(original, error instanceof GraphQLError ? error : undefined);
  if (isUncodedRefusal(error)) {
    return new GraphQLError(error.message, {
      ...(error.nodes ? { nodes: error.nodes } : {}),
      extensions: { ...error.extensions, code: 'BAD_USER_INPUT' },
    });
  }
  return mask(error);
}

/** GraphQL's own refusals of the request (variable coercion, by graphql-js or by graphql-jit's
 * compiled queries, which build their GraphQLError without extensions) come without a code. */
function isUncodedRefusal(error: unknown): error is GraphQLError {
  if (!(error instanceof Error) || error.name !== 'GraphQLError') return false;
  const { originalError, extensions } = error as Partial<GraphQLError>;
  return originalError == null && extensions?.code === undefined;
}
