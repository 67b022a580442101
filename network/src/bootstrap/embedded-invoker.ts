import type { EmbeddedNetwork } from '../embedded/network';
import type { RegistryInvoker } from './registry-bootstrap';

/** Lets the registry bootstrap talk to the embedded ledger as named configuration users. */
export function embeddedInvoker(net: EmbeddedNetwork): RegistryInvoker {
  return {
    submit: (channel, userId, fcn, args) => net.channel(channel).submit(net.identity(userId), fcn, args),
    evaluate: async (channel, userId, fcn, args) => (await net.channel(channel).evaluate(net.identity(userId), fcn, args)).toString('utf8'),
  };
}
