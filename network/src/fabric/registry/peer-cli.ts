import { execFile } from 'node:child_process';
import * as path from 'node:path';

export interface CliOutput {
  stdout: string;
  stderr: string;
}

/** The variables the peer CLI reads, passed into the fabric-tools container. */
const isFabricVariable = (name: string): boolean =>
  name.startsWith('CORE_') || name === 'FABRIC_CFG_PATH' || name === 'FABRIC_LOGGING_SPEC';

/** The same command inside the fabric-tools container (`docker compose exec cli`), where the
 * work dir has the same path. */
function inCliContainer(cmd: string, argv: string[], env: NodeJS.ProcessEnv): [string, string[]] {
  const work = path.resolve(env.CARGOTRACE_WORK ?? '.');
  const envFlags = Object.entries(env)
    .filter(([k]) => isFabricVariable(k))
    .flatMap(([k, v]) => ['-e', `${k}=${v ?? ''}`]);
  return ['docker', ['compose', '-f', path.join(work, 'docker-compose.yaml'), 'exec', '-T', ...envFlags, 'cli', cmd, ...argv]];
}

/** Runs a Fabric CLI natively or (FABRIC_TARGET=docker) in the fabric-tools container; rejects
 * with its stderr when it exits non-zero. */
export function runFabricCli(cmd: string, argv: string[], env: NodeJS.ProcessEnv): Promise<CliOutput> {
  const [file, args] = process.env.FABRIC_TARGET === 'docker' ? inCliContainer(cmd, argv, env) : [cmd, argv];
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${file} ${args.slice(0, 3).join(' ')}… failed: ${stderr || err.message}`));
      else resolve({ stdout, stderr });
    });
  });
}
