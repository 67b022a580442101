import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PeerOrg, Topology } from './topology/types';

/**
 * Connection profiles (one per organisation, fabric-network format) and the gateway manifest
 * that names them, the wallet and the users (FABRIC_GATEWAY_CONFIG=<work>/gateway/fabric-gateway.json).
 */

/** Endpoint as a client outside the network dials it: native nodes listen on 127.0.0.1; docker
 * nodes publish the same ports on the host, so clients dial localhost either way. */
function clientUrl(port: number): string {
  return `grpcs://localhost:${port}`;
}

const GRPC_OPTIONS = { 'ssl-target-name-override': 'localhost' };

const peerHost = (org: PeerOrg): string => `${org.peer.name}.${org.domain}`;

function ordererEntries(topo: Topology, cryptoDir: string) {
  const oo = topo.ordererOrg;
  const pem = fs.readFileSync(path.join(cryptoDir, 'ordererOrganizations', oo.domain, 'tlsca', `tlsca.${oo.domain}-cert.pem`), 'utf8');
  return Object.fromEntries(oo.orderers.map((o) => [o.host, { url: clientUrl(o.port), tlsCACerts: { pem }, grpcOptions: GRPC_OPTIONS }]));
}

function peerEntry(org: PeerOrg, cryptoDir: string) {
  const pem = fs.readFileSync(path.join(cryptoDir, 'peerOrganizations', org.domain, 'tlsca', `tlsca.${org.domain}-cert.pem`), 'utf8');
  return { url: clientUrl(org.peer.port), tlsCACerts: { pem }, grpcOptions: GRPC_OPTIONS };
}

function orgChannels(topo: Topology, org: PeerOrg) {
  const channels = topo.channels.filter((c) => c.members.includes(org.mspId));
  const entry = {
    orderers: topo.ordererOrg.orderers.map((o) => o.host),
    peers: { [peerHost(org)]: { endorsingPeer: true, chaincodeQuery: true, ledgerQuery: true, eventSource: true } },
  };
  return Object.fromEntries(channels.map((ch) => [ch.name, entry]));
}

function connectionProfile(topo: Topology, org: PeerOrg, cryptoDir: string, orderers: ReturnType<typeof ordererEntries>) {
  return {
    name: `${topo.config.name}-${org.label}`,
    version: '1.0.0',
    client: {
      organization: org.mspId,
      connection: { timeout: { peer: { endorser: '300' }, orderer: '300' } },
    },
    channels: orgChannels(topo, org),
    organizations: { [org.mspId]: { mspid: org.mspId, peers: [peerHost(org)] } },
    orderers,
    peers: { [peerHost(org)]: peerEntry(org, cryptoDir) },
  };
}

function gatewayManifest(topo: Topology, walletDir: string, profiles: Record<string, string>) {
  return {
    network: topo.config.name,
    configFile: topo.configFile,
    chaincode: topo.chaincodeName,
    walletPath: walletDir,
    asLocalhost: true,
    channels: topo.channels.map((c) => ({
      name: c.name,
      kind: c.kind,
      district: c.district,
      members: c.members,
      endorsementPolicy: c.endorsement,
    })),
    connectionProfiles: profiles,
    users: Object.fromEntries(topo.users.map((u) => [u.id, { mspId: u.org, walletLabel: u.id }])),
  };
}

/** Writes connection-<org>.json per organisation and fabric-gateway.json into outDir; returns
 * the manifest's path. */
export function writeProfiles(topo: Topology, cryptoDir: string, outDir: string, walletDir: string): string {
  fs.mkdirSync(outDir, { recursive: true });
  const orderers = ordererEntries(topo, cryptoDir);
  const profiles: Record<string, string> = {};
  for (const org of topo.orgs) {
    const file = path.join(outDir, `connection-${org.label}.json`);
    fs.writeFileSync(file, JSON.stringify(connectionProfile(topo, org, cryptoDir, orderers), null, 2));
    profiles[org.mspId] = file;
  }
  const manifestFile = path.join(outDir, 'fabric-gateway.json');
  fs.writeFileSync(manifestFile, JSON.stringify(gatewayManifest(topo, walletDir, profiles), null, 2));
  return manifestFile;
}
