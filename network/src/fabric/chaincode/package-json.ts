import * as fs from 'node:fs';
import * as path from 'node:path';

/** The package.json fields staging reads. */
export interface PackageJson {
  name?: string;
  main?: string;
  files?: string[];
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [field: string]: unknown;
}

export function readPackageJson(dir: string): PackageJson {
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/** Names of the packages a package needs at run time. */
export function runtimeDependencies(pkg: PackageJson): string[] {
  return Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies });
}
