import * as fs from 'node:fs';
import * as path from 'node:path';
import { readPackageJson, type PackageJson } from './package-json';

/** Files that ship with any package besides its code. */
const ALWAYS = ['README.md', 'LICENSE', 'META-INF'];

/** What a built workspace package ships: its `files`, else the top entry of `main` (dist/). */
function publishedEntries(pkg: PackageJson): string[] {
  if (pkg.files && pkg.files.length > 0) return pkg.files;
  const main = pkg.main ?? 'index.js';
  return [main.split('/')[0]];
}

/** Build state of the TypeScript compiler, never needed at run time. */
const notBuildInfo = (src: string): boolean => !src.endsWith('.tsbuildinfo');

/**
 * Copies a package of this workspace (the chaincode, or a workspace package it depends on such
 * as @cargotrace/model) as npm would publish it: package.json without devDependencies, the
 * compiled code, README / LICENSE / META-INF; never sources, tsconfig or .tsbuildinfo.
 * Throws when `main` has not been built.
 */
export function copyBuiltPackage(packageDir: string, destDir: string): void {
  const pkg = readPackageJson(packageDir);
  const main = pkg.main ?? 'index.js';
  if (!fs.existsSync(path.join(packageDir, main)))
    throw new Error(`${packageDir}/${main} missing: build ${pkg.name ?? 'the package'} first`);
  fs.mkdirSync(destDir, { recursive: true });
  const runtimePkg = { ...pkg };
  delete runtimePkg.devDependencies;
  fs.writeFileSync(path.join(destDir, 'package.json'), JSON.stringify(runtimePkg, null, 2));
  for (const entry of new Set([...publishedEntries(pkg), ...ALWAYS])) {
    const src = path.join(packageDir, entry);
    if (entry !== 'package.json' && fs.existsSync(src))
      fs.cpSync(src, path.join(destDir, entry), { recursive: true, dereference: true, filter: notBuildInfo });
  }
}
