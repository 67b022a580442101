import type { Topology } from '../topology/types';

const SANS = ['localhost', '127.0.0.1'];
const CA_NAME = { Country: 'CN', Province: 'Beijing', Locality: 'Beijing' };

/** crypto-config.yaml for cryptogen: the organisations' CAs, peers, orderers and admins. */
export function cryptoConfig(topo: Topology) {
  return {
    OrdererOrgs: [
      {
        Name: 'Orderer',
        Domain: topo.ordererOrg.domain,
        EnableNodeOUs: true,
        CA: CA_NAME,
        Specs: topo.ordererOrg.orderers.map((o) => ({ Hostname: o.name, SANS })),
      },
    ],
    PeerOrgs: topo.orgs.map((o) => ({
      Name: o.label,
      Domain: o.domain,
      EnableNodeOUs: true,
      CA: CA_NAME,
      Specs: [{ Hostname: o.peer.name, SANS }],
      // Client users with role/district/level attributes are issued by identities/issue-users.ts
      // with this organisation's CA key; cryptogen only makes Admin@<domain>.
      Users: { Count: 0 },
    })),
  };
}
