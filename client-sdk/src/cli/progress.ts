import { SingleBar, Presets } from 'cli-progress';
import type { ImportProgress } from '../importer';

interface ProgressReporter {
  update: (p: ImportProgress) => void;
  stop: () => void;
}

/** Import progress on stderr: a bar on a terminal, a plain line every 2 s otherwise (logs, CI). */
export function progressReporter(label: string): ProgressReporter {
  return process.stderr.isTTY ? barReporter(label) : lineReporter(label);
}

/** A progress bar per phase of the import. */
function barReporter(label: string): ProgressReporter {
  let bar: SingleBar | undefined;
  let phase = '';
  let stopped = false;
  const phaseBar = (p: ImportProgress): SingleBar => {
    if (bar && p.phase === phase) return bar;
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
    return bar;
  };
  return {
    update: (p) => {
      const current = phaseBar(p);
      if (p.total < p.done) current.setTotal(p.done);
      current.update(p.done, p);
    },
    stop: () => {
      if (!stopped) {
        stopped = true;
        bar?.stop();
      }
    },
  };
}

/** A plain line at most every 2 s, and the last state when stopped. */
function lineReporter(label: string): ProgressReporter {
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
