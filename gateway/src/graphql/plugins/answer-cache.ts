import { createHash } from 'node:crypto';
import { createInMemoryCache, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import type { Plugin } from 'graphql-yoga';
import type { Viewer } from '../../auth/viewer';
import type { GatewayServices } from '../../services/gateway-services';
import type { GatewayContext } from '../context';

/** Answers kept in memory (a full trace answer is about 16 kB). */
const MAX_ANSWERS = 1000;
/** Upper bound on an answer's life even while no channel gets a block: old-epoch answers cannot
 * be served, this only lets them go. */
const MAX_ANSWER_MS = 60_000;

/** How the response cache plugin marks the answers it served. */
const SERVED_FROM_CACHE = Symbol.for('servedFromResponseCache');

/** Fields whose answers must never come from the cache: gateCheck writes the gate-decision log
 * (every check must be recorded), gateDecisions reads that log (it changes without a block), and
 * verify re-reads the stored bytes (tampering shows without a block). */
const NEVER_CACHED = ['Query.gateCheck', 'Query.gateDecisions', 'Query.verify'] as const;

/** Whole GraphQL answers shared between requests of the same user (graphql-yoga's response cache
 * plugin). Exactness: the cache key holds every channel's block height, so an answer is only
 * served while no channel has a new block; resolvers whose answers depend on the clock bound the
 * answer's life with `answerValidUntil`; side-effecting and tamper-sensitive fields are never
 * cached. Only on a ledger whose heights move with its commits (the embedded one), like the read
 * cache, and switched off with it. */
export function answerCachePlugin(services: GatewayServices): Plugin {
  const channels = services.config.channels.map((c) => c.name);
  const epoch = () => {
    let e = '';
    for (const c of channels) e += `${services.backend.height(c)},`;
    return e;
  };
  return useResponseCache<{ viewer?: Viewer } & Partial<GatewayContext>>({
    cache: createInMemoryCache({ max: MAX_ANSWERS }),
    // Scope differs per user: an answer is only ever served to the user it was computed for.
    session: (_request, context) => context.viewer?.userId ?? null,
    // The key is also the answer's ETag: an opaque hash, never the user, query or variables (a
    // header must stay short and Latin-1, and must not echo what the request carried).
    buildResponseCacheKey: ({ documentString, variableValues, operationName, sessionId }) =>
      Promise.resolve(
        createHash('sha256')
          .update(JSON.stringify([epoch(), sessionId ?? '', operationName ?? '', documentString, variableValues ?? {}]))
          .digest('base64url'),
      ),
    ttl: MAX_ANSWER_MS,
    ttlPerSchemaCoordinate: Object.fromEntries(NEVER_CACHED.map((c) => [c, 0])),
    // Left on (the default) because it keeps mutations out of the cache: with it off, the plugin
    // would keep a mutation's answer like a query's. New blocks change every key anyway.
    invalidateViaMutation: true,
    onTtl: ({ ttl, context }) => {
      const until = (context as Partial<GatewayContext>).answerValidUntilMs;
      return until === undefined ? ttl : Math.max(0, Math.min(ttl, Math.floor(until - Date.now())));
    },
  });
}

/** Counts the answers the answer cache served (`cargotrace_answer_cache_hits_total`). */
export function answerCacheHitsPlugin(services: GatewayServices): Plugin {
  return {
    onResultProcess({ result }) {
      if ((result as Record<symbol, unknown>)[SERVED_FROM_CACHE]) services.metrics.answerCacheHits.inc();
    },
  };
}
