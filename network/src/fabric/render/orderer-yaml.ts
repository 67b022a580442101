import type { OrdererNode, Topology } from '../topology/types';
import { SOFTWARE_BCCSP, type NodePaths } from './node-paths';

function general(topo: Topology, orderer: OrdererNode, p: NodePaths) {
  return {
    ListenAddress: p.listenHost,
    ListenPort: orderer.port,
    TLS: {
      Enabled: true,
      PrivateKey: `${p.tls}/server.key`,
      Certificate: `${p.tls}/server.crt`,
      RootCAs: [`${p.tls}/ca.crt`],
      ClientAuthRequired: false,
    },
    Keepalive: { ServerMinInterval: '60s', ServerInterval: '7200s', ServerTimeout: '20s' },
    MaxRecvMsgSize: 104857600,
    MaxSendMsgSize: 104857600,
    // Raft traffic shares the client listener and authenticates with the node's TLS pair.
    Cluster: {
      SendBufferSize: 100,
      ClientCertificate: `${p.tls}/server.crt`,
      ClientPrivateKey: `${p.tls}/server.key`,
    },
    // Channel participation API only: no system channel.
    BootstrapMethod: 'none',
    LocalMSPDir: p.msp,
    LocalMSPID: topo.ordererOrg.mspId,
    Profile: { Enabled: false, Address: '127.0.0.1:6060' },
    BCCSP: SOFTWARE_BCCSP,
    Authentication: { TimeWindow: '15m' },
  };
}

/** The channel participation API (osnadmin), mutual TLS with the node's own CA. */
function admin(orderer: OrdererNode, p: NodePaths) {
  return {
    ListenAddress: `${p.listenHost}:${orderer.adminPort}`,
    TLS: {
      Enabled: true,
      Certificate: `${p.tls}/server.crt`,
      PrivateKey: `${p.tls}/server.key`,
      RootCAs: [`${p.tls}/ca.crt`],
      ClientAuthRequired: true,
      ClientRootCAs: [`${p.tls}/ca.crt`],
    },
  };
}

/** orderer.yaml of one Raft orderer. */
export function ordererYaml(topo: Topology, orderer: OrdererNode, p: NodePaths) {
  return {
    General: general(topo, orderer, p),
    FileLedger: { Location: `${p.data}/ledger` },
    Debug: { BroadcastTraceDir: null, DeliverTraceDir: null },
    Operations: {
      ListenAddress: `${p.listenHost}:${orderer.opsPort}`,
      TLS: { Enabled: false, ClientAuthRequired: false, ClientRootCAs: [] },
    },
    Metrics: { Provider: 'prometheus' },
    Admin: admin(orderer, p),
    ChannelParticipation: { Enabled: true, MaxRequestBodySize: '1 MB' },
    Consensus: { WALDir: `${p.data}/etcdraft/wal`, SnapDir: `${p.data}/etcdraft/snapshot` },
  };
}
