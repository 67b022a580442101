#!/usr/bin/env node
/**
 * Generator for the Fabric deployment of CargoTrace, from network/config/network.json (the one
 * network configuration the embedded ledger reads too).
 *
 *   node network/dist/fabric/generate.js config     --work DIR [--config FILE] [--port-base N] [--ccaas-builder DIR]
 *       DIR/config/crypto-config.yaml, DIR/config/configtx.yaml, DIR/nodes/<host>/core.yaml |
 *       orderer.yaml, DIR/ca/<org>/fabric-ca-server-config.yaml, DIR/topology.sh (for up.sh)
 *   node network/dist/fabric/generate.js identities --work DIR [--config FILE]
 *       after cryptogen: users with role/district/level attributes, wallet, connection profiles
 *   node network/dist/fabric/generate.js config     --target docker …  the same for containers (+ DIR/docker-compose.yaml)
 *   node network/dist/fabric/generate.js compose    [--out FILE]
 *       the checked-in docker/docker-compose.yaml (official hyperledger/fabric-* 2.5 images)
 */
import { parseCliArgs, type CliArgs } from './cli-args';
import { generateCompose } from './generate/compose-command';
import { generateConfig } from './generate/config-command';
import { generateIdentities } from './generate/identities-command';
import { runCli } from './run-cli';

const COMMANDS: Partial<Record<string, (args: CliArgs) => void | Promise<void>>> = {
  config: generateConfig,
  identities: generateIdentities,
  compose: generateCompose,
};

runCli('generate.js', async () => {
  const args = parseCliArgs(process.argv.slice(2));
  const command = COMMANDS[args.positional[0] ?? ''];
  if (command) return command(args);
  process.stderr.write('usage: generate.js config|identities|compose --work DIR [--config FILE]\n');
  process.exitCode = 2;
});
