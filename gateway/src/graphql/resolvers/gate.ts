import { checkGate, gateDecisions, type GateArgs, type GateDecisionsArgs } from '../../services/gate-service';
import type { GatewayContext } from '../context';

export const gateResolvers = {
  gateCheck: (_: unknown, args: GateArgs, ctx: GatewayContext) => checkGate(ctx, args),
  /** The gateway's gate-decision log, newest first, in the caller's scope. */
  gateDecisions: (_: unknown, args: GateDecisionsArgs, ctx: GatewayContext) => gateDecisions(ctx, args),
};
