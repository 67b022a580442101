import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline';
import { createHash } from 'crypto';
import type { CargoTraceClient, AppendResult } from './client';
import type { Outbox, OutboxEntry } from './outbox';
import { readCsv, validateMapping } from './csv/mapping';
import type { CsvMapping, RowResult } from './csv/mapping';
import type { CustodyEvent, Party as Actor } from '@cargotrace/model';
import { validateForLedger as validateEvent } from './validation';
import { withId } from './canonical';
import { epcisEventList, epcisEventToCustody } from '@cargotrace/model/epcis';
import { EpcisSchemaValidator } from './epcis/schema-validator';

/**
 * What an import file holds: WMS CSV (with a mapping), custody events as JSON lines, or an EPCIS 2.0
 * document.
 *
 * @example
 * const format: ImportFormat = detectFormat('export.jsonld'); // 'epcis'
 */
export type ImportFormat = 'csv' | 'jsonl' | 'epcis';

/**
 * Options of {@link importFile}.
 *
 * @example
 * const options: ImportOptions = { file: 'document.jsonld', district: '2305', actor: { org: 'SipLogisticsMSP' }, outbox, client, batchSize: 500 };
 * const summary = await importFile(options);
 */
export interface ImportOptions {
  file: string;
  format?: ImportFormat;
  /** WMS CSV mapping (required for CSV) */
  mapping?: CsvMapping;
  /** district for EPCIS events (EPCIS has no district) */
  district?: string;
  actor?: Actor;
  /** EPCIS schema directory (else the GS1 schema vendored in @cargotrace/model) */
  epcisSchemaDir?: string;
  /** skip the EPCIS schema validation */
  skipSchema?: boolean;
  outbox: Outbox;
  /** without a client, events are only queued (send later with `outbox flush`) */
  client?: CargoTraceClient;
  batchSize?: number;
  /** ignore the resume checkpoint of this file and queue every line again */
  restart?: boolean;
  onProgress?: (p: ImportProgress) => void;
}

/**
 * Progress of an import, reported while reading and while sending.
 *
 * @example
 * await importFile({ file, mapping, outbox, client, onProgress: (p: ImportProgress) => console.error(`${p.phase} ${p.done}/${p.total}`) });
 */
export interface ImportProgress {
  phase: 'reading' | 'sending';
  total: number;
  done: number;
  accepted: number;
  duplicate: number;
  rejected: number;
}

/**
 * A line (or EPCIS event) that was not recorded, with the reason: local validation or the gateway's
 * machine-readable code and path.
 *
 * @example
 * for (const r of summary.rejected) console.log(`line ${r.line}: ${r.code ?? ''} ${r.path ?? ''} ${r.message}`);
 */
export interface Rejection {
  line: number;
  id?: string;
  code?: string;
  path?: string;
  message: string;
}

/**
 * What an import did: lines read and queued, gateway answers, rejections with line numbers, and
 * events still waiting in the outbox.
 *
 * @example
 * const s: ImportSummary = await importFile({ file: 'wms-export.csv', mapping, outbox, client });
 * process.exitCode = s.pending ? 3 : s.rejected.length ? 2 : 0;
 */
export interface ImportSummary {
  file: string;
  format: ImportFormat;
  /** data lines (or EPCIS events) read in this run */
  read: number;
  /** first line processed in this run when resuming after an interrupted run */
  resumedFromLine?: number;
  queued: number;
  accepted: number;
  duplicate: number;
  /** rejected locally (malformed) or by the gateway, with line numbers and reasons */
  rejected: Rejection[];
  /** events still in the outbox (gateway unavailable or no client) */
  pending: number;
  stoppedBy?: string;
}

/**
 * The format from the file extension: .csv/.tsv/.txt CSV, .jsonl/.ndjson JSON lines, anything else
 * EPCIS.
 *
 * @example
 * detectFormat('wms-export.csv'); // 'csv'
 * detectFormat('events.ndjson');  // 'jsonl'
 * detectFormat('document.jsonld'); // 'epcis'
 */
export function detectFormat(file: string): ImportFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  return 'epcis';
}

async function fileDigest(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

async function* readJsonl(file: string, fromLine: number): AsyncGenerator<RowResult> {
  const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line++;
    if (line < fromLine || !text.trim()) continue;
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (err) {
      yield { line, issues: [{ path: '', message: `not JSON: ${(err as Error).message}` }] };
      continue;
    }
    const ev = withId(obj as CustodyEvent);
    const issues = validateEvent(ev);
    yield issues.length ? { line, issues } : { line, event: ev };
  }
}

function* readEpcis(doc: Record<string, unknown>, opts: ImportOptions, fromLine: number): Generator<RowResult> {
  const events = epcisEventList(doc);
  for (let i = 0; i < events.length; i++) {
    const line = i + 1;
    if (line < fromLine) continue;
    let ev: CustodyEvent;
    try {
      ev = epcisEventToCustody(events[i], { district: opts.district, actor: opts.actor, context: doc['@context'] });
    } catch (err) {
      yield { line, issues: [{ path: '', message: (err as Error).message }] };
      continue;
    }
    const issues = validateEvent(ev);
    if (issues.some((x) => x.path === '/district'))
      issues.push({ path: '/district', message: 'EPCIS events have no district: pass --district' });
    yield issues.length ? { line, issues } : { line, event: ev };
  }
}

/**
 * Imports a file through the outbox: every valid line is queued locally first (atomically with a
 * resume checkpoint), then the outbox is flushed in order. Malformed lines are reported with their
 * line numbers and never block the rest. Re-running after a crash resumes after the last queued
 * line; ids make any resend a `duplicate`.
 *
 * @example
 * const outbox = await Outbox.open('.cargotrace/outbox');
 * try {
 *   const summary = await importFile({ file: 'client-sdk/examples/sip-wms-export.csv', mapping, outbox, client: new CargoTraceClient({ gateway: 'http://127.0.0.1:4000', apiKey: 'demo-sip-warehouse' }) });
 *   console.log(summary.accepted, summary.duplicate, summary.rejected.length, summary.pending);
 * } finally {
 *   await outbox.close();
 * }
 */
export async function importFile(opts: ImportOptions): Promise<ImportSummary> {
  const format = opts.format ?? detectFormat(opts.file);
  const summary: ImportSummary = { file: opts.file, format, read: 0, queued: 0, accepted: 0, duplicate: 0, rejected: [], pending: 0 };
  const progress: ImportProgress = { phase: 'reading', total: 0, done: 0, accepted: 0, duplicate: 0, rejected: 0 };

  const ckptKey = `import:${await fileDigest(opts.file)}`;
  const ckpt = opts.restart ? undefined : await opts.outbox.getCheckpoint<{ line: number }>(ckptKey);
  const fromLine = ckpt ? ckpt.line + 1 : 0;
  if (ckpt) summary.resumedFromLine = fromLine;

  const rows = await openRows(opts, format, fromLine, summary);
  await queueRows(rows, opts, { key: ckptKey, line: ckpt?.line ?? 0 }, summary, progress);
  if (opts.client) await sendQueued(opts, opts.client, summary, progress);
  summary.pending = await opts.outbox.size();
  summary.rejected.sort((a, b) => a.line - b.line);
  return summary;
}

/** The file's rows from `fromLine` on, read as `format`; EPCIS events failing the schema go to `summary.rejected`. */
async function openRows(
  opts: ImportOptions,
  format: ImportFormat,
  fromLine: number,
  summary: ImportSummary,
): Promise<AsyncIterable<RowResult> | Iterable<RowResult>> {
  if (format === 'csv') {
    if (!opts.mapping) throw new Error('a mapping file is required for CSV imports (--mapping <file.json>)');
    const errs = validateMapping(opts.mapping);
    if (errs.length) throw new Error(`invalid mapping: ${errs.join('; ')}`);
    return readCsv(opts.file, opts.mapping, { fromLine });
  }
  if (format === 'jsonl') return readJsonl(opts.file, fromLine);
  const doc = JSON.parse(await fs.promises.readFile(opts.file, 'utf8')) as Record<string, unknown>;
  if (!opts.skipSchema) rejectSchemaFailures(doc, opts, summary);
  return readEpcis(doc, opts, fromLine);
}

/** Reports the events that fail the EPCIS schema and drops them from `doc`; the others still import. */
function rejectSchemaFailures(doc: Record<string, unknown>, opts: ImportOptions, summary: ImportSummary): void {
  const issues = EpcisSchemaValidator.load(opts.epcisSchemaDir).validate(doc);
  if (!issues.length) return;
  const bad = new Map<number, string[]>();
  for (const i of issues) {
    const m = /^\/epcisBody\/(?:eventList|queryResults\/resultsBody\/eventList)\/(\d+)/.exec(i.path);
    const idx = m ? Number(m[1]) : -1;
    bad.set(idx, [...(bad.get(idx) ?? []), `${i.path}: ${i.message}`]);
  }
  const documentIssues = bad.get(-1);
  if (documentIssues) throw new Error(`not a valid EPCIS 2.0 document: ${documentIssues.slice(0, 5).join('; ')}`);
  const list = epcisEventList(doc);
  const kept = list.filter((_e, i) => !bad.has(i));
  for (const [idx, msgs] of bad) summary.rejected.push({ line: idx + 1, code: 'EPCIS_SCHEMA', message: msgs.slice(0, 3).join('; ') });
  const body = doc.epcisBody as Record<string, unknown>;
  if (Array.isArray(body.eventList)) body.eventList = kept;
}

/** Queues the valid rows in the outbox, 1000 at a time, each batch with the resume checkpoint
 * (the last line read); invalid rows go to `summary.rejected`. */
async function queueRows(
  rows: AsyncIterable<RowResult> | Iterable<RowResult>,
  opts: ImportOptions,
  checkpoint: { key: string; line: number },
  summary: ImportSummary,
  progress: ImportProgress,
): Promise<void> {
  let buf: { event: CustodyEvent; source: { file: string; line: number } }[] = [];
  let lastLine = checkpoint.line;
  const commit = async () => {
    summary.queued += await opts.outbox.enqueue(buf, { key: checkpoint.key, value: { line: lastLine } });
    buf = [];
  };
  for await (const r of rows) {
    summary.read++;
    lastLine = Math.max(lastLine, r.line);
    if (r.event) buf.push({ event: r.event, source: { file: opts.file, line: r.line } });
    else summary.rejected.push(localRejection(r));
    if (buf.length >= 1000) await commit();
    progress.done = summary.read;
    progress.rejected = summary.rejected.length;
    if (summary.read % 1000 === 0) opts.onProgress?.({ ...progress });
  }
  await commit();
  opts.onProgress?.({ ...progress });
}

function localRejection(r: RowResult): Rejection {
  return {
    line: r.line,
    id: undefined,
    code: 'VALIDATION_FAILED',
    path: r.issues?.[0]?.path,
    message: (r.issues ?? []).map((i) => `${i.path ? `${i.path}: ` : ''}${i.message}`).join('; '),
  };
}

/** Flushes the outbox to the gateway, counting what the gateway did with each event. */
async function sendQueued(opts: ImportOptions, client: CargoTraceClient, summary: ImportSummary, progress: ImportProgress): Promise<void> {
  progress.phase = 'sending';
  progress.total = await opts.outbox.size();
  progress.done = 0;
  const report = await opts.outbox.flush(client, {
    batchSize: opts.batchSize ?? 500,
    onResults: (entries: OutboxEntry[], results: AppendResult[]) => {
      entries.forEach((e, i) => {
        countResult(results[i], e, summary);
      });
      progress.done += entries.length;
      progress.accepted = summary.accepted;
      progress.duplicate = summary.duplicate;
      progress.rejected = summary.rejected.length;
      opts.onProgress?.({ ...progress });
    },
  });
  summary.stoppedBy = report.stoppedBy;
}

function countResult(r: AppendResult, e: OutboxEntry, summary: ImportSummary): void {
  if (r.status === 'accepted') summary.accepted++;
  else if (r.status === 'duplicate') summary.duplicate++;
  else
    summary.rejected.push({
      line: e.source?.line ?? 0,
      id: r.id,
      code: r.code,
      path: r.path,
      message: r.message ?? 'rejected by the gateway',
    });
}

/**
 * Writes rejected lines (original text for CSV/JSONL) with their reasons as JSON lines.
 *
 * @example
 * if (summary.rejected.length) await writeRejections('wms-export.csv.rejected.jsonl', 'wms-export.csv', summary.format, summary.rejected);
 */
export async function writeRejections(file: string, source: string, format: ImportFormat, rejected: Rejection[]): Promise<void> {
  const wanted = new Map(rejected.map((r) => [r.line, r]));
  const raw = new Map<number, string>();
  if (format !== 'epcis' && wanted.size) {
    const rl = readline.createInterface({ input: fs.createReadStream(source), crlfDelay: Infinity });
    let n = 0;
    for await (const text of rl) {
      n++;
      if (wanted.has(n)) raw.set(n, text);
    }
  }
  const out = rejected.map((r) => JSON.stringify({ ...r, ...(raw.has(r.line) ? { raw: raw.get(r.line) } : {}) })).join('\n');
  await fs.promises.writeFile(file, out ? out + '\n' : '');
}
