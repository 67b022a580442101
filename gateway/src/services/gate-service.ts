import { decideGate, type GateDecision, type GateDirection } from '../gate/gate-check';
import { plainReason, withoutGoodsDetail } from '../gate/gate-disclosure';
import type { GateDecisionEntry } from '../gate/gate-log';
import { districtSubtree, goodsVisible } from '../scope/read-scope';
import { BadInputError, ForbiddenError } from './gateway-error';
import { ledger } from './ledger-call';
import type { RequestScope } from './request-scope';

export interface GateArgs {
  containerNo: string;
  gateId: string;
  direction: GateDirection;
  seals?: string[] | null;
  grossWeightKg?: number | null;
}

export interface GateDecisionsArgs {
  district?: string | null;
  decision?: 'ALLOW' | 'DENY' | null;
  from?: string | null;
  to?: string | null;
  first?: number | null;
}

const MAX_GATE_DECISIONS = 500;

/** A gate's question "may this container pass?", answered from the container's custody events
 * and recorded in the gate-decision log. Who may ask at which gate, and what the answer shows, is
 * the table in docs/security.md ("Gate checks"): GACC any gate, customs the gates of their
 * district and below, a gate's operator its own gates; seals, weights and event counts only when
 * the caller also sees the container. One decision per container, gate and direction per request:
 * aliases of the same check share it (and the log gets it once). */
export function checkGate(request: RequestScope, args: GateArgs): Promise<GateAnswer> {
  const key = JSON.stringify([args.containerNo, args.gateId, args.direction, args.seals ?? null, args.grossWeightKg ?? null]);
  const checks = (request.gateChecks ??= new Map<string, Promise<GateAnswer>>());
  let answer = checks.get(key);
  if (!answer) {
    answer = decideAndLog(request, args);
    checks.set(key, answer);
  }
  return answer;
}

export type GateAnswer = GateDecision & { containerNo: string; gateId: string; district: string; direction: GateDirection };

async function decideAndLog(request: RequestScope, args: GateArgs): Promise<GateAnswer> {
  const { owner, site } = gateOf(request, args.gateId);
  if (!gateReachable(request, owner, site.district))
    throw new ForbiddenError("gate checks are for GACC, customs of the gate's district and the gate's operator");
  if (!/^[A-Z]{4}\d{7}$/.test(args.containerNo))
    throw new BadInputError('containerNo must be an ISO 6346 container number', {
      argument: 'containerNo',
      code: 'INVALID_CONTAINER_NUMBER',
    });
  const records = await ledger(() => request.reader.goodsEvents({ type: 'container', id: args.containerNo }));
  const decision = decideGate(records, {
    direction: args.direction,
    ...(args.seals ? { seals: args.seals } : {}),
    ...(args.grossWeightKg !== undefined && args.grossWeightKg !== null ? { grossWeightKg: args.grossWeightKg } : {}),
    weightTolerance: request.services.weightTolerance,
  });
  const shown = goodsVisible(request.scope, records) ? decision : withoutGoodsDetail(decision);
  const answer = { containerNo: args.containerNo, gateId: args.gateId, district: site.district, direction: args.direction, ...shown };
  await logDecision(request, answer);
  return answer;
}

/** Whether the caller may check at a gate of `owner` in `district`. */
function gateReachable(request: RequestScope, owner: string, district: string): boolean {
  const { scope, viewer } = request;
  if (scope.kind === 'all') return true;
  if (viewer.orgKind === 'customs' && scope.kind === 'districts') return scope.districts.has(district);
  return viewer.orgKind === 'warehouse' && viewer.org === owner;
}

/** Appends to the gate-decision log, whose readers (docs/security.md) may not see the goods:
 * reasons are kept in their plain words. */
async function logDecision(request: RequestScope, answer: GateAnswer): Promise<void> {
  const v = request.viewer;
  try {
    await request.services.gateLog.append({
      containerNo: answer.containerNo,
      gateId: answer.gateId,
      district: answer.district,
      direction: answer.direction,
      decision: answer.decision,
      reasons: answer.reasons.map(plainReason),
      checkedBy: { userId: v.userId, org: v.org },
    });
  } catch (err) {
    // The gate gets its answer even when the audit log fails; the failure goes to the server log.
    console.error('[gateway] gate-decision log append failed:', err);
  }
}

/** The organisation (MSP id) whose site the gate is, and the site. */
function gateOf(request: RequestScope, gateId: string): { owner: string; site: { district: string } } {
  for (const o of request.services.config.organisations) {
    const site = o.sites?.find((s) => s.id === gateId);
    if (site) return { owner: o.mspId, site };
  }
  throw new BadInputError(`unknown gate ${gateId}`, { argument: 'gateId', code: 'UNKNOWN_GATE' });
}

/** The gateway's gate-decision log, newest first, in the caller's scope: GACC all; customs their
 * district and the districts below it; other organisations the gates of their own sites. */
export async function gateDecisions(request: RequestScope, args: GateDecisionsArgs) {
  const { gateLog } = request.services;
  if (request.scope.kind === 'mutual-recognition') throw new ForbiddenError('partner customs see mutual-recognition data only');
  const first = args.first ?? 50;
  if (!Number.isInteger(first) || first < 0 || first > MAX_GATE_DECISIONS)
    throw new BadInputError(`first must be between 0 and ${MAX_GATE_DECISIONS}`, { argument: 'first' });
  const inDistrict = args.district ? inDistrictOf(request, args.district) : undefined;
  const inScope = inScopeOf(request);
  return gateLog.query({
    first,
    ...(args.decision ? { decision: args.decision } : {}),
    ...(args.from ? { fromMs: Date.parse(args.from) } : {}),
    ...(args.to ? { toMs: Date.parse(args.to) } : {}),
    where: (e) => inScope(e) && (!inDistrict || inDistrict(e)),
  });
}

/** Entries of the district and the districts below it. */
function inDistrictOf(request: RequestScope, district: string): (e: GateDecisionEntry) => boolean {
  const { config } = request.services;
  if (!config.districts.some((d) => d.code === district)) throw new BadInputError(`unknown district ${district}`, { argument: 'district' });
  const below = districtSubtree(config, district);
  return (e) => below.has(e.district);
}

/** Entries the caller may see: GACC all, customs their districts, others their own sites' gates. */
function inScopeOf(request: RequestScope): (e: GateDecisionEntry) => boolean {
  const scope = request.scope;
  if (scope.kind === 'all') return () => true;
  if (scope.kind === 'districts') return (e) => scope.districts.has(e.district);
  const own = request.services.config.organisations.find((o) => o.mspId === request.viewer.org);
  const gates = new Set((own?.sites ?? []).map((s) => s.id));
  return (e) => gates.has(e.gateId);
}
