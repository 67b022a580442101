import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Repository root (this file runs from build/test/webapp). */
export const ROOT = path.resolve(__dirname, '../../..');
export const WEBAPP_JS = path.join(ROOT, 'webapp', 'public', 'js');

// TypeScript compiles `import()` to `require()` under CommonJS; the page's modules are ES modules.
const importEsm = new Function('u', 'return import(u)') as (u: string) => Promise<unknown>;

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
