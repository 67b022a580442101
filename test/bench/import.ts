import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readCsv } from '@cargotrace/client-sdk';
import { startChild } from './trace';
import { binOf } from '../support/bin';
import { WMS_LOT_MAPPING, wmsLotExport } from '../support/wms-lot-export';

export interface ImportBenchOptions {
  rows: number;
  batchSize: number;
  log: (line: string) => void;
}

export interface ImportBenchReport {
  rows: number;
  batchSize: number;
  cliMs: number;
  cliRowsPerSecond: number;
  rawMs: number;
  rawEventsPerSecond: number;
  /** CLI rate / raw gateway ingestion rate. */
  ratio: number;
}

const API_KEY = 'demo-sip-warehouse';
const MAPPING = WMS_LOT_MAPPING;

const wmsCsv = (rows: number, tag: string): string => wmsLotExport(rows, tag).csv;

/** The `cargotrace import` CLI (CSV parsing, mapping, validation, durable outbox, HTTP) end to end
 * against a gateway on the embedded ledger, beside the gateway's raw ingestion rate in the same
 * run: the same kind of rows, already mapped to events, POSTed to /api/v1/events in batches of the
 * same size, one request at a time as the CLI sends them. Each side writes its own rows (ids
 * differ), so neither meets the other's duplicates. */
export async function benchImport(opts: ImportBenchOptions): Promise<ImportBenchReport> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cargotrace-import-bench-'));
  const cli = binOf('@cargotrace/client-sdk', 'cargotrace');
  const gatewayCli = binOf('@cargotrace/gateway', 'cargotrace-gateway');
  const gw = await startChild(
    [gatewayCli, '--port', '0', '--data-dir', path.join(dir, 'ledger'), '--no-demo', '--config-keys', '--rate-limit', '0'],
    /REST\s+POST (http:\S+)\/api\/v1\/events/,
  );
  try {
    const base = gw.match[1];
    const csvFile = path.join(dir, 'wms.csv');
    const mappingFile = path.join(dir, 'mapping.json');
    await writeFile(csvFile, wmsCsv(opts.rows, 'CLI'));
    await writeFile(mappingFile, JSON.stringify(MAPPING));

    opts.log(`  cargotrace import: ${opts.rows.toLocaleString('en')} CSV rows`);
    const cliMs = await timeCliImport(cli, [
      csvFile,
      '--mapping',
      mappingFile,
      '--gateway',
      base,
      '--api-key',
      API_KEY,
      '--outbox',
      path.join(dir, 'outbox'),
      '--batch-size',
      String(opts.batchSize),
      '--json',
    ]);

    opts.log('  raw gateway ingestion: the same rows mapped in advance, POST /api/v1/events');
    const rawCsv = path.join(dir, 'raw.csv');
    await writeFile(rawCsv, wmsCsv(opts.rows, 'RAW'));
    const events: unknown[] = [];
    for await (const row of readCsv(rawCsv, MAPPING)) if (row.event) events.push(row.event);
    const rawMs = await timeRawIngestion(base, events, opts.batchSize);
    const cliRowsPerSecond = opts.rows / (cliMs / 1000);
    const rawEventsPerSecond = events.length / (rawMs / 1000);
    return {
      rows: opts.rows,
      batchSize: opts.batchSize,
      cliMs,
      cliRowsPerSecond,
      rawMs,
      rawEventsPerSecond,
      ratio: cliRowsPerSecond / rawEventsPerSecond,
    };
  } finally {
    gw.child.kill('SIGTERM');
    await new Promise((r) => (gw.child.exitCode !== null ? r(null) : gw.child.once('exit', r)));
    await rm(dir, { recursive: true, force: true });
  }
}

/** Milliseconds `cargotrace import <args>` takes; fails unless it exits 0. */
async function timeCliImport(cli: string, args: string[]): Promise<number> {
  const started = process.hrtime.bigint();
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [cli, 'import', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('exit', resolve);
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (code !== 0) throw new Error(`cargotrace import exited with ${String(code)}`);
  return ms;
}

/** Milliseconds the gateway takes to accept `events`, POSTed in batches one request at a time. */
async function timeRawIngestion(base: string, events: unknown[], batchSize: number): Promise<number> {
  const bodies: string[] = [];
  for (let i = 0; i < events.length; i += batchSize) bodies.push(JSON.stringify({ events: events.slice(i, i + batchSize) }));
  const started = process.hrtime.bigint();
  for (const body of bodies) {
    const res = await fetch(`${base}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      body,
    });
    const answer = (await res.json()) as { accepted?: number };
    if (res.status !== 200 || !answer.accepted)
      throw new Error(`raw ingestion failed: ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
  }
  return Number(process.hrtime.bigint() - started) / 1e6;
}
