import type { Viewer } from '../auth/viewer';
import { readScopeOf, type ReadScope } from '../scope/read-scope';
import { LedgerReader, SERVICE_USER } from '../trace/ledger-reader';
import type { GateAnswer } from './gate-service';
import type { GatewayServices } from './gateway-services';

/** One authenticated request as the services see it, whatever the transport. */
export interface RequestScope {
  viewer: Viewer;
  scope: ReadScope;
  /** Per-request reader through the national service identity (results filtered by scope). */
  reader: LedgerReader;
  services: GatewayServices;
  /** Until when (epoch ms) this request's answer stays true without a new block, when the answer
   * depends on the clock; set through `answerValidUntil`, read by the answer cache. */
  answerValidUntilMs?: number;
  /** This request's gate checks by container, gate, direction and readings: aliases of one check
   * share its decision (gate-service). */
  gateChecks?: Map<string, Promise<GateAnswer>>;
}

/** The request scope of `viewer`: built the same way for GraphQL, REST and EPCIS requests. */
export function requestScopeOf(services: GatewayServices, viewer: Viewer): RequestScope {
  return {
    viewer,
    scope: readScopeOf(viewer, services.config),
    reader: new LedgerReader(services.backend, services.config, SERVICE_USER, services.readCache, services.storeReads),
    services,
  };
}

/** Caps how long the current request's answer stays true as time passes without a new block
 * (e.g. a transit in progress becomes overdue at its due time). 0 = do not keep it. */
export function answerValidUntil(request: RequestScope, untilMs: number): void {
  request.answerValidUntilMs = Math.min(request.answerValidUntilMs ?? Infinity, untilMs);
}
