'use strict';
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
const IMAGE_TAG = '2.5';

/** @param workExpr the work dir as written into the file: a literal path, or
 *   '${CARGOTRACE_FABRIC_WORK}' for the checked-in copy */
function composeFile(topo, workExpr) {
  const vol = [`${workExpr}:${workExpr}`];
  const services = {};
  const oo = topo.ordererOrg;
  for (const o of oo.orderers) {
    services[o.host] = {
      image: `hyperledger/fabric-orderer:${IMAGE_TAG}`,
      container_name: o.host,
      hostname: o.host,
      command: 'orderer',
      environment: [`FABRIC_CFG_PATH=${workExpr}/nodes/${o.host}`, 'FABRIC_LOGGING_SPEC=info'],
      volumes: vol,
      ports: [o.port, o.adminPort, o.opsPort].map((p) => `127.0.0.1:${p}:${p}`),
      networks: ['cargotrace'],
    };
  }
  for (const org of topo.orgs) {
    const host = `${org.peer.name}.${org.domain}`;
    services[host] = {
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
      volumes: vol,
      ports: [org.peer.port, org.peer.chaincodePort, org.peer.opsPort].map((p) => `127.0.0.1:${p}:${p}`),
      depends_on: oo.orderers.map((o) => o.host),
      networks: ['cargotrace'],
    };
  }
  services.cli = {
    image: `hyperledger/fabric-tools:${IMAGE_TAG}`,
    container_name: 'cargotrace-cli',
    command: 'sleep infinity',
    // Files the CLI writes (crypto material, blocks) stay readable by the host user.
    user: '${CARGOTRACE_UID:-0}:${CARGOTRACE_GID:-0}',
    working_dir: workExpr,
    volumes: vol,
    networks: ['cargotrace'],
  };
  services[topo.ccaas.host] = {
    image: 'node:20-bookworm-slim',
    container_name: topo.ccaas.host,
    hostname: topo.ccaas.host,
    // Started by up.sh once the package id is known (profile keeps `up` from starting it early).
    profiles: ['chaincode'],
    working_dir: `${workExpr}/chaincode/server`,
    command: `node node_modules/fabric-shim/cli.js server --chaincode-address 0.0.0.0:${topo.ccaas.port} --chaincode-id \${CHAINCODE_ID:?package id}`,
    environment: ['CORE_PEER_TLS_ENABLED=false'],
    volumes: vol,
    ports: [`127.0.0.1:${topo.ccaas.port}:${topo.ccaas.port}`],
    networks: ['cargotrace'],
  };
  return { name: 'cargotrace', services, networks: { cargotrace: { name: 'cargotrace' } } };
}

module.exports = { composeFile, IMAGE_TAG };
