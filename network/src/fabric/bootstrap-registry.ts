#!/usr/bin/env node
/**
 * Fills each channel's on-ledger registry on the running Fabric network with the project's
 * bootstrapRegistry (network/src/bootstrap/registry-bootstrap.ts), invoking the chaincode
 * through the peer CLI as the GACC `gateway-service` identity (its certificate carries
 * role=service, district=0000, level=national). Idempotent: channels with a registry are skipped.
 *
 *   node network/dist/fabric/bootstrap-registry.js [--work DIR] [--config FILE] [--port-base N]
 */
import * as path from 'node:path';
import { bootstrapRegistry } from '../bootstrap/registry-bootstrap';
import { flag, parseCliArgs } from './cli-args';
import { FABRIC_DIR } from './paths';
import { peerCliInvoker } from './registry/peer-cli-invoker';
import { buildTopology } from './topology/build-topology';
import { runCli } from './run-cli';

runCli('bootstrap-registry', async () => {
  const args = parseCliArgs(process.argv.slice(2));
  const work = path.resolve(flag(args, 'work') ?? path.join(FABRIC_DIR, '.run'));
  const target = process.env.FABRIC_TARGET === 'docker' ? 'docker' : 'native';
  const topo = buildTopology({ configFile: flag(args, 'config'), portBase: flag(args, 'port-base'), target });
  const done = await bootstrapRegistry(peerCliInvoker(topo, work), topo.config);
  process.stdout.write(`registry bootstrapped on: ${done.join(', ') || '(all channels already had a registry)'}\n`);
});
