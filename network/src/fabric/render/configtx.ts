import type { FabricChannel, PeerOrg, Topology } from '../topology/types';

const signature = (rule: string) => ({ Type: 'Signature', Rule: rule });
const implicitMeta = (rule: string) => ({ Type: 'ImplicitMeta', Rule: rule });

/** configtxgen profile name of a channel (configtx keys allow no dashes). */
export function profileName(channel: string): string {
  return channel.replace(/[^A-Za-z0-9]/g, '_');
}

/** The host of a host:port endpoint. */
export function hostPart(endpoint: string): string {
  return endpoint.slice(0, endpoint.lastIndexOf(':'));
}

function peerOrgSection(o: PeerOrg, cryptoDir: string) {
  return {
    Name: o.mspId,
    ID: o.mspId,
    MSPDir: `${cryptoDir}/peerOrganizations/${o.domain}/msp`,
    Policies: {
      Readers: signature(`OR('${o.mspId}.admin','${o.mspId}.peer','${o.mspId}.client')`),
      Writers: signature(`OR('${o.mspId}.admin','${o.mspId}.client')`),
      Admins: signature(`OR('${o.mspId}.admin')`),
      Endorsement: signature(`OR('${o.mspId}.peer')`),
    },
    // Anchor peers go into each channel's genesis block, so that gossip (and with it service
    // discovery) knows every member's peer from the first block.
    AnchorPeers: [{ Host: hostPart(o.peer.endpoint), Port: o.peer.port }],
  };
}

function ordererOrgSection(topo: Topology, cryptoDir: string) {
  const oo = topo.ordererOrg;
  return {
    Name: oo.mspId,
    ID: oo.mspId,
    MSPDir: `${cryptoDir}/ordererOrganizations/${oo.domain}/msp`,
    Policies: {
      Readers: signature(`OR('${oo.mspId}.member')`),
      Writers: signature(`OR('${oo.mspId}.member')`),
      Admins: signature(`OR('${oo.mspId}.admin')`),
    },
    OrdererEndpoints: oo.orderers.map((o) => o.endpoint),
  };
}

/** Raft ordering with every orderer a consenter; one section shared by all channel profiles. */
function ordererSection(topo: Topology, cryptoDir: string) {
  const oo = topo.ordererOrg;
  return {
    OrdererType: 'etcdraft',
    BatchTimeout: '250ms',
    BatchSize: { MaxMessageCount: 500, AbsoluteMaxBytes: '10 MB', PreferredMaxBytes: '2 MB' },
    EtcdRaft: {
      Consenters: oo.orderers.map((o) => {
        const tls = `${cryptoDir}/ordererOrganizations/${oo.domain}/orderers/${o.host}/tls/server.crt`;
        return { Host: hostPart(o.endpoint), Port: o.port, ClientTLSCert: tls, ServerTLSCert: tls };
      }),
      Options: { TickInterval: '500ms', ElectionTick: 10, HeartbeatTick: 1, MaxInflightBlocks: 5, SnapshotIntervalSize: '16 MB' },
    },
    Organizations: [ordererOrgSection(topo, cryptoDir)],
    Policies: {
      Readers: implicitMeta('ANY Readers'),
      Writers: implicitMeta('ANY Writers'),
      Admins: implicitMeta('MAJORITY Admins'),
      BlockValidation: implicitMeta('ANY Writers'),
    },
    Capabilities: { V2_0: true },
  };
}

function channelProfile(topo: Topology, ch: FabricChannel, orderer: ReturnType<typeof ordererSection>, cryptoDir: string) {
  const member = (mspId: string) => topo.orgs.find((o) => o.mspId === mspId);
  return {
    Policies: {
      Readers: implicitMeta('ANY Readers'),
      Writers: implicitMeta('ANY Writers'),
      Admins: implicitMeta('MAJORITY Admins'),
    },
    Capabilities: { V2_0: true },
    Orderer: orderer,
    Application: {
      Organizations: ch.members
        .map(member)
        .filter((o): o is PeerOrg => o !== undefined)
        .map((o) => peerOrgSection(o, cryptoDir)),
      Policies: {
        Readers: implicitMeta('ANY Readers'),
        Writers: implicitMeta('ANY Writers'),
        Admins: implicitMeta('MAJORITY Admins'),
        // Approving a chaincode definition needs a majority of the channel's organisations.
        LifecycleEndorsement: implicitMeta('MAJORITY Endorsement'),
        Endorsement: implicitMeta('MAJORITY Endorsement'),
      },
      Capabilities: { V2_5: true },
      ACLs: {},
    },
  };
}

/** configtx.yaml for configtxgen: one profile per channel, Raft, no system channel.
 * @param cryptoDir where cryptogen's output lies as configtxgen (on this machine) sees it */
export function configtx(topo: Topology, cryptoDir: string) {
  const orderer = ordererSection(topo, cryptoDir);
  const profiles = Object.fromEntries(topo.channels.map((ch) => [profileName(ch.name), channelProfile(topo, ch, orderer, cryptoDir)]));
  return {
    Organizations: [ordererOrgSection(topo, cryptoDir), ...topo.orgs.map((o) => peerOrgSection(o, cryptoDir))],
    Profiles: profiles,
  };
}
