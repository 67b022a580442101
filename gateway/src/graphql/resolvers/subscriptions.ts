import { Repeater } from 'graphql-yoga';
import type { LocatedRecord } from '../../model/custody';
import { districtSubtree, readsCustody } from '../../scope/read-scope';
import type { Anomaly } from '../../trace/anomalies';
import { LedgerReader } from '../../trace/ledger-reader';
import type { GatewayContext } from '../context';
import { matchesFilter, type EventFilterArgs } from '../../services/events-service';
import { BadInputError, ForbiddenError } from '../../services/gateway-error';
import { goodsVisibility, recordVisible } from '../../services/goods-lookup';

/** Subscriptions outlive the request: they read through their own reader, and only remember
 * positive visibility (a goods can only enter a scope as events are added). */
function freshVisibility(ctx: GatewayContext) {
  const known = new Set<string>();
  return async (r: LocatedRecord) => {
    const reader = new LedgerReader(ctx.services.backend, ctx.services.config);
    const visible = goodsVisibility({ ...ctx, reader });
    const ok = await recordVisible(
      ctx.scope,
      r,
      async (g) => known.has(`${g.type}:${g.id}`) || ((await visible(g)) && (known.add(`${g.type}:${g.id}`), true)),
    );
    return ok;
  };
}

export const subscriptionResolvers = {
  events: {
    subscribe: (_: unknown, args: { filter?: EventFilterArgs | null }, ctx: GatewayContext) => {
      if (!readsCustody(ctx.scope)) throw new ForbiddenError('this caller may read mutual-recognition data only');
      const f = args.filter ?? {};
      const districts = f.district ? districtSubtree(ctx.services.config, f.district) : undefined;
      const visible = freshVisibility(ctx);
      const gauge = ctx.services.metrics.subscriptions;
      return new Repeater<LocatedRecord>(async (push, stop) => {
        gauge.inc({ kind: 'events' });
        const off = ctx.services.live.onEvent((r) => {
          if (!matchesFilter(r, f, districts)) return;
          void visible(r).then(
            (ok) => ok && push(r),
            () => undefined,
          );
        });
        await stop;
        off();
        gauge.dec({ kind: 'events' });
      });
    },
    resolve: (r: LocatedRecord) => r,
  },
  anomalies: {
    subscribe: (_: unknown, args: { district?: string | null }, ctx: GatewayContext) => {
      if (!readsCustody(ctx.scope)) throw new ForbiddenError('this caller may read mutual-recognition data only');
      const { config } = ctx.services;
      if (args.district && !config.districts.some((d) => d.code === args.district))
        throw new BadInputError(`unknown district ${args.district}`, { argument: 'district' });
      const districts = args.district ? districtSubtree(config, args.district) : undefined;
      const scope = ctx.scope;
      const gauge = ctx.services.metrics.subscriptions;
      return new Repeater<Anomaly>(async (push, stop) => {
        gauge.inc({ kind: 'anomalies' });
        const off = ctx.services.live.onAnomaly((a) => {
          if (districts && !districts.has(a.district)) return;
          if (scope.kind === 'districts' && !scope.districts.has(a.district)) return;
          if (scope.kind === 'custodian' || scope.kind === 'inspector') return; // anomalies are for customs
          void push(a);
        });
        await stop;
        off();
        gauge.dec({ kind: 'anomalies' });
      });
    },
    resolve: (a: Anomaly) => a,
  },
};
