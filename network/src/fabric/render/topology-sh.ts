import { pickEndorsers } from '../topology/endorsers';
import type { Topology } from '../topology/types';
import { profileName } from './configtx';

/** A word for bash, single-quoted. */
function shQuote(s: string | number): string {
  return `'${String(s).replace(/'/g, `'\\''`)}'`;
}

/** A global bash associative array. */
function assoc(name: string, entries: [string, string | number][]): string {
  return `declare -gA ${name}=(${entries.map(([k, v]) => `[${k}]=${shQuote(v)}`).join(' ')})\n`;
}

function ordererVariables(topo: Topology): string {
  const oo = topo.ordererOrg;
  return (
    `ORDERERS=(${oo.orderers.map((x) => x.name).join(' ')})\n` +
    assoc(
      'O_HOST',
      oo.orderers.map((x) => [x.name, x.host]),
    ) +
    assoc(
      'O_ADDR',
      oo.orderers.map((x) => [x.name, x.endpoint]),
    ) +
    assoc(
      'O_ADMIN',
      oo.orderers.map((x) => [x.name, x.adminEndpoint]),
    )
  );
}

function orgVariables(topo: Topology): string {
  return (
    `ORGS=(${topo.orgs.map((x) => x.mspId).join(' ')})\n` +
    assoc(
      'ORG_DOMAIN',
      topo.orgs.map((x) => [x.mspId, x.domain]),
    ) +
    assoc(
      'ORG_LABEL',
      topo.orgs.map((x) => [x.mspId, x.label]),
    ) +
    assoc(
      'ORG_KIND',
      topo.orgs.map((x) => [x.mspId, x.kind]),
    ) +
    assoc(
      'PEER_HOST',
      topo.orgs.map((x) => [x.mspId, `${x.peer.name}.${x.domain}`]),
    ) +
    assoc(
      'PEER_ADDR',
      topo.orgs.map((x) => [x.mspId, x.peer.endpoint]),
    )
  );
}

function channelVariables(topo: Topology): string {
  return (
    `CHANNELS=(${topo.channels.map((c) => c.name).join(' ')})\n` +
    assoc(
      'CH_MEMBERS',
      topo.channels.map((c) => [c.name, c.members.join(' ')]),
    ) +
    assoc(
      'CH_POLICY',
      topo.channels.map((c) => [c.name, c.endorsement]),
    ) +
    assoc(
      'CH_PROFILE',
      topo.channels.map((c) => [c.name, profileName(c.name)]),
    ) +
    // Two endorsers that satisfy each channel's policy (GACC + a customs authority / member), for
    // invocations through the peer CLI (the registry bootstrap).
    assoc(
      'CH_ENDORSERS',
      topo.channels.map((c) => [c.name, pickEndorsers(topo, c).join(' ')]),
    )
  );
}

/** Every port the network listens on, for up.sh's free-port check and down.sh's closed check. */
function allPorts(topo: Topology): number[] {
  const ports: number[] = [];
  for (const x of topo.ordererOrg.orderers) ports.push(x.port, x.adminPort, x.opsPort);
  for (const x of topo.orgs) ports.push(x.peer.port, x.peer.chaincodePort, x.peer.opsPort);
  ports.push(topo.ccaas.port);
  return ports;
}

/** topology.sh: the topology as bash variables, sourced by up.sh and down.sh. */
export function topologySh(topo: Topology, work: string, header: string): string {
  return (
    `# ${header}\n` +
    `TARGET=${shQuote(topo.target)}\nWORK=${shQuote(work)}\nCC_NAME=${shQuote(topo.chaincodeName)}\nORDERER_DOMAIN=${shQuote(topo.ordererOrg.domain)}\n` +
    ordererVariables(topo) +
    orgVariables(topo) +
    channelVariables(topo) +
    `CCAAS_ADDR=${shQuote(topo.ccaas.endpoint)}\nCCAAS_PORT=${topo.ccaas.port}\nCCAAS_HOST=${shQuote(topo.ccaas.host)}\n` +
    `ALL_PORTS=(${allPorts(topo).join(' ')})\n`
  );
}
