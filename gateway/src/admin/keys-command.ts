import { mkdirSync } from 'node:fs';
import { loadNetworkConfig } from '@cargotrace/network';
import { IssuedKeys } from '../auth/issued-keys';
import { issuedKeysFile } from '../server';

export type KeysAction = 'issue' | 'rotate' | 'revoke' | 'list';

export interface KeysCommandOptions {
  dataDir: string;
  configPath?: string;
  print?: (line: string) => void;
}

/** The operator's `cargotrace-gateway keys <action> [user|key id]`: issue a key for a configured
 * user (shown once), rotate a user's keys (revoke all, issue one), revoke a key by id or all of a
 * user's, list them (ids, users, dates; never a secret). A running gateway sees the change within a
 * second. */
export function runKeysCommand(action: KeysAction, subject: string | undefined, options: KeysCommandOptions): void {
  const print = options.print ?? ((line: string) => console.log(line));
  mkdirSync(options.dataDir, { recursive: true });
  const keys = IssuedKeys.open(issuedKeysFile(options.dataDir));
  if (action === 'list') {
    for (const k of keys.list())
      print(`${k.id}  ${k.userId.padEnd(28)} issued ${k.issuedAt}${k.revokedAt ? `  revoked ${k.revokedAt}` : ''}`);
    return;
  }
  if (!subject) throw new Error(`keys ${action} needs a ${action === 'revoke' ? 'key id or user' : 'user'}`);
  if (action === 'revoke') {
    const revoked = keys.revoke(subject);
    if (revoked.length === 0) throw new Error(`no live key with id or user ${subject}`);
    print(`revoked ${revoked.join(', ')}`);
    return;
  }
  const users = loadNetworkConfig(options.configPath).users.map((u) => u.id);
  if (!users.includes(subject)) throw new Error(`unknown user ${subject}; the configuration has ${users.join(', ')}`);
  const issued = action === 'rotate' ? keys.rotate(subject) : { ...keys.issue(subject), revoked: [] };
  if (issued.revoked.length > 0) print(`revoked ${issued.revoked.join(', ')}`);
  print(`key ${issued.id} for ${subject} (shown once; keep it secret):`);
  print(issued.key);
}
