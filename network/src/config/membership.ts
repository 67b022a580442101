import type { NetworkConfig } from './types';
import { isWithin } from './channel-districts';

/** MSP ids of the organisations that are members of `channelName` (the channel's application
 * orgs in Fabric terms). A district channel: every GACC org, plus every organisation operating in
 * the channel's district or in any district whose parent chain reaches it. The mutual-recognition
 * channel: all gacc, customs and partner-customs orgs. */
export function channelMembers(config: NetworkConfig, channelName: string): string[] {
  const channel = config.channels.find((c) => c.name === channelName);
  if (!channel) throw new Error(`unknown channel ${channelName}`);
  if (channel.kind === 'mutual-recognition') {
    return config.organisations
      .filter((o) => o.kind === 'gacc' || o.kind === 'customs' || o.kind === 'partner-customs')
      .map((o) => o.mspId);
  }
  const target = channel.district;
  const byCode = new Map(config.districts.map((d) => [d.code, d]));
  return config.organisations
    .filter((o) => o.kind === 'gacc' || (target !== undefined && o.districts.some((d) => isWithin(byCode, d, target))))
    .map((o) => o.mspId);
}
