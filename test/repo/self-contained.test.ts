import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'build', '.data', 'test-artifacts', '.cargotrace']);
const SCANNED = /\.(ts|tsx|js|cjs|mjs|sh|json|ya?ml|md|graphql|html)$|^Dockerfile/;

// Built from parts so this file does not match itself.
const SHARED = 'sha' + 'red';
const FORBIDDEN: { what: string; pattern: RegExp }[] = [
  { what: 'a path into the directory beside the clone', pattern: new RegExp(`\\.\\./${SHARED}\\b`) },
  { what: 'a path to the background material', pattern: new RegExp(`\\b${SHARED}/(epcis|design|seeds)\\b`) },
  { what: 'the same path built with path.join', pattern: new RegExp(`['"]${SHARED}['"]\\s*,\\s*['"](epcis|design|seeds)['"]`) },
  {
    what: 'a design document that is not in the repository (see docs/)',
    pattern: new RegExp(`\\b(${'DOM' + 'AIN'}|${'ARCHIT' + 'ECTURE'})\\.md\\b`),
  },
];

/** Extensionless scripts such as `.ci/run`. */
function isScript(file: string): boolean {
  if (path.extname(file) !== '') return false;
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(2);
    return fs.readSync(fd, head, 0, 2, 0) === 2 && head.toString() === '#!';
  } finally {
    fs.closeSync(fd);
  }
}

function* files(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) yield* files(path.join(dir, entry.name));
    } else if ((SCANNED.test(entry.name) && entry.name !== 'package-lock.json') || isScript(path.join(dir, entry.name))) {
      yield path.join(dir, entry.name);
    }
  }
}

/** The product is cloned with nothing beside it: no source, script, test or doc may read or cite
 * files outside the repository (the GS1 material it needs is vendored, the domain and
 * architecture pages are in docs/). */
describe('repository is self-contained', () => {
  it('no source, script, test or doc refers to files outside the repository', () => {
    const found: string[] = [];
    let scanned = 0;
    const scannedNames = new Set<string>();
    for (const file of files(ROOT)) {
      scanned++;
      scannedNames.add(path.relative(ROOT, file));
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        for (const { what, pattern } of FORBIDDEN) {
          if (pattern.test(line)) found.push(`${path.relative(ROOT, file)}:${i + 1}: ${what}: ${line.trim().slice(0, 160)}`);
        }
      });
    }
    expect(scanned, 'files scanned').to.be.greaterThan(100);
    expect(scannedNames.has('.ci/run'), 'extensionless scripts are scanned').to.equal(true);
    expect(found).to.deep.equal([]);
  });

  it("ships the GS1 material it uses with GS1's licence notice", () => {
    for (const dir of ['model/src/epcis/schema', 'test/fixtures/epcis']) {
      expect(fs.existsSync(path.join(ROOT, dir, 'GS1-DISCLAIMER.txt')), `${dir}/GS1-DISCLAIMER.txt`).to.equal(true);
      expect(fs.readFileSync(path.join(ROOT, dir, 'README.md'), 'utf8'), `${dir}/README.md`).to.match(/github\.com\/gs1\/EPCIS/);
    }
  });
});
