import type { PeerNode, PeerOrg, Topology } from '../topology/types';
import { SOFTWARE_BCCSP, type ExternalBuilder, type PeerPaths } from './node-paths';

function gossipPrivateData() {
  return {
    pullRetryThreshold: '60s',
    transientstoreMaxBlockRetention: 1000,
    pushAckTimeout: '3s',
    btlPullMargin: 10,
    reconcileBatchSize: 10,
    reconcileSleepInterval: '1m',
    reconciliationEnabled: true,
    skipPullingInvalidTransactionsDuringCommit: false,
    implicitCollectionDisseminationPolicy: { requiredPeerCount: 0, maxPeerCount: 1 },
  };
}

function gossip(peer: PeerNode) {
  return {
    bootstrap: peer.endpoint,
    // One peer per organisation: it is the static leader that pulls blocks from the orderers.
    useLeaderElection: false,
    orgLeader: true,
    membershipTrackerInterval: '5s',
    endpoint: peer.endpoint,
    externalEndpoint: peer.endpoint,
    maxBlockCountToStore: 10,
    maxPropagationBurstLatency: '10ms',
    maxPropagationBurstSize: 10,
    propagateIterations: 1,
    propagatePeerNum: 3,
    pullInterval: '4s',
    pullPeerNum: 3,
    requestStateInfoInterval: '4s',
    publishStateInfoInterval: '4s',
    publishCertPeriod: '10s',
    skipBlockVerification: false,
    dialTimeout: '3s',
    connTimeout: '2s',
    recvBuffSize: 20,
    sendBuffSize: 200,
    digestWaitTime: '1s',
    requestWaitTime: '1500ms',
    responseWaitTime: '2s',
    aliveTimeInterval: '5s',
    aliveExpirationTimeout: '25s',
    reconnectInterval: '25s',
    maxConnectionAttempts: 120,
    msgExpirationFactor: 20,
    election: { startupGracePeriod: '15s', membershipSampleInterval: '1s', leaderAliveThreshold: '10s', leaderElectionDuration: '5s' },
    pvtData: gossipPrivateData(),
    state: { enabled: false, checkInterval: '10s', responseTimeout: '3s', batchSize: 10, blockBufferSize: 20, maxRetries: 3 },
  };
}

function peerTls(tls: string) {
  return {
    enabled: true,
    clientAuthRequired: false,
    cert: { file: `${tls}/server.crt` },
    key: { file: `${tls}/server.key` },
    rootcert: { file: `${tls}/ca.crt` },
    clientRootCAs: { files: [`${tls}/ca.crt`] },
  };
}

/** The parts of the peer section every CargoTrace peer shares. */
function peerServiceSettings() {
  return {
    client: { connTimeout: '3s' },
    deliveryclient: {
      blockGossipEnabled: true,
      reconnectTotalTimeThreshold: '3600s',
      connTimeout: '3s',
      reConnectBackoffThreshold: '3600s',
    },
    localMspType: 'bccsp',
    profile: { enabled: false, listenAddress: '127.0.0.1:6060' },
    handlers: {
      authFilters: [{ name: 'DefaultAuth' }, { name: 'ExpirationCheck' }],
      decorators: [{ name: 'DefaultDecorator' }],
      endorsers: { escc: { name: 'DefaultEndorsement', library: null } },
      validators: { vscc: { name: 'DefaultValidation', library: null } },
    },
    discovery: {
      enabled: true,
      authCacheEnabled: true,
      authCacheMaxSize: 1000,
      authCachePurgeRetentionRatio: 0.75,
      orgMembersAllowedAccess: false,
    },
    limits: { concurrency: { endorserService: 2500, deliverService: 2500, gatewayService: 500 } },
    maxRecvMsgSize: 104857600,
    maxSendMsgSize: 104857600,
  };
}

function peerSection(topo: Topology, org: PeerOrg, p: PeerPaths) {
  const peer = org.peer;
  return {
    id: `${peer.name}.${org.domain}`,
    networkId: topo.config.name,
    listenAddress: `${p.listenHost}:${peer.port}`,
    chaincodeListenAddress: `${p.listenHost}:${peer.chaincodePort}`,
    chaincodeAddress: peer.chaincodeEndpoint,
    address: peer.endpoint,
    addressAutoDetect: false,
    gateway: { enabled: true, endorsementTimeout: '30s', broadcastTimeout: '30s', dialTimeout: '2m' },
    keepalive: {
      interval: '7200s',
      timeout: '20s',
      minInterval: '60s',
      client: { interval: '60s', timeout: '20s' },
      deliveryClient: { interval: '60s', timeout: '20s' },
    },
    gossip: gossip(peer),
    tls: peerTls(p.tls),
    authentication: { timewindow: '15m' },
    fileSystemPath: p.data,
    BCCSP: SOFTWARE_BCCSP,
    mspConfigPath: p.msp,
    localMspId: org.mspId,
    ...peerServiceSettings(),
  };
}

function chaincodeSection(builders: ExternalBuilder[]) {
  return {
    builder: '$(DOCKER_NS)/fabric-ccenv:$(TWO_DIGIT_VERSION)',
    pull: false,
    golang: { runtime: '$(DOCKER_NS)/fabric-baseos:$(TWO_DIGIT_VERSION)', dynamicLink: false },
    java: { runtime: '$(DOCKER_NS)/fabric-javaenv:$(TWO_DIGIT_VERSION)' },
    node: { runtime: '$(DOCKER_NS)/fabric-nodeenv:$(TWO_DIGIT_VERSION)' },
    externalBuilders: builders.map((b) => ({ name: b.name, path: b.path, propagateEnvironment: b.env })),
    installTimeout: '300s',
    startuptimeout: '300s',
    executetimeout: '30s',
    mode: 'net',
    keepalive: 0,
    system: { _lifecycle: 'enable', cscc: 'enable', lscc: 'enable', qscc: 'enable' },
    logging: {
      level: 'info',
      shim: 'warning',
      format: '%{time:2006-01-02 15:04:05.000} [%{module}] %{shortfunc} -> %{level:.4s} %{message}',
    },
  };
}

function ledgerSection(data: string) {
  return {
    state: { stateDatabase: 'goleveldb', totalQueryLimit: 100000 },
    history: { enableHistoryDatabase: true },
    pvtdataStore: {
      collElgProcMaxDbBatchSize: 5000,
      collElgProcDbBatchesInterval: 1000,
      deprioritizedDataReconcilerInterval: '60m',
      purgeInterval: 100,
      purgedKeyAuditLogging: true,
    },
    snapshots: { rootDir: `${data}/snapshots` },
  };
}

/** core.yaml of an organisation's peer. */
export function coreYaml(topo: Topology, org: PeerOrg, p: PeerPaths) {
  return {
    peer: peerSection(topo, org, p),
    // No Docker: an empty endpoint keeps the peer from building chaincode images or pinging a
    // Docker daemon in its health check; chaincode runs only through the external builders.
    vm: { endpoint: '' },
    chaincode: chaincodeSection(p.builders),
    ledger: ledgerSection(p.data),
    operations: {
      listenAddress: `${p.listenHost}:${org.peer.opsPort}`,
      tls: { enabled: false, clientAuthRequired: false, clientRootCAs: { files: [] } },
    },
    metrics: { provider: 'prometheus' },
  };
}
