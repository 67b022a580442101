import * as path from 'node:path';
import type { RegistryInvoker } from '../../bootstrap/registry-bootstrap';
import { peerOrg, pickEndorsers } from '../topology/endorsers';
import type { PeerOrg, Topology } from '../topology/types';
import { runFabricCli } from './peer-cli';

/** The crypto material cryptogen and the identity issuer wrote under the work dir. */
class CryptoLayout {
  constructor(private readonly dir: string) {}

  ordererCa(topo: Topology): string {
    const d = topo.ordererOrg.domain;
    return path.join(this.dir, 'ordererOrganizations', d, 'tlsca', `tlsca.${d}-cert.pem`);
  }

  peerTlsCa(org: PeerOrg): string {
    return path.join(this.dir, 'peerOrganizations', org.domain, 'peers', `${org.peer.name}.${org.domain}`, 'tls', 'ca.crt');
  }

  userMsp(org: PeerOrg, userId: string): string {
    return path.join(this.dir, 'peerOrganizations', org.domain, 'users', `${userId}@${org.domain}`, 'msp');
  }
}

/** The peer CLI's environment to act as a configured user against its organisation's peer. */
function userEnvironment(topo: Topology, work: string, crypto: CryptoLayout, userId: string): NodeJS.ProcessEnv {
  const user = topo.users.find((u) => u.id === userId);
  if (!user) throw new Error(`unknown user ${userId}`);
  const org = peerOrg(topo.orgs, user.org);
  return {
    ...process.env,
    CARGOTRACE_WORK: work,
    FABRIC_CFG_PATH: path.join(work, 'nodes', `${org.peer.name}.${org.domain}`),
    FABRIC_LOGGING_SPEC: 'warning',
    CORE_PEER_TLS_ENABLED: 'true',
    CORE_PEER_LOCALMSPID: org.mspId,
    CORE_PEER_MSPCONFIGPATH: crypto.userMsp(org, user.id),
    CORE_PEER_ADDRESS: org.peer.endpoint,
    CORE_PEER_TLS_ROOTCERT_FILE: crypto.peerTlsCa(org),
  };
}

/** --peerAddresses / --tlsRootCertFiles of two organisations that satisfy the channel's policy. */
function endorsingPeerArgs(topo: Topology, crypto: CryptoLayout, channelName: string): string[] {
  const channel = topo.channels.find((c) => c.name === channelName);
  if (!channel) throw new Error(`unknown channel ${channelName}`);
  return pickEndorsers(topo, channel).flatMap((msp) => {
    const org = peerOrg(topo.orgs, msp);
    return ['--peerAddresses', org.peer.endpoint, '--tlsRootCertFiles', crypto.peerTlsCa(org)];
  });
}

const ctor = (fcn: string, args: string[]): string => JSON.stringify({ function: fcn, Args: args });

/** RegistryInvoker over the peer CLI (`peer chaincode invoke|query`). */
export function peerCliInvoker(topo: Topology, work: string): RegistryInvoker {
  const crypto = new CryptoLayout(path.join(work, 'crypto'));
  return {
    async submit(channel, userId, fcn, args) {
      const orderer = topo.ordererOrg.orderers[0].endpoint;
      const argv = [
        'chaincode',
        'invoke',
        '-o',
        orderer,
        '--tls',
        '--cafile',
        crypto.ordererCa(topo),
        '-C',
        channel,
        '-n',
        topo.chaincodeName,
      ];
      argv.push('-c', ctor(fcn, args), '--waitForEvent', ...endorsingPeerArgs(topo, crypto, channel));
      // The peer CLI exits non-zero when endorsement, ordering or validation (--waitForEvent) fails.
      const { stderr } = await runFabricCli('peer', argv, userEnvironment(topo, work, crypto, userId));
      return stderr;
    },
    async evaluate(channel, userId, fcn, args) {
      const argv = ['chaincode', 'query', '-C', channel, '-n', topo.chaincodeName, '-c', ctor(fcn, args)];
      const { stdout } = await runFabricCli('peer', argv, userEnvironment(topo, work, crypto, userId));
      return stdout.replace(/\n$/, '');
    },
  };
}
