import { decideGate, type GateDirection } from '../../gate/gate-check';
import type { GateDecisionEntry } from '../../gate/gate-log';
import { districtSubtree } from '../../scope/read-scope';
import type { GatewayContext } from '../context';
import { badInput, forbidden } from '../errors';
import { ledger } from './shared';

interface GateArgs {
  containerNo: string;
  gateId: string;
  direction: GateDirection;
  seals?: string[] | null;
  grossWeightKg?: number | null;
}

interface GateDecisionsArgs {
  district?: string | null;
  decision?: 'ALLOW' | 'DENY' | null;
  from?: string | null;
  to?: string | null;
  first?: number | null;
}

const MAX_GATE_DECISIONS = 500;

export const gateResolvers = {
  gateCheck: async (_: unknown, args: GateArgs, ctx: GatewayContext) => {
    const { config } = ctx.services;
    const owner = config.organisations.find((o) => (o.sites ?? []).some((s) => s.id === args.gateId));
    const site = owner?.sites?.find((s) => s.id === args.gateId);
    if (!owner || !site) throw badInput(`unknown gate ${args.gateId}`, { argument: 'gateId' });
    const v = ctx.viewer;
    const allowed = v.orgKind === 'gacc' || v.orgKind === 'customs' || (v.orgKind === 'warehouse' && v.org === owner.mspId);
    if (!allowed) throw forbidden('gate checks are for customs and the gate operator');
    if (!/^[A-Z]{4}\d{7}$/.test(args.containerNo)) throw badInput('containerNo must be an ISO 6346 container number', { argument: 'containerNo', code: 'INVALID_CONTAINER_NUMBER' });
    const records = await ledger(() => ctx.reader.goodsEvents({ type: 'container', id: args.containerNo }));
    const decision = decideGate(records, {
      direction: args.direction,
      ...(args.seals ? { seals: args.seals } : {}),
      ...(args.grossWeightKg !== undefined && args.grossWeightKg !== null ? { grossWeightKg: args.grossWeightKg } : {}),
      weightTolerance: ctx.services.weightTolerance,
    });
    const answer = { containerNo: args.containerNo, gateId: args.gateId, district: site.district, direction: args.direction, ...decision };
    try {
      await ctx.services.gateLog.append({ containerNo: answer.containerNo, gateId: answer.gateId, district: answer.district, direction: answer.direction, decision: answer.decision, reasons: answer.reasons, checkedBy: { userId: v.userId, org: v.org } });
    } catch (err) {
      // The gate gets its answer even when the audit log fails; the failure goes to the server log.
      console.error('[gateway] gate-decision log append failed:', err);
    }
    return answer;
  },

  /** The gateway's gate-decision log, newest first, in the caller's scope: GACC all; customs their
   * district and the districts below it; other organisations the gates of their own sites. */
  gateDecisions: async (_: unknown, args: GateDecisionsArgs, ctx: GatewayContext) => {
    const { config, gateLog } = ctx.services;
    const scope = ctx.scope;
    if (scope.kind === 'mutual-recognition') throw forbidden('partner customs see mutual-recognition data only');
    const first = args.first ?? 50;
    if (!Number.isInteger(first) || first < 0 || first > MAX_GATE_DECISIONS) throw badInput(`first must be between 0 and ${MAX_GATE_DECISIONS}`, { argument: 'first' });
    let inDistrict: ((e: GateDecisionEntry) => boolean) | undefined;
    if (args.district) {
      if (!config.districts.some((d) => d.code === args.district)) throw badInput(`unknown district ${args.district}`, { argument: 'district' });
      const below = districtSubtree(config, args.district);
      inDistrict = (e) => below.has(e.district);
    }
    let inScope: (e: GateDecisionEntry) => boolean;
    if (scope.kind === 'all') inScope = () => true;
    else if (scope.kind === 'districts') inScope = (e) => scope.districts.has(e.district);
    else {
      const gates = new Set((config.organisations.find((o) => o.mspId === ctx.viewer.org)?.sites ?? []).map((s) => s.id));
      inScope = (e) => gates.has(e.gateId);
    }
    return gateLog.query({
      first,
      ...(args.decision ? { decision: args.decision } : {}),
      ...(args.from ? { fromMs: Date.parse(args.from) } : {}),
      ...(args.to ? { toMs: Date.parse(args.to) } : {}),
      where: (e) => inScope(e) && (!inDistrict || inDistrict(e)),
    });
  },
};
