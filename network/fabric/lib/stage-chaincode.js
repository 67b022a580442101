#!/usr/bin/env node
'use strict';
/**
 * Stages the chaincode for packaging: package.json, the compiled dist/ and the production
 * dependency closure copied from the workspace's node_modules (hoisted layout kept), so that the
 * peer's Node builder needs neither npm nor the registry.
 *   node lib/stage-chaincode.js CHAINCODE_DIR STAGE_DIR
 */
const fs = require('node:fs');
const path = require('node:path');

function findPackageDir(name, fromDir, root) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === root || dir === path.dirname(dir)) return undefined;
  }
}

function stage(chaincodeDir, stageDir) {
  chaincodeDir = path.resolve(chaincodeDir);
  const pkg = JSON.parse(fs.readFileSync(path.join(chaincodeDir, 'package.json'), 'utf8'));
  const main = pkg.main || 'index.js';
  if (!fs.existsSync(path.join(chaincodeDir, main))) throw new Error(`${chaincodeDir}/${main} missing: build the chaincode first`);
  fs.rmSync(stageDir, { recursive: true, force: true });
  fs.mkdirSync(stageDir, { recursive: true });
  const root = path.resolve(chaincodeDir, '..');
  const { devDependencies, ...prodPkg } = pkg;
  void devDependencies;
  fs.writeFileSync(path.join(stageDir, 'package.json'), JSON.stringify(prodPkg, null, 2));
  const topDir = main.split('/')[0];
  for (const entry of new Set([topDir === main ? main : topDir, 'README.md', 'META-INF'])) {
    const src = path.join(chaincodeDir, entry);
    if (fs.existsSync(src)) fs.cpSync(src, path.join(stageDir, entry), { recursive: true, filter: (s) => !s.endsWith('.tsbuildinfo') });
  }
  // Dependency closure: each package dir is copied to the same place relative to the
  // node_modules it was found in (the chaincode's own, or a parent's for hoisted packages).
  const seen = new Map();
  const queue = Object.keys(pkg.dependencies || {}).map((n) => [n, chaincodeDir]);
  while (queue.length) {
    const [name, from] = queue.shift();
    const dir = findPackageDir(name, from, path.parse(from).root);
    if (!dir) continue; // an optional dependency not installed on this platform
    const real = fs.realpathSync(dir);
    if (seen.has(real)) continue;
    const rel = relativeModulePath(dir, chaincodeDir, root);
    seen.set(real, rel);
    const dpkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    for (const n of Object.keys({ ...(dpkg.dependencies || {}), ...(dpkg.optionalDependencies || {}) })) queue.push([n, dir]);
  }
  for (const [real, rel] of seen) {
    fs.cpSync(real, path.join(stageDir, rel), {
      recursive: true,
      dereference: true,
      filter: (s) => !s.slice(real.length).split(path.sep).includes('node_modules'),
    });
  }
  return { packages: seen.size };
}

/** node_modules/<...> path of a package dir relative to the closest ancestor that is the
 * chaincode dir or the workspace root. */
function relativeModulePath(dir, chaincodeDir, root) {
  for (const base of [chaincodeDir, root]) {
    const rel = path.relative(base, dir);
    if (!rel.startsWith('..') && rel.startsWith('node_modules')) return rel;
  }
  // Elsewhere (e.g. a global install): place it at the top level.
  return path.join('node_modules', path.basename(dir));
}

if (require.main === module) {
  const [cc, out] = process.argv.slice(2);
  const r = stage(cc, out);
  process.stdout.write(`staged chaincode with ${r.packages} dependency packages in ${out}\n`);
}
module.exports = { stage };
