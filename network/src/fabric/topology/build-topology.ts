import * as path from 'node:path';
import { DEFAULT_NETWORK_CONFIG, loadNetworkConfig } from '../../config/load';
import { channelMembers } from '../../config/membership';
import type { NetworkConfig, Organisation } from '../../config/types';
import { endorsementPolicy } from './endorsement-policy';
import { peerOrg } from './endorsers';
import { orgLabel } from './org-label';
import { endpointOf, PortAllocator } from './port-allocator';
import type { FabricChannel, FabricTarget, FabricUser, OrdererOrg, PeerOrg, Topology } from './types';

export const DOMAIN = 'cargotrace.local';
export const CHAINCODE_NAME = 'cargotrace';
const ORDERER_COUNT = 3;

export interface TopologyOptions {
  /** Network configuration file; network/config/network.json by default. */
  configFile?: string;
  target?: FabricTarget;
  /** First port (7050 by default); every node takes a block of 10. */
  portBase?: number | string;
}

function ordererOrg(target: FabricTarget, ports: PortAllocator): OrdererOrg {
  const domain = `orderer.${DOMAIN}`;
  const orderers = Array.from({ length: ORDERER_COUNT }, (_, i) => {
    const port = ports.nextBlock();
    const host = `orderer${i}.${domain}`;
    return {
      name: `orderer${i}`,
      host,
      port,
      adminPort: port + 1,
      opsPort: port + 2,
      endpoint: endpointOf(target, host, port),
      adminEndpoint: endpointOf(target, host, port + 1),
    };
  });
  return { mspId: 'OrdererMSP', label: 'orderer', domain, name: 'CargoTrace ordering service (operated for GACC)', orderers };
}

function peerOrgOf(o: Organisation, target: FabricTarget, ports: PortAllocator): PeerOrg {
  const label = orgLabel(o.mspId);
  const domain = `${label}.${DOMAIN}`;
  const port = ports.nextBlock();
  const host = `peer0.${domain}`;
  const peer = {
    name: 'peer0',
    host,
    port,
    chaincodePort: port + 1,
    opsPort: port + 2,
    endpoint: endpointOf(target, host, port),
    chaincodeEndpoint: endpointOf(target, host, port + 1),
  };
  return { mspId: o.mspId, name: o.name, kind: o.kind, label, domain, peer };
}

function fabricChannels(config: NetworkConfig, orgs: PeerOrg[]): FabricChannel[] {
  const byMsp = new Map(orgs.map((o) => [o.mspId, o]));
  return config.channels.map((c) => {
    const members = channelMembers(config, c.name);
    const memberOrgs = members.map((m) => byMsp.get(m)).filter((o): o is PeerOrg => o !== undefined);
    return { name: c.name, kind: c.kind, district: c.district, members, endorsement: endorsementPolicy(config, c, memberOrgs) };
  });
}

/**
 * Fabric topology derived from the one network configuration (network/config/network.json):
 * one peer organisation per configured organisation, one orderer organisation with three Raft
 * orderers, one channel per configured channel with the members the embedded ledger uses, and
 * the endorsement policy of each channel. Ports are handed out in that order: orderers, peers,
 * then the chaincode server.
 */
export function buildTopology(opts: TopologyOptions = {}): Topology {
  const configFile = path.resolve(opts.configFile ?? DEFAULT_NETWORK_CONFIG);
  const config = loadNetworkConfig(configFile);
  const target = opts.target ?? 'native';
  const ports = new PortAllocator(Number(opts.portBase ?? 7050));
  const orderers = ordererOrg(target, ports);
  const orgs = config.organisations.map((o) => peerOrgOf(o, target, ports));
  const ccaasPort = ports.nextBlock();
  const ccaasHost = `cargotrace-ccaas.${DOMAIN}`;
  const users: FabricUser[] = config.users.map((u) => ({ ...u, orgLabel: peerOrg(orgs, u.org).label }));
  return {
    configFile,
    config,
    target,
    domain: DOMAIN,
    chaincodeName: CHAINCODE_NAME,
    ordererOrg: orderers,
    orgs,
    channels: fabricChannels(config, orgs),
    users,
    ccaas: { port: ccaasPort, host: ccaasHost, endpoint: endpointOf(target, ccaasHost, ccaasPort) },
  };
}
