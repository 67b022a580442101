import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyBuiltPackage } from './built-package';
import { dependencyClosure, type StagedDependency } from './dependency-closure';

/** A registry package, copied whole but for its own nested node_modules (staged separately). */
function copyInstalledPackage(dep: StagedDependency, dest: string): void {
  fs.cpSync(dep.realDir, dest, {
    recursive: true,
    dereference: true,
    filter: (s) => !s.slice(dep.realDir.length).split(path.sep).includes('node_modules'),
  });
}

/**
 * Stages the chaincode for packaging: package.json, the compiled dist/ and the production
 * dependency closure copied from the workspace's node_modules (hoisted layout kept), so that the
 * peer's Node builder and the ccaas server need neither npm nor the registry. Workspace packages
 * the chaincode depends on (@cargotrace/model) are copied built, like the chaincode itself.
 */
export function stageChaincode(chaincodeDir: string, stageDir: string): { packages: number } {
  const ccDir = path.resolve(chaincodeDir);
  fs.rmSync(stageDir, { recursive: true, force: true });
  copyBuiltPackage(ccDir, stageDir);
  const deps = dependencyClosure(ccDir);
  for (const dep of deps) {
    const dest = path.join(stageDir, dep.stagePath);
    if (dep.workspace) copyBuiltPackage(dep.realDir, dest);
    else copyInstalledPackage(dep, dest);
  }
  return { packages: deps.length };
}
