#!/usr/bin/env node
'use strict';
/**
 * Fills each channel's on-ledger registry on the running Fabric network with the project's
 * bootstrapRegistry (network/src/bootstrap/registry-bootstrap.ts), invoking the chaincode
 * through the peer CLI as the GACC `gateway-service` identity (its certificate carries
 * role=service, district=0000, level=national). Idempotent: channels with a registry are skipped.
 *
 *   node bootstrap-registry.js [--work DIR] [--config FILE]
 */
const path = require('node:path');
const fs = require('node:fs');
const { execFile } = require('node:child_process');
const { buildTopology, pickEndorsers, NETWORK_DIR } = require('./lib/topology');

function args(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  return out;
}

/** The peer CLI, natively or (FABRIC_TARGET=docker) inside the fabric-tools container, where the
 * work dir has the same path. */
function run(cmd, argv, env) {
  if (process.env.FABRIC_TARGET === 'docker') {
    const work = path.resolve(env.CARGOTRACE_WORK);
    const envFlags = Object.entries(env)
      .filter(([k]) => k.startsWith('CORE_') || k === 'FABRIC_CFG_PATH' || k === 'FABRIC_LOGGING_SPEC')
      .flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    argv = ['compose', '-f', path.join(work, 'docker-compose.yaml'), 'exec', '-T', ...envFlags, 'cli', cmd, ...argv];
    cmd = 'docker';
  }
  return new Promise((resolve, reject) => {
    execFile(cmd, argv, { env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${argv.slice(0, 3).join(' ')}… failed: ${stderr || err.message}`));
      else resolve({ stdout, stderr });
    });
  });
}

/** RegistryInvoker over the peer CLI. */
function peerCliInvoker(topo, work) {
  const crypto = path.join(work, 'crypto');
  const ordererCa = path.join(crypto, 'ordererOrganizations', topo.ordererOrg.domain, 'tlsca', `tlsca.${topo.ordererOrg.domain}-cert.pem`);
  const peerCa = (org) => path.join(crypto, 'peerOrganizations', org.domain, 'peers', `${org.peer.name}.${org.domain}`, 'tls', 'ca.crt');
  const envFor = (userId) => {
    const user = topo.users.find((u) => u.id === userId);
    if (!user) throw new Error(`unknown user ${userId}`);
    const org = topo.orgs.find((o) => o.mspId === user.org);
    return {
      ...process.env,
      CARGOTRACE_WORK: work,
      FABRIC_CFG_PATH: path.join(work, 'nodes', `${org.peer.name}.${org.domain}`),
      FABRIC_LOGGING_SPEC: 'warning',
      CORE_PEER_TLS_ENABLED: 'true',
      CORE_PEER_LOCALMSPID: org.mspId,
      CORE_PEER_MSPCONFIGPATH: path.join(crypto, 'peerOrganizations', org.domain, 'users', `${user.id}@${org.domain}`, 'msp'),
      CORE_PEER_ADDRESS: org.peer.endpoint,
      CORE_PEER_TLS_ROOTCERT_FILE: peerCa(org),
    };
  };
  const ctor = (fcn, a) => JSON.stringify({ function: fcn, Args: a });
  return {
    async submit(channel, userId, fcn, a) {
      const ch = topo.channels.find((c) => c.name === channel);
      const peers = [];
      for (const msp of pickEndorsers(topo, ch)) {
        const org = topo.orgs.find((o) => o.mspId === msp);
        peers.push('--peerAddresses', org.peer.endpoint, '--tlsRootCertFiles', peerCa(org));
      }
      const orderer = topo.ordererOrg.orderers[0].endpoint;
      const { stderr } = await run(
        'peer',
        ['chaincode', 'invoke', '-o', orderer, '--tls', '--cafile', ordererCa, '-C', channel, '-n', topo.chaincodeName, '-c', ctor(fcn, a), '--waitForEvent', ...peers],
        envFor(userId),
      );
      // The peer CLI exits non-zero when endorsement, ordering or validation (--waitForEvent) fails.
      return stderr;
    },
    async evaluate(channel, userId, fcn, a) {
      const { stdout } = await run('peer', ['chaincode', 'query', '-C', channel, '-n', topo.chaincodeName, '-c', ctor(fcn, a)], envFor(userId));
      return stdout.replace(/\n$/, '');
    },
  };
}

async function main() {
  const o = args(process.argv.slice(2));
  const work = path.resolve(o.work || path.join(__dirname, '.run'));
  const topo = buildTopology({ configFile: o.config, portBase: o['port-base'], target: process.env.FABRIC_TARGET === 'docker' ? 'docker' : 'native' });
  const invoker = peerCliInvoker(topo, work);
  const lib = path.join(NETWORK_DIR, 'dist/bootstrap/registry-bootstrap.js');
  if (!fs.existsSync(lib)) throw new Error(`${lib} missing: build the network workspace (npx tsc -b network)`);
  const { bootstrapRegistry } = require(lib);
  const done = await bootstrapRegistry(invoker, topo.config);
  process.stdout.write(`registry bootstrapped on: ${done.join(', ') || '(all channels already had a registry)'}\n`);
}

main().catch((err) => {
  process.stderr.write(`bootstrap-registry: ${err.stack || err}\n`);
  process.exitCode = 1;
});
