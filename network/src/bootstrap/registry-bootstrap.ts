import type { NetworkConfig } from '../config/types';
import { channelDistricts } from '../config/channel-districts';
import { channelMembers } from '../config/membership';

/** The two ledger operations bootstrap needs; both the embedded ledger and a Fabric connection
 * provide them, so one bootstrap serves both. */
export interface RegistryInvoker {
  submit(channel: string, userId: string, fcn: string, args: string[]): Promise<unknown>;
  evaluate(channel: string, userId: string, fcn: string, args: string[]): Promise<string>;
}

/** The GACC identity that registers districts and organisations. */
export const REGISTRY_SERVICE_USER = 'gateway-service';

/** Fills each channel's on-ledger registry (districts, organisations with kinds and sites) from
 * the network configuration, once: the chaincode authorises writes from the registry, never from
 * what a certificate claims about its own organisation. Channels that already have a registry are
 * left alone. Returns the channels it registered. */
export async function bootstrapRegistry(
  invoker: RegistryInvoker,
  config: NetworkConfig,
  serviceUser = REGISTRY_SERVICE_USER,
): Promise<string[]> {
  const done: string[] = [];
  for (const channel of config.channels) {
    const current = JSON.parse(await invoker.evaluate(channel.name, serviceUser, 'registry:getRegistry', [])) as {
      organisations?: unknown[];
      districts?: unknown[];
    };
    const hasOrganisations = (current.organisations?.length ?? 0) > 0;
    const hasDistricts = (current.districts?.length ?? 0) > 0;
    if (hasOrganisations && hasDistricts) continue;
    // Each half is checked on its own, so that a bootstrap cut off between the two transactions
    // completes on the next start instead of leaving a channel without districts.
    if (!hasOrganisations) {
      const members = new Set(channelMembers(config, channel.name));
      // The registering GACC organisation goes first: an empty registry accepts only a caller that
      // registers itself as GACC.
      const organisations = config.organisations
        .filter((o) => members.has(o.mspId))
        .sort((a, b) => Number(b.kind === 'gacc') - Number(a.kind === 'gacc'));
      await invoker.submit(channel.name, serviceUser, 'registry:registerOrganisations', [JSON.stringify(organisations)]);
    }
    if (!hasDistricts) {
      await invoker.submit(channel.name, serviceUser, 'registry:registerDistricts', [
        JSON.stringify(channelDistricts(config, channel.name)),
      ]);
    }
    done.push(channel.name);
  }
  return done;
}
