import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/** The rows of the first table under the `## heading` of a markdown file of the repository, each
 * keyed by the table's column titles. */
export function markdownTable(file: string, heading: string): Record<string, string>[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const start = text.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`${file}: no section "## ${heading}"`);
  const lines = text.slice(start).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const table: string[] = [];
  for (let i = first; i >= 0 && i < lines.length && lines[i].startsWith('|'); i++) table.push(lines[i]);
  const cells = (line: string) =>
    line
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim());
  const [titles, , ...rows] = table.map(cells);
  return rows.map((row) => Object.fromEntries(titles.map((t, i) => [t, row[i] ?? ''])));
}

/** The words of a cell written as `code`. */
export const codeWords = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

/** The one `code` word of a cell. */
export function codeWord(cell: string): string {
  const words = codeWords(cell);
  if (words.length !== 1) throw new Error(`expected one \`word\` in "${cell}"`);
  return words[0];
}
