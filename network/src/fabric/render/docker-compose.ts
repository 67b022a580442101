import type { OrdererNode, PeerOrg, Topology } from '../topology/types';

/**
 * docker compose file for machines with Docker: the official hyperledger/fabric-orderer:2.5 and
 * fabric-peer:2.5 images, fabric-tools:2.5 as the CLI container, and the chaincode as a service in
 * a node:20 container (the peer image has no Node runtime; it ships Fabric's ccaas builder at
 * /opt/hyperledger/ccaas_builder). Same topology, ports, channels and policies as the native run.
 *
 * The work dir is mounted at the same absolute path in every container, so the generated
 * core.yaml / orderer.yaml / configtx.yaml paths hold inside and outside the containers.
 * Ports are published on 127.0.0.1 only; the containers talk to each other by host name on the
 * `cargotrace` network, and clients on the host dial localhost:<port> (asLocalhost discovery).
 */
export const IMAGE_TAG = '2.5';

const publish = (ports: number[]) => ports.map((p) => `127.0.0.1:${p}:${p}`);

function ordererService(o: OrdererNode, workExpr: string) {
  return {
    image: `hyperledger/fabric-orderer:${IMAGE_TAG}`,
    container_name: o.host,
    hostname: o.host,
    command: 'orderer',
    environment: [`FABRIC_CFG_PATH=${workExpr}/nodes/${o.host}`, 'FABRIC_LOGGING_SPEC=info'],
    volumes: [`${workExpr}:${workExpr}`],
    ports: publish([o.port, o.adminPort, o.opsPort]),
    networks: ['cargotrace'],
  };
}

function peerService(topo: Topology, org: PeerOrg, workExpr: string) {
  const host = `${org.peer.name}.${org.domain}`;
  return {
    image: `hyperledger/fabric-peer:${IMAGE_TAG}`,
    container_name: host,
    hostname: host,
    command: 'peer node start',
    environment: [
      `FABRIC_CFG_PATH=${workExpr}/nodes/${host}`,
      'FABRIC_LOGGING_SPEC=info:gossip=warning',
      // No Docker-in-Docker: chaincode runs as a service through the ccaas builder.
      'CORE_VM_ENDPOINT=',
    ],
    volumes: [`${workExpr}:${workExpr}`],
    ports: publish([org.peer.port, org.peer.chaincodePort, org.peer.opsPort]),
    depends_on: topo.ordererOrg.orderers.map((o) => o.host),
    networks: ['cargotrace'],
  };
}

function cliService(workExpr: string) {
  return {
    image: `hyperledger/fabric-tools:${IMAGE_TAG}`,
    container_name: 'cargotrace-cli',
    command: 'sleep infinity',
    // Files the CLI writes (crypto material, blocks) stay readable by the host user.
    user: '${CARGOTRACE_UID:-0}:${CARGOTRACE_GID:-0}',
    working_dir: workExpr,
    volumes: [`${workExpr}:${workExpr}`],
    networks: ['cargotrace'],
  };
}

function chaincodeService(topo: Topology, workExpr: string) {
  const { host, port } = topo.ccaas;
  return {
    image: 'node:20-bookworm-slim',
    container_name: host,
    hostname: host,
    // Started by up.sh once the package id is known (profile keeps `up` from starting it early).
    profiles: ['chaincode'],
    working_dir: `${workExpr}/chaincode/server`,
    command: `node node_modules/fabric-shim/cli.js server --chaincode-address 0.0.0.0:${port} --chaincode-id \${CHAINCODE_ID:?package id}`,
    environment: ['CORE_PEER_TLS_ENABLED=false'],
    volumes: [`${workExpr}:${workExpr}`],
    ports: publish([port]),
    networks: ['cargotrace'],
  };
}

/** @param workExpr the work dir as written into the file: a literal path, or
 *   '${CARGOTRACE_FABRIC_WORK}' for the checked-in copy */
export function composeFile(topo: Topology, workExpr: string) {
  const services: Record<string, object> = {};
  for (const o of topo.ordererOrg.orderers) services[o.host] = ordererService(o, workExpr);
  for (const org of topo.orgs) services[`${org.peer.name}.${org.domain}`] = peerService(topo, org, workExpr);
  services.cli = cliService(workExpr);
  services[topo.ccaas.host] = chaincodeService(topo, workExpr);
  return { name: 'cargotrace', services, networks: { cargotrace: { name: 'cargotrace' } } };
}
