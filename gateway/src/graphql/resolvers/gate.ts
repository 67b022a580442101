import { decideGate, type GateDirection } from '../../gate/gate-check';
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
    return { containerNo: args.containerNo, gateId: args.gateId, district: site.district, direction: args.direction, ...decision };
  },
};
