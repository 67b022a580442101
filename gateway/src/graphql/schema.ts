import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createSchema } from 'graphql-yoga';
import type { GatewayContext } from './context';
import { CustodyEvent } from './resolvers/custody-event';
import { gateResolvers } from './resolvers/gate';
import { ingestResolvers } from './resolvers/ingest';
import { AeoCertificate, MrConsignment, mrMutationResolvers, mrQueryResolvers } from './resolvers/mutual-recognition';
import { queryResolvers } from './resolvers/queries';
import { subscriptionResolvers } from './resolvers/subscriptions';
import { traceResolvers } from './resolvers/trace';
import { DateTimeScalar, JSONScalar } from './scalars';

/** The SDL ships as a source file: dist/graphql/schema.js reads src/graphql/schema.graphql (the
 * package keeps src/), or a copy beside it when one is there. */
export function loadTypeDefs(): string {
  const candidates = [path.join(__dirname, 'schema.graphql'), path.join(__dirname, '../../src/graphql/schema.graphql')];
  for (const file of candidates) {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      // next
    }
  }
  throw new Error(`schema.graphql not found (looked in ${candidates.join(', ')})`);
}

export function buildSchema() {
  return createSchema<GatewayContext>({
    typeDefs: loadTypeDefs(),
    resolvers: {
      DateTime: DateTimeScalar,
      JSON: JSONScalar,
      Query: { ...queryResolvers, ...traceResolvers, ...gateResolvers, ...mrQueryResolvers },
      Mutation: { ...ingestResolvers, ...mrMutationResolvers },
      Subscription: subscriptionResolvers,
      CustodyEvent,
      AeoCertificate,
      MrConsignment,
    },
  });
}
