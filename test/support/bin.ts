import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The file a workspace package's `bin` entry names, resolved through the package's exported
 * package.json: tests and benches spawn the commands users run, not a path inside `dist/`. */
export function binOf(pkg: string, command: string): string {
  const manifest = require.resolve(`${pkg}/package.json`);
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: string | Record<string, string> };
  const file = typeof bin === 'string' ? bin : bin?.[command];
  if (!file) throw new Error(`${pkg} has no bin entry "${command}"`);
  return path.join(path.dirname(manifest), file);
}
