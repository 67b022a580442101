import { SingleBar, Presets } from 'cli-progress';
import type { ImportProgress } from '../importer';

/** Import progress on stderr: a bar on a terminal, a plain line every 2 s otherwise (logs, CI). */
export function progressReporter(label: string): { update: (p: ImportProgress) => void; stop: () => void } {
  if (process.stderr.isTTY) {
    let bar: SingleBar | undefined;
    let phase = '';
    let stopped = false;
    return {
      update: (p) => {
        if (p.phase !== phase) {
          bar?.stop();
          phase = p.phase;
          bar = new SingleBar(
            {
              format: `${label} ${p.phase.padEnd(7)} [{bar}] {value}/{total} | accepted {accepted} duplicate {duplicate} rejected {rejected}`,
              stream: process.stderr,
            },
            Presets.shades_classic,
          );
          bar.start(Math.max(p.total, p.done), p.done, p);
        }
        if (p.total < p.done) bar!.setTotal(p.done);
        bar!.update(p.done, p);
      },
      stop: () => {
        if (!stopped) {
          stopped = true;
          bar?.stop();
        }
      },
    };
  }
  let last = 0;
  let lastP: ImportProgress | undefined;
  let printed: ImportProgress | undefined;
  const line = (p: ImportProgress) =>
    process.stderr.write(
      `${label} ${p.phase}: ${p.done}${p.total ? `/${p.total}` : ''} accepted=${p.accepted} duplicate=${p.duplicate} rejected=${p.rejected}\n`,
    );
  return {
    update: (p) => {
      lastP = p;
      if (Date.now() - last >= 2000) {
        last = Date.now();
        printed = p;
        line(p);
      }
    },
    stop: () => {
      if (lastP && lastP !== printed) {
        printed = lastP;
        line(lastP);
      }
    },
  };
}
