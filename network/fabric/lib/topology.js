'use strict';
/**
 * Fabric topology derived from the one network configuration (network/config/network.json):
 * one peer organisation per configured organisation, one orderer organisation with three Raft
 * orderers, one channel per configured channel with the members the embedded ledger uses, and
 * the endorsement policy of each channel. Everything the generator and the shell scripts need
 * (names, hosts, ports, paths) is computed here, once.
 */
const path = require('node:path');
const fs = require('node:fs');

const NETWORK_DIR = path.resolve(__dirname, '../..');
const DEFAULT_CONFIG = path.join(NETWORK_DIR, 'config/network.json');

/** Loads the compiled configuration helpers of the network workspace (validation, membership,
 * channel districts) so that Fabric and the embedded ledger agree by construction. */
function configModule() {
  const dist = path.join(NETWORK_DIR, 'dist/config');
  if (!fs.existsSync(path.join(dist, 'membership.js'))) {
    throw new Error(`${dist} is missing: build the network workspace first (npx tsc -b network)`);
  }
  return {
    load: require(path.join(dist, 'load.js')),
    membership: require(path.join(dist, 'membership.js')),
    channelDistricts: require(path.join(dist, 'channel-districts.js')),
  };
}

const DOMAIN = 'cargotrace.local';
const CHAINCODE_NAME = 'cargotrace';

/** Short lower-case DNS label for an MSP id: ShanghaiCustomsMSP -> shanghaicustoms. */
function orgLabel(mspId) {
  return mspId.replace(/MSP$/, '').toLowerCase().replace(/[^a-z0-9-]/g, '');
}

/**
 * @param {object} opts
 * @param {string} [opts.configFile]
 * @param {'native'|'docker'} [opts.target] native: every endpoint is 127.0.0.1:<port>; docker:
 *   container host names with the same (published) ports.
 * @param {number} [opts.portBase] first port; every node takes a block of 10.
 */
function buildTopology(opts = {}) {
  const mod = configModule();
  const configFile = path.resolve(opts.configFile || DEFAULT_CONFIG);
  const config = mod.load.loadNetworkConfig(configFile);
  const target = opts.target || 'native';
  const portBase = Number(opts.portBase || 7050);
  let block = 0;
  const nextBlock = () => portBase + 10 * block++;

  const hostOf = (host, port) => (target === 'native' ? `127.0.0.1:${port}` : `${host}:${port}`);

  const ordererOrg = {
    mspId: 'OrdererMSP',
    label: 'orderer',
    domain: `orderer.${DOMAIN}`,
    name: 'CargoTrace ordering service (operated for GACC)',
    orderers: [],
  };
  for (let i = 0; i < 3; i++) {
    const b = nextBlock();
    const host = `orderer${i}.${ordererOrg.domain}`;
    ordererOrg.orderers.push({
      name: `orderer${i}`,
      host,
      port: b,
      adminPort: b + 1,
      opsPort: b + 2,
      endpoint: hostOf(host, b),
      adminEndpoint: hostOf(host, b + 1),
    });
  }

  const orgs = config.organisations.map((o) => {
    const label = orgLabel(o.mspId);
    const domain = `${label}.${DOMAIN}`;
    const b = nextBlock();
    const host = `peer0.${domain}`;
    return {
      mspId: o.mspId,
      name: o.name,
      kind: o.kind,
      label,
      domain,
      peer: {
        name: 'peer0',
        host,
        port: b,
        chaincodePort: b + 1,
        opsPort: b + 2,
        endpoint: hostOf(host, b),
        chaincodeEndpoint: hostOf(host, b + 1),
      },
    };
  });
  const byMsp = new Map(orgs.map((o) => [o.mspId, o]));
  const ccaasPort = nextBlock();

  const channels = config.channels.map((c) => {
    const members = mod.membership.channelMembers(config, c.name);
    const memberOrgs = members.map((m) => byMsp.get(m));
    return {
      name: c.name,
      kind: c.kind,
      district: c.district,
      members,
      endorsement: endorsementPolicy(config, c, memberOrgs),
    };
  });

  const users = config.users.map((u) => ({ ...u, orgLabel: byMsp.get(u.org).label }));

  return {
    configFile,
    config,
    target,
    domain: DOMAIN,
    chaincodeName: CHAINCODE_NAME,
    ordererOrg,
    orgs,
    channels,
    users,
    ccaas: { port: ccaasPort, host: `cargotrace-ccaas.${DOMAIN}`, endpoint: hostOf(`cargotrace-ccaas.${DOMAIN}`, ccaasPort) },
    channelDistricts: (name) => mod.channelDistricts.channelDistricts(config, name),
  };
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
function endorsementPolicy(config, channel, memberOrgs) {
  const p = (o) => `'${o.mspId}.peer'`;
  const gacc = memberOrgs.filter((o) => o.kind === 'gacc');
  if (channel.kind === 'mutual-recognition') {
    const others = memberOrgs.filter((o) => o.kind !== 'gacc');
    if (gacc.length === 0 || others.length === 0) return `OR(${memberOrgs.map(p).join(',')})`;
    return `AND(${gacc.length === 1 ? p(gacc[0]) : `OR(${gacc.map(p).join(',')})`},OR(${others.map(p).join(',')}))`;
  }
  const districtCustoms = memberOrgs.filter((o) => o.kind === 'customs' && configOrg(config, o.mspId).districts.includes(channel.district));
  const authorities = [...gacc, ...districtCustoms];
  if (authorities.length === 0 || memberOrgs.length < 2) return `OR(${memberOrgs.map(p).join(',')})`;
  const terms = [];
  const seen = new Set();
  for (const a of authorities) {
    for (const other of memberOrgs) {
      if (other.mspId === a.mspId) continue;
      const key = [a.mspId, other.mspId].sort().join('+');
      if (seen.has(key)) continue;
      seen.add(key);
      terms.push(`AND(${p(a)},${p(other)})`);
    }
  }
  return terms.length === 1 ? terms[0] : `OR(${terms.join(',')})`;
}

/** Two organisations whose peers satisfy a channel's endorsement policy: GACC plus the channel's
 * customs authority (or, failing that, another member). Used for peer CLI invocations. */
function pickEndorsers(topo, channel) {
  const members = channel.members.map((m) => topo.orgs.find((o) => o.mspId === m));
  const gacc = members.find((o) => o.kind === 'gacc');
  const customs = members.find(
    (o) => o.kind === 'customs' && (channel.kind !== 'district' || configOrg(topo.config, o.mspId).districts.includes(channel.district)),
  );
  return [gacc, customs || members.find((o) => o !== gacc)].filter(Boolean).map((o) => o.mspId);
}

function configOrg(config, mspId) {
  return config.organisations.find((o) => o.mspId === mspId);
}

module.exports = { buildTopology, pickEndorsers, orgLabel, NETWORK_DIR, DEFAULT_CONFIG, CHAINCODE_NAME };
