import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one gateway instance (own registry, so several gateways can run in one
 * process, as the tests do). */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'cargotrace_http_requests_total',
    help: 'HTTP requests',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'cargotrace_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly ingestedEvents = new Counter({
    name: 'cargotrace_ingested_events_total',
    help: 'Events by ingestion outcome',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  readonly traceDuration = new Histogram({
    name: 'cargotrace_trace_duration_seconds',
    help: 'Trace stitching duration',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly ledgerCalls = new Counter({
    name: 'cargotrace_ledger_reads_total',
    help: 'Ledger evaluate calls made by trace and query resolvers',
    registers: [this.registry],
  });
  readonly subscriptions = new Gauge({
    name: 'cargotrace_active_subscriptions',
    help: 'Open GraphQL subscriptions',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({
    name: 'cargotrace_rate_limited_total',
    help: 'Requests refused by the per-key rate limit',
    registers: [this.registry],
  });
  readonly answerCacheHits = new Counter({
    name: 'cargotrace_answer_cache_hits_total',
    help: 'GraphQL answers served from the answer cache',
    registers: [this.registry],
  });
  readonly chaincodeEvents = new Counter({
    name: 'cargotrace_chaincode_events_total',
    help: 'Chaincode events received after commit',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'cargotrace_' });
  }
}
