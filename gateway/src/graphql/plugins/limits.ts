import type { Plugin } from 'graphql-yoga';
import type { GatewayLimits } from '../../services/gateway-services';
import { costLimitRule, depthLimitRule } from './limit-rules';

/** Refuses operations deeper or costlier than the configured limits, before they run. */
export function limitsPlugin(limits: Pick<GatewayLimits, 'maxDepth' | 'maxCost'>): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(depthLimitRule(limits.maxDepth));
      addValidationRule(costLimitRule(limits.maxCost));
    },
  };
}
