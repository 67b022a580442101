import type { Channel, NetworkConfig, Organisation } from '../../config/types';
import type { PeerOrg } from './types';

const peerOf = (o: PeerOrg): string => `'${o.mspId}.peer'`;
const anyOf = (orgs: PeerOrg[]): string => `OR(${orgs.map(peerOf).join(',')})`;

export function configOrganisation(config: NetworkConfig, mspId: string): Organisation {
  const org = config.organisations.find((o) => o.mspId === mspId);
  if (!org) throw new Error(`organisation ${mspId} is not in the network configuration`);
  return org;
}

/** Whether an organisation is a customs authority of a district channel's district. */
export function governsDistrict(config: NetworkConfig, org: PeerOrg, district: string | undefined): boolean {
  return org.kind === 'customs' && district !== undefined && configOrganisation(config, org.mspId).districts.includes(district);
}

/** mutual-recognition: GACC (the party to the MRA) plus one other member. */
function mutualRecognitionPolicy(memberOrgs: PeerOrg[]): string {
  const gacc = memberOrgs.filter((o) => o.kind === 'gacc');
  const others = memberOrgs.filter((o) => o.kind !== 'gacc');
  if (gacc.length === 0 || others.length === 0) return anyOf(memberOrgs);
  const gaccTerm = gacc.length === 1 ? peerOf(gacc[0]) : anyOf(gacc);
  return `AND(${gaccTerm},${anyOf(others)})`;
}

/** Every pair of an authority and another member, each pair once. */
function authorityPairs(authorities: PeerOrg[], memberOrgs: PeerOrg[]): string[] {
  const terms: string[] = [];
  const seen = new Set<string>();
  for (const a of authorities) {
    for (const other of memberOrgs.filter((o) => o.mspId !== a.mspId)) {
      const key = [a.mspId, other.mspId].sort().join('+');
      if (seen.has(key)) continue;
      seen.add(key);
      terms.push(`AND(${peerOf(a)},${peerOf(other)})`);
    }
  }
  return terms;
}

/** district: two distinct organisations, at least one a customs authority of the channel. */
function districtPolicy(config: NetworkConfig, channel: Channel, memberOrgs: PeerOrg[]): string {
  const gacc = memberOrgs.filter((o) => o.kind === 'gacc');
  const districtCustoms = memberOrgs.filter((o) => governsDistrict(config, o, channel.district));
  const authorities = [...gacc, ...districtCustoms];
  if (authorities.length === 0 || memberOrgs.length < 2) return anyOf(memberOrgs);
  const terms = authorityPairs(authorities, memberOrgs);
  return terms.length === 1 ? terms[0] : `OR(${terms.join(',')})`;
}

/**
 * Endorsement policy of the cargotrace chaincode on a channel (see network/README.md):
 *
 * district channel: two distinct organisations, at least one of them a customs authority of the
 *   channel (GACC, or the customs organisation that governs the channel's district):
 *     OR( AND(authority_i, any other member) for each authority )
 *   A fact about supervised goods is never written on one organisation's word alone, and a
 *   customs authority always witnesses it; no single warehouse, carrier or CIQ peer (nor a single
 *   customs peer) can forge state, and the channel keeps working while one authority is down.
 * mutual-recognition channel: GACC (the party to the MRA) plus one other member:
 *     AND(GACC, OR(other members))
 */
export function endorsementPolicy(config: NetworkConfig, channel: Channel, memberOrgs: PeerOrg[]): string {
  return channel.kind === 'mutual-recognition' ? mutualRecognitionPolicy(memberOrgs) : districtPolicy(config, channel, memberOrgs);
}
