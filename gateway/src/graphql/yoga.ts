import type { IncomingMessage, ServerResponse } from 'node:http';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { GraphQLError, OperationTypeNode, getOperationAST } from 'graphql';
import { createYoga, maskError as yogaMaskError, type Plugin } from 'graphql-yoga';
import type { Viewer } from '../auth/viewer';
import type { GatewayServices } from '../services/gateway-services';
import { requestScopeOf } from '../services/request-scope';
import type { GatewayContext } from './context';
import { maskError } from './errors';
import { errorCodesPlugin } from './plugins/error-codes';
import { introspectionPlugin } from './plugins/introspection';
import { answerCacheHitsPlugin, answerCachePlugin } from './plugins/answer-cache';
import { heightsPlugin } from './plugins/heights';
import { limitsPlugin } from './plugins/limits';
import { buildSchema } from './schema';

/** What the HTTP transport hands over with each request: the request, its response, and the
 * viewer it authenticated (absent only for GraphiQL's page). */
export interface GraphqlServerContext {
  req: IncomingMessage;
  res: ServerResponse;
  viewer?: Viewer;
}

/** Queries run through graphql-jit: a trace answer has thousands of fields, and compiled
 * resolvers cost a fraction of the generic executor's per-field work. Subscriptions and mutations
 * keep the reference executor. */
const jitForQueries = (): Plugin =>
  useGraphQlJit(
    {},
    { enableIf: (args) => getOperationAST(args.document, args.operationName)?.operation === OperationTypeNode.QUERY },
  ) as Plugin;

/** The GraphQL transport: graphql-yoga over the services, with limits, the answer cache and its
 * metrics as plugins, and one error mapping (`maskError`). */
export function createGraphqlHandler(services: GatewayServices) {
  const { limits } = services;
  return createYoga<GraphqlServerContext, Partial<GatewayContext>>({
    schema: buildSchema() as never,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    // CORS is the HTTP layer's (an allow-list from configuration); yoga's default echoes any origin.
    cors: false,
    maskedErrors: { isDev: false, maskError: (error, message) => maskError(error, (e) => yogaMaskError(e, message, false)) },
    batching: { limit: limits.maxBatch },
    logging: false,
    graphiql: {
      title: 'CargoTrace',
      // Never a credential: the page is served without a key, so whoever opens it pastes their own.
      headers: JSON.stringify({ Authorization: 'Bearer <your API key>' }),
      defaultQuery: DEFAULT_QUERY,
    },
    plugins: [
      errorCodesPlugin(),
      introspectionPlugin(),
      limitsPlugin(limits),
      jitForQueries(),
      heightsPlugin(),
      ...(services.answerCache ? [answerCachePlugin(services), answerCacheHitsPlugin(services)] : []),
    ],
    context: ({ viewer }): Partial<GatewayContext> => {
      if (!viewer) throw new GraphQLError('an API key is required', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      return requestScopeOf(services, viewer);
    },
  });
}

const DEFAULT_QUERY = `# CargoTrace: end-to-end trace of a container across customs districts.
query Trace {
  trace(id: "COSU6331218", direction: BOTH) {
    districts
    events { eventTime kind district site goods { type id } proof { channel blockNumber txId blockHash } }
    crossings { goods { id } fromDistrict toDistrict verdict issues weightDeviation }
    anomalies { type severity district message }
    custody { goods { id } custodian { org } from to district }
  }
}
`;
