import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defined } from '../support/defined';

const ROOT = path.resolve(__dirname, '../../..');
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'build', '.data', 'test-artifacts', '.cargotrace']);
const CODE = /\.(ts|tsx|js|cjs|mjs)$/;

interface Workspace {
  name: string;
  dir: string;
  /** Subpaths of the `exports` map (".", "./trace", …); undefined when the package has none. */
  exported?: string[];
}

function workspaces(): Workspace[] {
  const root = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
  return root.workspaces.map((w) => {
    const dir = path.join(ROOT, w);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name: string; exports?: Record<string, unknown> };
    return { name: pkg.name, dir, exported: pkg.exports ? Object.keys(pkg.exports) : undefined };
  });
}

/** Module specifiers of static and dynamic imports, `export … from`, `require` and `require.resolve`. */
function specifiers(text: string): string[] {
  return [...text.matchAll(/(?:\bfrom\s+|\bimport\s+|\bimport\(\s*|\brequire(?:\.resolve)?\(\s*)['"]([^'"\n]+)['"]/g)].map((m) => m[1]);
}

function subpathAllowed(subpath: string, exported: string[]): boolean {
  return exported.some((e) => {
    const star = e.indexOf('*');
    return star < 0 ? e === subpath : subpath.startsWith(e.slice(0, star)) && subpath.endsWith(e.slice(star + 1));
  });
}

/** Why `spec`, imported by `file`, reaches into another workspace package's internals; undefined
 * when it goes through that package's public entry points (its `exports` map). */
function violation(file: string, spec: string, all: Workspace[]): string | undefined {
  if (spec.startsWith('.')) {
    const own = all.find((w) => file.startsWith(w.dir + path.sep));
    const target = path.resolve(path.dirname(file), spec);
    const other = all.find((w) => w !== own && (target === w.dir || target.startsWith(w.dir + path.sep)));
    return other
      ? `relative path into ${other.name} (${path.relative(ROOT, target)}); import ${other.name} or one of its exported subpaths`
      : undefined;
  }
  const pkg = all.find((w) => spec === w.name || spec.startsWith(`${w.name}/`));
  if (!pkg || spec === pkg.name) return undefined;
  const subpath = `.${spec.slice(pkg.name.length)}`;
  if (/^\.\/(dist|src)(\/|$)/.test(subpath)) return `${pkg.name} internals by path`;
  if (pkg.exported && !subpathAllowed(subpath, pkg.exported)) return `${subpath} is not in ${pkg.name}'s exports map`;
  return undefined;
}

function* codeFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) yield* codeFiles(full);
    } else if (CODE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      yield full;
    }
  }
}

/** Tests, benches and every package reach another workspace package only through its public
 * entry points: the `exports` map is the documented surface, and a path into `dist/` or `src/`
 * silently couples a caller to a file layout its owner is free to change. */
describe('workspace packages are used through their exports maps', () => {
  const all = workspaces();
  // Built from parts so that this file does not match itself.
  const dist = 'di' + 'st';

  it('the check recognises internal imports and allows public ones', () => {
    const testFile = path.join(ROOT, 'test', 'gateway', 'x.test.ts');
    const gatewaySource = path.join(ROOT, 'gateway', 'src', 'x.ts');
    expect(violation(testFile, `@cargotrace/gateway/${dist}/trace/order`, all)).to.match(/internals/);
    expect(violation(testFile, '@cargotrace/gateway/src/trace/order', all)).to.match(/internals/);
    expect(violation(testFile, '@cargotrace/gateway/trace/order', all)).to.match(/exports map/);
    expect(violation(testFile, `../../gateway/${dist}/server`, all)).to.match(/relative path into @cargotrace\/gateway/);
    expect(violation(gatewaySource, `../../network/${dist}/index`, all)).to.match(/relative path into @cargotrace\/network/);
    expect(violation(gatewaySource, './trace/order', all)).to.equal(undefined);
    for (const ok of [
      '@cargotrace/gateway',
      '@cargotrace/gateway/trace',
      '@cargotrace/model/graphql',
      '@cargotrace/chaincode/package.json',
      'fabric-shim/lib/x.js',
    ]) {
      expect(violation(testFile, ok, all), ok).to.equal(undefined);
    }
    expect(
      specifiers(
        `import a from 'x';\nimport type { B } from "y";\nexport * from './z';\nconst c = require('w'); require.resolve('v/package.json'); await import('u'); import 's';`,
      ),
    ).to.deep.equal(['x', 'y', './z', 'w', 'v/package.json', 'u', 's']);
  });

  it('every workspace package that others import has an exports map with types and package.json', () => {
    for (const name of [
      '@cargotrace/model',
      '@cargotrace/chaincode',
      '@cargotrace/network',
      '@cargotrace/gateway',
      '@cargotrace/client-sdk',
    ]) {
      const ws = defined(
        all.find((w) => w.name === name),
        `workspace ${name}`,
      );
      const pkg = JSON.parse(fs.readFileSync(path.join(ws.dir, 'package.json'), 'utf8')) as {
        exports?: Record<string, string | { types?: string; default?: string }>;
      };
      expect(pkg.exports, name).to.be.an('object');
      const exportsMap = defined(pkg.exports, `${name} exports`);
      expect(exportsMap['./package.json'], name).to.equal('./package.json');
      for (const [subpath, target] of Object.entries(exportsMap)) {
        if (subpath === './package.json') continue;
        expect(target, `${name} ${subpath}`).to.have.keys(['types', 'default']);
        const { types, default: js } = target as { types: string; default: string };
        expect(types.replace(/\.d\.ts$/, ''), `${name} ${subpath}: types beside the code`).to.equal(js.replace(/\.js$/, ''));
        expect(fs.existsSync(path.join(ws.dir, js)), `${name} ${subpath} -> ${js} is built`).to.equal(true);
      }
    }
  });

  it('no test, bench, script or package source imports another package by an internal path', () => {
    const found: string[] = [];
    const scanned = new Set<string>();
    for (const file of codeFiles(ROOT)) {
      scanned.add(path.relative(ROOT, file).split(path.sep).join('/'));
      for (const spec of specifiers(fs.readFileSync(file, 'utf8'))) {
        const why = violation(file, spec, all);
        if (why) found.push(`${path.relative(ROOT, file)}: '${spec}': ${why}`);
      }
    }
    expect(scanned, 'tests are scanned').to.include('test/gateway/trace.test.ts');
    expect(scanned, 'package sources are scanned').to.include('gateway/src/server.ts');
    expect(found).to.deep.equal([]);
  });
});
