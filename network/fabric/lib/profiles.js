'use strict';
/**
 * Connection profiles (Fabric common connection profile, JSON) per organisation, and the gateway
 * manifest fabric-gateway.json that the gateway's Fabric backend reads (LEDGER=fabric,
 * FABRIC_GATEWAY_CONFIG=<work>/gateway/fabric-gateway.json).
 */
const fs = require('node:fs');
const path = require('node:path');

function readPem(file) {
  return fs.readFileSync(file, 'utf8');
}

/** Endpoint as a client outside the network dials it: native nodes listen on 127.0.0.1; docker
 * nodes publish the same ports on the host, so clients dial localhost either way. */
function clientUrl(port) {
  return `grpcs://localhost:${port}`;
}

function writeProfiles(topo, cryptoDir, outDir, walletDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const oo = topo.ordererOrg;
  const orderers = {};
  for (const o of oo.orderers) {
    orderers[o.host] = {
      url: clientUrl(o.port),
      tlsCACerts: { pem: readPem(path.join(cryptoDir, 'ordererOrganizations', oo.domain, 'tlsca', `tlsca.${oo.domain}-cert.pem`)) },
      grpcOptions: { 'ssl-target-name-override': 'localhost' },
    };
  }
  const peerEntry = (org) => ({
    url: clientUrl(org.peer.port),
    tlsCACerts: { pem: readPem(path.join(cryptoDir, 'peerOrganizations', org.domain, 'tlsca', `tlsca.${org.domain}-cert.pem`)) },
    grpcOptions: { 'ssl-target-name-override': 'localhost' },
  });
  const profiles = {};
  for (const org of topo.orgs) {
    const channels = {};
    for (const ch of topo.channels.filter((c) => c.members.includes(org.mspId))) {
      channels[ch.name] = {
        orderers: oo.orderers.map((o) => o.host),
        peers: { [`${org.peer.name}.${org.domain}`]: { endorsingPeer: true, chaincodeQuery: true, ledgerQuery: true, eventSource: true } },
      };
    }
    const profile = {
      name: `${topo.config.name}-${org.label}`,
      version: '1.0.0',
      client: {
        organization: org.mspId,
        connection: { timeout: { peer: { endorser: '300' }, orderer: '300' } },
      },
      channels,
      organizations: {
        [org.mspId]: { mspid: org.mspId, peers: [`${org.peer.name}.${org.domain}`] },
      },
      orderers,
      peers: { [`${org.peer.name}.${org.domain}`]: peerEntry(org) },
    };
    const file = path.join(outDir, `connection-${org.label}.json`);
    fs.writeFileSync(file, JSON.stringify(profile, null, 2));
    profiles[org.mspId] = file;
  }
  const manifest = {
    network: topo.config.name,
    configFile: topo.configFile,
    chaincode: topo.chaincodeName,
    walletPath: walletDir,
    asLocalhost: true,
    channels: topo.channels.map((c) => ({ name: c.name, kind: c.kind, district: c.district, members: c.members, endorsementPolicy: c.endorsement })),
    connectionProfiles: profiles,
    users: Object.fromEntries(topo.users.map((u) => [u.id, { mspId: u.org, walletLabel: u.id }])),
  };
  const manifestFile = path.join(outDir, 'fabric-gateway.json');
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  return manifestFile;
}

module.exports = { writeProfiles };
