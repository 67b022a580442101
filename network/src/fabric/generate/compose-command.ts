import * as path from 'node:path';
import { flag, type CliArgs } from '../cli-args';
import { FABRIC_DIR, GENERATED_HEADER } from '../paths';
import { composeFile } from '../render/docker-compose';
import { buildTopology } from '../topology/build-topology';
import { toYaml } from '../yaml';
import { writeFile } from './write-file';

const HOW_TO = 'Regenerate: node network/dist/fabric/generate.js compose. Use through FABRIC_TARGET=docker network/fabric/up.sh.';

/** `generate compose [--out FILE]`: the checked-in network/fabric/docker/docker-compose.yaml.
 * The work dir is left to the environment (CARGOTRACE_FABRIC_WORK); `FABRIC_TARGET=docker
 * up.sh` writes its own copy. */
export function generateCompose(args: CliArgs): void {
  const topo = buildTopology({ configFile: flag(args, 'config'), portBase: flag(args, 'port-base'), target: 'docker' });
  const out = path.resolve(flag(args, 'out') ?? path.join(FABRIC_DIR, 'docker/docker-compose.yaml'));
  writeFile(out, toYaml(composeFile(topo, '${CARGOTRACE_FABRIC_WORK}'), `${GENERATED_HEADER}\n${HOW_TO}`));
  process.stdout.write(`wrote ${out}\n`);
}
