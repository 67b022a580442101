import type { NetworkConfig } from '@cargotrace/network';
import type { GateLog } from '../gate/gate-log';
import type { LedgerBackend } from '../ledger/ledger-backend';
import type { LiveFeed } from '../live/live-feed';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import type { StoreReads } from '../query-store/store-reads';
import type { ReadCache } from '../trace/read-cache';

export interface GatewayLimits {
  /** Max events per appendEvents mutation or REST request. */
  maxEventsPerRequest: number;
  /** Max events per transaction (chunk). */
  maxChunk: number;
  maxDepth: number;
  maxCost: number;
  /** Max JSON body size (bytes or an express size string). */
  bodyLimit: string;
  /** Max operations in one batched GraphQL request. */
  maxBatch: number;
  /** Requests per second and burst per API key. */
  ratePerSecond: number;
  rateBurst: number;
  /** Max records scanned per source by `events` listing. */
  maxScan: number;
}

export const DEFAULT_LIMITS: GatewayLimits = {
  maxEventsPerRequest: 10_000,
  maxChunk: 1000,
  maxDepth: 12,
  maxCost: 20_000,
  bodyLimit: '16mb',
  maxBatch: 10,
  ratePerSecond: 200,
  rateBurst: 400,
  maxScan: 20_000,
};

/** What the gateway's services work with, created once at start-up. */
export interface GatewayServices {
  backend: LedgerBackend;
  config: NetworkConfig;
  metrics: GatewayMetrics;
  live: LiveFeed;
  limits: GatewayLimits;
  weightTolerance: number;
  /** The gateway's audit log of `gateCheck` answers (not ledger data). */
  gateLog: GateLog;
  /** Goods reads shared between requests until a district channel gets a new block (absent when
   * switched off, `--no-trace-cache`, or when the ledger's heights may lag its commits). */
  readCache?: ReadCache;
  /** Reads answered from the gateway's block-fed query store (absent with `queryStore: false` or
   * a backend without a committed-blocks feed: reads then evaluate chaincode). */
  storeReads?: StoreReads;
  /** Whole answers shared between a user's identical queries until any channel gets a new block
   * (only together with `readCache`). */
  answerCache?: boolean;
}
