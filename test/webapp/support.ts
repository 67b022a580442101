import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Repository root (this file runs from build/test/webapp). */
export const ROOT = path.resolve(__dirname, '../../..');
export const WEBAPP_JS = path.join(ROOT, 'webapp', 'public', 'js');

// The page's modules are ES modules; with `module: node16` TypeScript keeps `import()` native even
// in CommonJS output, so it can load them.
const importEsm = (u: string): Promise<unknown> => import(u);

/** Builds the page (tsc -b webapp) when the root build did not: the root `tsc -b` does once webapp
 * is among its references. */
export function ensureWebappBuilt(): void {
  if (fs.existsSync(path.join(WEBAPP_JS, 'main.js'))) return;
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', path.join(ROOT, 'webapp')], { stdio: 'inherit' });
}

/** Loads one of the page's compiled ES modules (webapp/public/js/<name>.js) into Node. */
export async function webappModule<T>(name: string): Promise<T> {
  ensureWebappBuilt();
  const file = path.join(WEBAPP_JS, `${name}.js`);
  return (await importEsm(pathToFileURL(file).href)) as T;
}
