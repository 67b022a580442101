import * as path from 'node:path';
import { flag, type CliArgs } from '../cli-args';
import { writeProfiles } from '../connection-profiles';
import { issueUsers } from '../identities/issue-users';
import { buildTopology } from '../topology/build-topology';

/** `generate identities --work DIR [--config FILE] [--port-base N]`, after cryptogen: users
 * with role/district/level attributes, the wallet, connection profiles and gateway manifest. */
export async function generateIdentities(args: CliArgs): Promise<void> {
  const work = path.resolve(flag(args, 'work') ?? '.');
  const topo = buildTopology({ configFile: flag(args, 'config'), portBase: flag(args, 'port-base'), target: 'native' });
  const crypto = path.join(work, 'crypto');
  const wallet = await issueUsers(topo, crypto, path.join(work, 'wallet'));
  const manifest = writeProfiles(topo, crypto, path.join(work, 'gateway'), wallet);
  process.stdout.write(`issued ${topo.users.length} user identities; wallet ${wallet}; gateway manifest ${manifest}\n`);
}
