import * as path from 'node:path';
import { flag, type CliArgs } from '../cli-args';
import { GENERATED_HEADER } from '../paths';
import { configtx } from '../render/configtx';
import { coreYaml } from '../render/core-yaml';
import { cryptoConfig } from '../render/crypto-config';
import { composeFile } from '../render/docker-compose';
import { externalBuilders } from '../render/external-builders';
import { fabricCaServerConfig } from '../render/fabric-ca-server-config';
import type { ExternalBuilder } from '../render/node-paths';
import { ordererYaml } from '../render/orderer-yaml';
import { topologySh } from '../render/topology-sh';
import { buildTopology } from '../topology/build-topology';
import type { FabricTarget, Topology } from '../topology/types';
import { toYaml } from '../yaml';
import { writeFile } from './write-file';

/** First port of the development Fabric CAs, one per organisation. */
const CA_PORT_BASE = 7500;

/** Where the generated files go and how nodes reach each other. */
interface Layout {
  work: string;
  crypto: string;
  listenHost: string;
}

function writePeerConfigs(topo: Topology, layout: Layout, builders: ExternalBuilder[]): void {
  for (const org of topo.orgs) {
    const host = `${org.peer.name}.${org.domain}`;
    const nodeDir = path.join(layout.crypto, 'peerOrganizations', org.domain, 'peers', host);
    const core = coreYaml(topo, org, {
      listenHost: layout.listenHost,
      msp: path.join(nodeDir, 'msp'),
      tls: path.join(nodeDir, 'tls'),
      data: path.join(layout.work, 'nodes', host, 'data'),
      builders,
    });
    writeFile(path.join(layout.work, 'nodes', host, 'core.yaml'), toYaml(core, GENERATED_HEADER));
  }
}

function writeOrdererConfigs(topo: Topology, layout: Layout): void {
  const oo = topo.ordererOrg;
  for (const ord of oo.orderers) {
    const nodeDir = path.join(layout.crypto, 'ordererOrganizations', oo.domain, 'orderers', ord.host);
    const y = ordererYaml(topo, ord, {
      listenHost: layout.listenHost,
      msp: path.join(nodeDir, 'msp'),
      tls: path.join(nodeDir, 'tls'),
      data: path.join(layout.work, 'nodes', ord.host, 'data'),
    });
    writeFile(path.join(layout.work, 'nodes', ord.host, 'orderer.yaml'), toYaml(y, GENERATED_HEADER));
  }
}

function writeCaConfigs(topo: Topology, work: string): void {
  topo.orgs.forEach((org, i) => {
    const config = fabricCaServerConfig(topo, org, CA_PORT_BASE + i);
    writeFile(path.join(work, 'ca', org.label, 'fabric-ca-server-config.yaml'), toYaml(config, GENERATED_HEADER));
  });
}

/**
 * `generate config --work DIR [--config FILE] [--port-base N] [--ccaas-builder DIR] [--target docker]`:
 * DIR/config/crypto-config.yaml, DIR/config/configtx.yaml, DIR/nodes/<host>/core.yaml |
 * orderer.yaml, DIR/ca/<org>/fabric-ca-server-config.yaml, DIR/topology.sh (for up.sh), and for
 * docker DIR/docker-compose.yaml.
 */
export function generateConfig(args: CliArgs): void {
  const work = path.resolve(flag(args, 'work') ?? '.');
  const target: FabricTarget = flag(args, 'target') === 'docker' ? 'docker' : 'native';
  const topo = buildTopology({ configFile: flag(args, 'config'), portBase: flag(args, 'port-base'), target });
  const layout: Layout = { work, crypto: path.join(work, 'crypto'), listenHost: target === 'docker' ? '0.0.0.0' : '127.0.0.1' };
  writeFile(path.join(work, 'config/crypto-config.yaml'), toYaml(cryptoConfig(topo), GENERATED_HEADER));
  writeFile(path.join(work, 'config/configtx.yaml'), toYaml(configtx(topo, layout.crypto), GENERATED_HEADER));
  writePeerConfigs(topo, layout, externalBuilders(target, flag(args, 'ccaas-builder') || undefined));
  writeOrdererConfigs(topo, layout);
  writeCaConfigs(topo, work);
  writeFile(path.join(work, 'topology.sh'), topologySh(topo, work, GENERATED_HEADER));
  if (target === 'docker') writeFile(path.join(work, 'docker-compose.yaml'), toYaml(composeFile(topo, work), GENERATED_HEADER));
  const counts = `${topo.orgs.length} organisations, ${topo.ordererOrg.orderers.length} orderers, ${topo.channels.length} channels`;
  process.stdout.write(`generated Fabric configuration for ${counts} in ${work}\n`);
}
