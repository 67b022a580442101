/**
 * End-to-end: the `cargotrace` CLI against the real gateway (embedded ledger).
 * - a 100,000-row WMS CSV import (CARGOTRACE_E2E_ROWS to change the size);
 * - SIGKILL the CLI mid-import and rerun: every row is on the ledger exactly once;
 * - stop the gateway mid-import: the outbox keeps the events and flushes them later.
 */
import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawn, type ChildProcess } from 'child_process';
import { startGateway, type RunningGateway } from '@cargotrace/gateway';
import { Outbox, CargoTraceClient } from '@cargotrace/client-sdk';
import type { CsvMapping } from '@cargotrace/client-sdk';
import { binOf } from '../support/bin';
import { defined } from '../support/defined';
import { WMS_LOT_MAPPING, wmsLotExport } from '../support/wms-lot-export';

const ROWS = Number(process.env.CARGOTRACE_E2E_ROWS ?? 100_000);
const CLI = binOf('@cargotrace/client-sdk', 'cargotrace');
const API_KEY = 'demo-sip-warehouse';

const MAPPING: CsvMapping = { ...WMS_LOT_MAPPING, idPrefix: 'e2e-' };

function writeCsv(file: string, rows: number, tag: string): string[] {
  const { csv, txnNos } = wmsLotExport(rows, tag);
  fs.writeFileSync(file, csv);
  const prefix = defined(MAPPING.idPrefix, 'MAPPING.idPrefix');
  return txnNos.map((txnNo) => prefix + txnNo);
}

const children = new Set<ChildProcess>();
interface CliRun {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}
function runCli(args: string[], env: Record<string, string> = {}): CliRun {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { CORE_CHAINCODE_LOGGING_LEVEL: 'error', ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

async function ledgerIds(gw: RunningGateway, district = '2305', channel = 'district-2300'): Promise<string[]> {
  const ids: string[] = [];
  let bookmark = '';
  for (;;) {
    const page = JSON.parse(
      await gw.backend.evaluate(channel, 'gateway-service', 'custody:queryEventsByDistrict', [
        district,
        '2026-10-01T00:00:00.000Z',
        '2027-01-01T00:00:00.000Z',
        '1000',
        bookmark,
      ]),
    ) as { records: { event: { id: string } }[]; bookmark?: string; fetched?: number };
    for (const r of page.records) ids.push(r.event.id);
    if (!page.bookmark || page.records.length < 1000 || page.bookmark === bookmark) break;
    bookmark = page.bookmark;
  }
  return ids;
}

async function waitFor(pred: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await pred()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
}

describe('client-sdk e2e: cargotrace CLI against the gateway', function () {
  this.timeout(Math.max(120_000, ROWS * 20));
  let dir: string;
  let gw: RunningGateway | undefined;
  const dataDir = () => path.join(dir, 'ledger');
  const start = async (port = 0) => {
    gw = await startGateway({ port, host: '127.0.0.1', dataDir: dataDir(), demo: false });
    return gw;
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-e2e-'));
  });
  afterEach(async () => {
    for (const c of children) c.kill('SIGKILL');
    children.clear();
    await gw?.close();
    gw = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`imports ${ROWS} CSV rows; SIGKILL mid-import and a rerun leave every row exactly once`, async () => {
    const g = await start();
    const csv = path.join(dir, 'wms.csv');
    const mapping = path.join(dir, 'mapping.json');
    fs.writeFileSync(mapping, JSON.stringify(MAPPING));
    const ids = writeCsv(csv, ROWS, 'K');
    const args = [
      'import',
      csv,
      '--mapping',
      mapping,
      '--gateway',
      g.url,
      '--api-key',
      API_KEY,
      '--outbox',
      path.join(dir, 'outbox'),
      '--json',
      '--batch-size',
      '500',
    ];

    const first = runCli(args);
    // Kill once some batches were acknowledged: the CLI's own progress lines say so first; one
    // page of the ledger confirms it (reading every page on each poll could let a fast import
    // finish before the kill).
    const enough = Math.min(1000, Math.floor(ROWS / 4));
    let progress = '';
    defined(first.child.stderr, "the CLI's stderr").on('data', (d: Buffer) => {
      progress = (progress + d.toString()).slice(-4000);
    });
    const ackedByCli = () => Math.max(0, ...[...progress.matchAll(/accepted=(\d+)/g)].map((m) => Number(m[1])));
    const ackedOnLedger = async () =>
      (
        JSON.parse(
          await g.backend.evaluate('district-2300', 'gateway-service', 'custody:queryEventsByDistrict', [
            '2305',
            '2026-10-01T00:00:00.000Z',
            '2027-01-01T00:00:00.000Z',
            String(enough),
            '',
          ]),
        ) as { records: unknown[] }
      ).records.length;
    await waitFor(async () => ackedByCli() >= enough || (await ackedOnLedger()) >= enough, ROWS * 20);
    first.child.kill('SIGKILL');
    const r1 = await first.done;
    expect(
      r1.signal,
      `the first import ended by itself (code ${String(r1.code)}): ${r1.stdout.slice(-500)} ${r1.stderr.slice(-1500)}`,
    ).to.equal('SIGKILL');

    const second = await runCli(args).done;
    expect(second.code, second.stderr).to.equal(0);
    const summary = JSON.parse(second.stdout) as { accepted: number; duplicate: number; rejected: unknown[]; pending: number };
    expect(summary.rejected).to.deep.equal([]);
    expect(summary.pending).to.equal(0);

    const onLedger = await ledgerIds(g);
    expect(onLedger.length).to.equal(ROWS);
    expect(new Set(onLedger).size).to.equal(ROWS);
    const want = new Set(ids);
    for (const id of onLedger) expect(want.has(id)).to.equal(true);
  });

  it('keeps events in the outbox while the gateway is down and flushes them later', async () => {
    const rows = Math.min(ROWS, 5_000);
    let g = await start();
    const port = g.port;
    const csv = path.join(dir, 'wms.csv');
    const mapping = path.join(dir, 'mapping.json');
    const outboxDir = path.join(dir, 'outbox');
    fs.writeFileSync(mapping, JSON.stringify(MAPPING));
    const ids = writeCsv(csv, rows, 'G');
    const run = runCli([
      'import',
      csv,
      '--mapping',
      mapping,
      '--gateway',
      g.url,
      '--api-key',
      API_KEY,
      '--outbox',
      outboxDir,
      '--json',
      '--batch-size',
      '200',
    ]);
    await waitFor(async () => (await ledgerIds(g)).length >= 400, 120_000);
    await g.close(); // outage mid-import
    gw = undefined;
    const r = await run.done;
    const summary = JSON.parse(r.stdout) as { pending: number; stoppedBy?: string; accepted: number };
    expect(r.code).to.equal(3);
    expect(summary.pending).to.be.greaterThan(0);
    expect(summary.stoppedBy).to.be.a('string');

    const ob = await Outbox.open(outboxDir);
    expect(await ob.size()).to.equal(summary.pending);
    await ob.close();

    g = await start(port);
    const flush = await runCli(['outbox', 'flush', '--gateway', g.url, '--api-key', API_KEY, '--outbox', outboxDir, '--json']).done;
    expect(flush.code, flush.stderr).to.equal(0);
    const onLedger = await ledgerIds(g);
    expect(onLedger.length).to.equal(rows);
    expect(new Set(onLedger)).to.deep.equal(new Set(ids));
    const client = new CargoTraceClient({ gateway: g.url, apiKey: API_KEY });
    const again = await client.appendEvents([
      {
        id: ids[0].replace(/^e2e-/, 'x-'),
        kind: 'MOVED',
        goods: [{ type: 'lot', id: 'LOT-X' }],
        eventTime: '2026-11-01T08:00:00+08:00',
        district: '2305',
        site: 'CNSZP-BZ-WH01',
        actor: { org: 'SipLogisticsMSP', enterpriseCode: '3205960123' },
      },
    ]);
    expect(again[0].status).to.equal('accepted');
  });
});
