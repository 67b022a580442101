import type { FabricUser, PeerOrg, Topology } from '../topology/types';

const REGISTRAR_ATTRS = {
  'hf.Registrar.Roles': '*',
  'hf.Registrar.DelegateRoles': '*',
  'hf.Revoker': true,
  'hf.IntermediateCA': true,
  'hf.GenCRL': true,
  'hf.Registrar.Attributes': 'role,district,level,hf.*',
  'hf.AffiliationMgr': true,
};

function registeredUser(u: FabricUser) {
  return {
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
  };
}

function registry(topo: Topology, org: PeerOrg) {
  const users = topo.users.filter((u) => u.org === org.mspId);
  return {
    maxenrollments: -1,
    identities: [
      { name: 'admin', pass: 'CHANGE-ME-admin', type: 'client', affiliation: '', attrs: REGISTRAR_ATTRS },
      { name: org.peer.name, pass: 'CHANGE-ME-peer', type: 'peer', affiliation: '', attrs: {} },
      ...users.map(registeredUser),
    ],
  };
}

const SIGNING = {
  default: { usage: ['digital signature'], expiry: '8760h' },
  profiles: {
    ca: { usage: ['cert sign', 'crl sign'], expiry: '43800h', caconstraint: { isca: true, maxpathlen: 0 } },
    tls: { usage: ['signing', 'key encipherment', 'server auth', 'client auth', 'key agreement'], expiry: '8760h' },
  },
};

const INTERMEDIATE = {
  parentserver: { url: null, caname: null },
  enrollment: { hosts: null, profile: null, label: null },
  tls: { certfiles: null, client: { certfile: null, keyfile: null } },
};

function csr(org: PeerOrg) {
  return {
    cn: `ca.${org.domain}`,
    keyrequest: { algo: 'ecdsa', size: 256 },
    names: [{ C: 'CN', O: org.mspId, OU: null }],
    hosts: [`ca.${org.domain}`, 'localhost'],
    ca: { expiry: '131400h', pathlength: 1 },
  };
}

/** Production CA of one organisation: Fabric CA registers every configured user of the org with
 * role/district/level attributes marked ecert:true, so enrolment certificates carry them exactly
 * as the development certificates issued by identities/issue-users.ts do. */
export function fabricCaServerConfig(topo: Topology, org: PeerOrg, port: number) {
  return {
    version: '1.5.7',
    port,
    cors: { enabled: false, origins: ['*'] },
    debug: false,
    crlsizelimit: 512000,
    tls: { enabled: true, certfile: null, keyfile: null, clientauth: { type: 'noclientcert', certfiles: null } },
    ca: { name: `ca-${org.label}`, keyfile: null, certfile: null, chainfile: null },
    crl: { expiry: '24h' },
    registry: registry(topo, org),
    db: { type: 'sqlite3', datasource: 'fabric-ca-server.db', tls: { enabled: false } },
    affiliations: {},
    signing: SIGNING,
    csr: csr(org),
    idemix: { curve: 'amcl.Fp256bn' },
    bccsp: { default: 'SW', sw: { hash: 'SHA2', security: 256, filekeystore: { keystore: 'msp/keystore' } } },
    cacount: null,
    cafiles: null,
    intermediate: INTERMEDIATE,
    cfg: { identities: { passwordattempts: 10 } },
    operations: { listenAddress: `127.0.0.1:${port + 1000}`, tls: { enabled: false } },
    metrics: { provider: 'disabled' },
  };
}
