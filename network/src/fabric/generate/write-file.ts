import * as fs from 'node:fs';
import * as path from 'node:path';

/** Writes a generated file, creating its directory. */
export function writeFile(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}
