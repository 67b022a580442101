import { governsDistrict } from './endorsement-policy';
import type { FabricChannel, PeerOrg, Topology } from './types';

export function peerOrg(orgs: readonly PeerOrg[], mspId: string): PeerOrg {
  const org = orgs.find((o) => o.mspId === mspId);
  if (!org) throw new Error(`organisation ${mspId} is not in the Fabric topology`);
  return org;
}

/** Two organisations whose peers satisfy a channel's endorsement policy: GACC plus the channel's
 * customs authority (or, failing that, another member). Used for peer CLI invocations. */
export function pickEndorsers(topo: Topology, channel: FabricChannel): string[] {
  const members = channel.members.map((m) => peerOrg(topo.orgs, m));
  const gacc = members.find((o) => o.kind === 'gacc');
  const customs = members.find(
    (o) => o.kind === 'customs' && (channel.kind !== 'district' || governsDistrict(topo.config, o, channel.district)),
  );
  const second = customs ?? members.find((o) => o !== gacc);
  return [gacc, second].filter((o): o is PeerOrg => o !== undefined).map((o) => o.mspId);
}
