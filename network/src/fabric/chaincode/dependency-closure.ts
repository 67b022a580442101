import * as fs from 'node:fs';
import * as path from 'node:path';
import { readPackageJson, runtimeDependencies } from './package-json';

/** One package of the production dependency closure. */
export interface StagedDependency {
  /** The package's real directory (symlinks of workspace packages followed). */
  realDir: string;
  /** Where it goes in the stage: node_modules/<name>, keeping the hoisted layout. */
  stagePath: string;
  /** A package of this workspace (linked into node_modules), not one installed from a registry. */
  workspace: boolean;
}

/** The directory Node would resolve `name` to from `fromDir`: the nearest node_modules up. */
function findPackageDir(name: string, fromDir: string): string | undefined {
  const root = path.parse(fromDir).root;
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === root || dir === path.dirname(dir)) return undefined;
  }
}

/** node_modules/<...> path of a package dir relative to the closest ancestor that is the
 * chaincode dir or the workspace root. */
function relativeModulePath(dir: string, chaincodeDir: string, root: string): string {
  for (const base of [chaincodeDir, root]) {
    const rel = path.relative(base, dir);
    if (!rel.startsWith('..') && rel.startsWith('node_modules')) return rel;
  }
  // Elsewhere (e.g. a global install): place it at the top level.
  return path.join('node_modules', path.basename(dir));
}

function isWorkspaceLink(dir: string, realDir: string): boolean {
  return realDir !== dir && !realDir.split(path.sep).includes('node_modules');
}

/**
 * The production dependency closure of the chaincode, breadth first from its package.json.
 * Each package dir is placed at the same path relative to the node_modules it was found in (the
 * chaincode's own, or the workspace root's for hoisted packages). Workspace packages are
 * symlinks in node_modules: they are followed to their real directory.
 */
export function dependencyClosure(chaincodeDir: string): StagedDependency[] {
  const root = path.resolve(chaincodeDir, '..');
  const seen = new Map<string, StagedDependency>();
  const queue: [string, string][] = runtimeDependencies(readPackageJson(chaincodeDir)).map((n) => [n, chaincodeDir]);
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [name, from] = next;
    const dir = findPackageDir(name, from);
    if (!dir) continue; // an optional dependency not installed on this platform
    const realDir = fs.realpathSync(dir);
    if (seen.has(realDir)) continue;
    seen.set(realDir, { realDir, stagePath: relativeModulePath(dir, chaincodeDir, root), workspace: isWorkspaceLink(dir, realDir) });
    for (const n of runtimeDependencies(readPackageJson(dir))) queue.push([n, dir]);
  }
  return [...seen.values()];
}
