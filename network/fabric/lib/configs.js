'use strict';
/**
 * Renders the Fabric configuration files from the topology: crypto-config.yaml (cryptogen),
 * configtx.yaml (configtxgen, one profile per channel, Raft, no system channel), one core.yaml
 * per peer and one orderer.yaml per orderer, and fabric-ca-server-config.yaml per organisation
 * for a production CA.
 *
 * `paths` maps the locations as the nodes will see them: for native processes the work dir on
 * this machine; for docker the mount points inside the containers.
 */

const SANS = ['localhost', '127.0.0.1'];
const CA_NAME = { Country: 'CN', Province: 'Beijing', Locality: 'Beijing' };

function cryptoConfig(topo) {
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
      // Client users with role/district/level attributes are issued by lib/identities.js with
      // this organisation's CA key; cryptogen only makes Admin@<domain>.
      Users: { Count: 0 },
    })),
  };
}

/** @param cryptoDir where crypto-config output lies as configtxgen (on this machine) sees it */
function configtx(topo, cryptoDir) {
  const sig = (rule) => ({ Type: 'Signature', Rule: rule });
  const orgSection = (o) => ({
    Name: o.mspId,
    ID: o.mspId,
    MSPDir: `${cryptoDir}/peerOrganizations/${o.domain}/msp`,
    Policies: {
      Readers: sig(`OR('${o.mspId}.admin','${o.mspId}.peer','${o.mspId}.client')`),
      Writers: sig(`OR('${o.mspId}.admin','${o.mspId}.client')`),
      Admins: sig(`OR('${o.mspId}.admin')`),
      Endorsement: sig(`OR('${o.mspId}.peer')`),
    },
    // Anchor peers go into each channel's genesis block, so that gossip (and with it service
    // discovery) knows every member's peer from the first block.
    AnchorPeers: [{ Host: hostPart(o.peer.endpoint), Port: o.peer.port }],
  });
  const oo = topo.ordererOrg;
  const ordererOrgSection = {
    Name: oo.mspId,
    ID: oo.mspId,
    MSPDir: `${cryptoDir}/ordererOrganizations/${oo.domain}/msp`,
    Policies: {
      Readers: sig(`OR('${oo.mspId}.member')`),
      Writers: sig(`OR('${oo.mspId}.member')`),
      Admins: sig(`OR('${oo.mspId}.admin')`),
    },
    OrdererEndpoints: oo.orderers.map((o) => o.endpoint),
  };
  const implicit = (rule) => ({ Type: 'ImplicitMeta', Rule: rule });
  const orderer = {
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
    Organizations: [ordererOrgSection],
    Policies: {
      Readers: implicit('ANY Readers'),
      Writers: implicit('ANY Writers'),
      Admins: implicit('MAJORITY Admins'),
      BlockValidation: implicit('ANY Writers'),
    },
    Capabilities: { V2_0: true },
  };
  const profiles = {};
  for (const ch of topo.channels) {
    profiles[profileName(ch.name)] = {
      Policies: {
        Readers: implicit('ANY Readers'),
        Writers: implicit('ANY Writers'),
        Admins: implicit('MAJORITY Admins'),
      },
      Capabilities: { V2_0: true },
      Orderer: orderer,
      Application: {
        Organizations: ch.members.map((m) => orgSection(topo.orgs.find((o) => o.mspId === m))),
        Policies: {
          Readers: implicit('ANY Readers'),
          Writers: implicit('ANY Writers'),
          Admins: implicit('MAJORITY Admins'),
          // Approving a chaincode definition needs a majority of the channel's organisations.
          LifecycleEndorsement: implicit('MAJORITY Endorsement'),
          Endorsement: implicit('MAJORITY Endorsement'),
        },
        Capabilities: { V2_5: true },
        ACLs: {},
      },
    };
  }
  return {
    Organizations: [ordererOrgSection, ...topo.orgs.map(orgSection)],
    Profiles: profiles,
  };
}

function profileName(channel) {
  return channel.replace(/[^A-Za-z0-9]/g, '_');
}

function hostPart(endpoint) {
  return endpoint.slice(0, endpoint.lastIndexOf(':'));
}

/**
 * @param p.msp, p.tls  the node's msp and tls dirs; p.data ledger dir; p.builders array of
 *   {name, path}; p.listenHost 127.0.0.1 natively, 0.0.0.0 in a container
 */
function coreYaml(topo, org, p) {
  const peer = org.peer;
  return {
    peer: {
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
      gossip: {
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
        pvtData: {
          pullRetryThreshold: '60s',
          transientstoreMaxBlockRetention: 1000,
          pushAckTimeout: '3s',
          btlPullMargin: 10,
          reconcileBatchSize: 10,
          reconcileSleepInterval: '1m',
          reconciliationEnabled: true,
          skipPullingInvalidTransactionsDuringCommit: false,
          implicitCollectionDisseminationPolicy: { requiredPeerCount: 0, maxPeerCount: 1 },
        },
        state: { enabled: false, checkInterval: '10s', responseTimeout: '3s', batchSize: 10, blockBufferSize: 20, maxRetries: 3 },
      },
      tls: {
        enabled: true,
        clientAuthRequired: false,
        cert: { file: `${p.tls}/server.crt` },
        key: { file: `${p.tls}/server.key` },
        rootcert: { file: `${p.tls}/ca.crt` },
        clientRootCAs: { files: [`${p.tls}/ca.crt`] },
      },
      authentication: { timewindow: '15m' },
      fileSystemPath: p.data,
      BCCSP: { Default: 'SW', SW: { Hash: 'SHA2', Security: 256, FileKeyStore: { KeyStore: null } } },
      mspConfigPath: p.msp,
      localMspId: org.mspId,
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
    },
    // No Docker: an empty endpoint keeps the peer from building chaincode images or pinging a
    // Docker daemon in its health check; chaincode runs only through the external builders.
    vm: { endpoint: '' },
    chaincode: {
      builder: '$(DOCKER_NS)/fabric-ccenv:$(TWO_DIGIT_VERSION)',
      pull: false,
      golang: { runtime: '$(DOCKER_NS)/fabric-baseos:$(TWO_DIGIT_VERSION)', dynamicLink: false },
      java: { runtime: '$(DOCKER_NS)/fabric-javaenv:$(TWO_DIGIT_VERSION)' },
      node: { runtime: '$(DOCKER_NS)/fabric-nodeenv:$(TWO_DIGIT_VERSION)' },
      externalBuilders: p.builders.map((b) => ({ name: b.name, path: b.path, propagateEnvironment: b.env || [] })),
      installTimeout: '300s',
      startuptimeout: '300s',
      executetimeout: '30s',
      mode: 'net',
      keepalive: 0,
      system: { _lifecycle: 'enable', cscc: 'enable', lscc: 'enable', qscc: 'enable' },
      logging: { level: 'info', shim: 'warning', format: '%{time:2006-01-02 15:04:05.000} [%{module}] %{shortfunc} -> %{level:.4s} %{message}' },
    },
    ledger: {
      state: { stateDatabase: 'goleveldb', totalQueryLimit: 100000 },
      history: { enableHistoryDatabase: true },
      pvtdataStore: {
        collElgProcMaxDbBatchSize: 5000,
        collElgProcDbBatchesInterval: 1000,
        deprioritizedDataReconcilerInterval: '60m',
        purgeInterval: 100,
        purgedKeyAuditLogging: true,
      },
      snapshots: { rootDir: `${p.data}/snapshots` },
    },
    operations: {
      listenAddress: `${p.listenHost}:${peer.opsPort}`,
      tls: { enabled: false, clientAuthRequired: false, clientRootCAs: { files: [] } },
    },
    metrics: { provider: 'prometheus' },
  };
}

function ordererYaml(topo, orderer, p) {
  return {
    General: {
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
      BCCSP: { Default: 'SW', SW: { Hash: 'SHA2', Security: 256, FileKeyStore: { KeyStore: null } } },
      Authentication: { TimeWindow: '15m' },
    },
    FileLedger: { Location: `${p.data}/ledger` },
    Debug: { BroadcastTraceDir: null, DeliverTraceDir: null },
    Operations: {
      ListenAddress: `${p.listenHost}:${orderer.opsPort}`,
      TLS: { Enabled: false, ClientAuthRequired: false, ClientRootCAs: [] },
    },
    Metrics: { Provider: 'prometheus' },
    Admin: {
      ListenAddress: `${p.listenHost}:${orderer.adminPort}`,
      TLS: {
        Enabled: true,
        Certificate: `${p.tls}/server.crt`,
        PrivateKey: `${p.tls}/server.key`,
        RootCAs: [`${p.tls}/ca.crt`],
        ClientAuthRequired: true,
        ClientRootCAs: [`${p.tls}/ca.crt`],
      },
    },
    ChannelParticipation: { Enabled: true, MaxRequestBodySize: '1 MB' },
    Consensus: { WALDir: `${p.data}/etcdraft/wal`, SnapDir: `${p.data}/etcdraft/snapshot` },
  };
}

/** Production CA of one organisation: Fabric CA registers every configured user of the org with
 * role/district/level attributes marked ecert:true, so enrolment certificates carry them exactly
 * as the development certificates issued by lib/identities.js do. */
function fabricCaServerConfig(topo, org, port) {
  const users = topo.users.filter((u) => u.org === org.mspId);
  return {
    version: '1.5.7',
    port,
    cors: { enabled: false, origins: ['*'] },
    debug: false,
    crlsizelimit: 512000,
    tls: { enabled: true, certfile: null, keyfile: null, clientauth: { type: 'noclientcert', certfiles: null } },
    ca: { name: `ca-${org.label}`, keyfile: null, certfile: null, chainfile: null },
    crl: { expiry: '24h' },
    registry: {
      maxenrollments: -1,
      identities: [
        {
          name: 'admin',
          pass: 'CHANGE-ME-admin',
          type: 'client',
          affiliation: '',
          attrs: {
            'hf.Registrar.Roles': '*',
            'hf.Registrar.DelegateRoles': '*',
            'hf.Revoker': true,
            'hf.IntermediateCA': true,
            'hf.GenCRL': true,
            'hf.Registrar.Attributes': 'role,district,level,hf.*',
            'hf.AffiliationMgr': true,
          },
        },
        { name: `${org.peer.name}`, pass: 'CHANGE-ME-peer', type: 'peer', affiliation: '', attrs: {} },
        ...users.map((u) => ({
          name: u.id,
          pass: `CHANGE-ME-${u.id}`,
          type: 'client',
          affiliation: '',
          // Registered attributes with ecert:true are put into every enrolment certificate
          // (X.509 extension 1.2.3.4.5.6.7.8.1, JSON {"attrs":{…}}) — the chaincode reads them.
          attrs: [
            { name: 'role', value: u.role, ecert: true },
            { name: 'district', value: u.district, ecert: true },
            { name: 'level', value: u.level, ecert: true },
          ],
        })),
      ],
    },
    db: { type: 'sqlite3', datasource: 'fabric-ca-server.db', tls: { enabled: false } },
    affiliations: {},
    signing: {
      default: { usage: ['digital signature'], expiry: '8760h' },
      profiles: {
        ca: { usage: ['cert sign', 'crl sign'], expiry: '43800h', caconstraint: { isca: true, maxpathlen: 0 } },
        tls: { usage: ['signing', 'key encipherment', 'server auth', 'client auth', 'key agreement'], expiry: '8760h' },
      },
    },
    csr: {
      cn: `ca.${org.domain}`,
      keyrequest: { algo: 'ecdsa', size: 256 },
      names: [{ C: 'CN', O: org.mspId, OU: null }],
      hosts: [`ca.${org.domain}`, 'localhost'],
      ca: { expiry: '131400h', pathlength: 1 },
    },
    idemix: { curve: 'amcl.Fp256bn' },
    bccsp: { default: 'SW', sw: { hash: 'SHA2', security: 256, filekeystore: { keystore: 'msp/keystore' } } },
    cacount: null,
    cafiles: null,
    intermediate: { parentserver: { url: null, caname: null }, enrollment: { hosts: null, profile: null, label: null }, tls: { certfiles: null, client: { certfile: null, keyfile: null } } },
    cfg: { identities: { passwordattempts: 10 } },
    operations: { listenAddress: `127.0.0.1:${port + 1000}`, tls: { enabled: false } },
    metrics: { provider: 'disabled' },
  };
}

module.exports = { cryptoConfig, configtx, coreYaml, ordererYaml, fabricCaServerConfig, profileName, hostPart };
