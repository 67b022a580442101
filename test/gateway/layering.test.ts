import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** gateway/src, found from this compiled test (build/test/gateway) or its source (test/gateway). */
const SRC = path.resolve(__dirname, '../../../gateway/src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(full);
    return d.name.endsWith('.ts') && !d.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The gateway modules a source file imports (static `import`/`export … from`, `require`,
 * dynamic `import()`), as paths relative to gateway/src without extension. */
function gatewayImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);
  return specifiers
    .filter((s) => s.startsWith('.'))
    .map((s) =>
      path
        .relative(SRC, path.resolve(path.dirname(file), s))
        .split(path.sep)
        .join('/'),
    );
}

/** Imports from files under `from` into modules under `to`, as "file -> module". */
function importsBetween(from: string, to: string): string[] {
  return sourceFiles(path.join(SRC, from)).flatMap((file) =>
    gatewayImports(file)
      .filter((m) => m === to || m.startsWith(`${to}/`))
      .map((m) => `${path.relative(SRC, file)} -> ${m}`),
  );
}

describe('gateway layering', () => {
  it('finds the gateway sources and their imports (the scan itself works)', () => {
    const files = sourceFiles(SRC);
    expect(files.length).to.be.greaterThan(20);
    expect(gatewayImports(path.join(SRC, 'http/app.ts'))).to.include('services/gateway-services');
  });

  it('http/ does not import graphql/', () => {
    expect(importsBetween('http', 'graphql')).to.deep.equal([]);
  });

  it('graphql/ does not import http/', () => {
    expect(importsBetween('graphql', 'http')).to.deep.equal([]);
  });

  it('services/ import no transport (http/, graphql/)', () => {
    expect([...importsBetween('services', 'http'), ...importsBetween('services', 'graphql')]).to.deep.equal([]);
  });
});
