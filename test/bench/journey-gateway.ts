import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { binOf } from '../support/bin';
import { defined } from '../support/defined';
import { startChild } from './trace';

/** The processes of the journeys benchmark: the gateway as users start it, the bare express
 * baseline and the background writer. */

export interface RunningGateway {
  child: ChildProcess;
  pid: number;
  baseUrl: string;
  graphqlUrl: string;
  startupMs: number;
}

const CLI = binOf('@cargotrace/gateway', 'cargotrace-gateway');

/** `cargotrace-gateway` on `dataDir` (the embedded ledger, or only the gate-decision log when
 * `env` points it at Fabric), without demo data and without a rate limit. */
export async function startGateway(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<RunningGateway> {
  const gw = await startChild(
    [CLI, '--port', '0', '--data-dir', dataDir, '--no-demo', '--config-keys', '--rate-limit', '0'],
    /GraphiQL\s+(http:\S+)/,
    env,
  );
  const graphqlUrl = gw.match[1];
  return {
    child: gw.child,
    pid: defined(gw.child.pid, 'the gateway pid'),
    graphqlUrl,
    baseUrl: graphqlUrl.replace(/\/graphql$/, ''),
    startupMs: gw.ms,
  };
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** A bare express endpoint answering every POST /graphql with the JSON in `bodyFile`. */
export async function startBare(bodyFile: string): Promise<{ child: ChildProcess; url: string }> {
  const bare = await startChild([path.join(__dirname, 'bare-express.js'), bodyFile], /listening (\d+)/);
  return { child: bare.child, url: `http://127.0.0.1:${bare.match[1]}/graphql` };
}

/** The background writer (journey-writer.ts) while it runs: how many events it has had accepted,
 * as last reported, and its summary once stopped. */
export interface RunningWriter {
  written(): number;
  stop(): Promise<WriterSummary>;
}

export interface WriterSummary {
  accepted: number;
  duplicates: number;
  ms: number;
  eventsPerSecond: number;
}

export async function startWriter(baseUrl: string, rate: number, owner: string, startMs: number): Promise<RunningWriter> {
  const child = spawn(
    process.execPath,
    [path.join(__dirname, 'journey-writer.js'), baseUrl, String(rate), owner, owner.toLowerCase(), String(startMs)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let written = 0;
  let summary: WriterSummary | undefined;
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const lines = out.split('\n');
    out = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('written ')) written = Number(line.slice(8));
      else if (line.startsWith('done ')) summary = JSON.parse(line.slice(5)) as WriterSummary;
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  // Fails the run early when the writer dies (a rejected event is a bug in the bench).
  await Promise.race([new Promise((r) => setTimeout(r, 1000)), exited.then((code) => Promise.reject(writerDied(code)))]);
  return {
    written: () => written,
    stop: async () => {
      child.kill('SIGTERM');
      const code = await exited;
      if (!summary) throw writerDied(code);
      return summary;
    },
  };
}

const writerDied = (code: number | null) => new Error(`the journey writer exited (${String(code)}) without its summary`);
