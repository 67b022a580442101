import * as path from 'path';
import { Option, type Command } from 'commander';
import type { CsvMapping } from '../../csv/mapping';
import { importFile, writeRejections, type ImportFormat, type ImportOptions, type ImportSummary, type Rejection } from '../../importer';
import { Outbox } from '../../outbox';
import { client, globals, readJson } from '../cli-context';
import { progressReporter } from '../progress';

interface ImportCliOptions {
  mapping?: string;
  format?: ImportFormat;
  district?: string;
  actorOrg?: string;
  enterpriseCode?: string;
  epcisSchema?: string;
  rejects?: string;
  batchSize: number;
  send: boolean;
  restart?: boolean;
  json?: boolean;
}

/** `cargotrace import <file>`: WMS CSV, JSON lines or an EPCIS document, through the durable outbox. */
export function addImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      'import a WMS CSV export (with --mapping), custody events as JSON lines, or an EPCIS 2.0 JSON/JSON-LD document; events go through the durable outbox',
    )
    .argument('<file>', 'file.csv | file.jsonl | document.jsonld')
    .option('-m, --mapping <file>', 'CSV mapping (JSON: columns, constants, kinds, timeZone)')
    .addOption(new Option('-f, --format <format>', 'input format (default: from the extension)').choices(['csv', 'jsonl', 'epcis']))
    .option('-d, --district <code>', 'district for EPCIS events (EPCIS has no district)')
    .option('--actor-org <mspId>', 'actor org recorded on EPCIS events')
    .option('--enterprise-code <code>', 'actor enterprise code recorded on EPCIS events')
    .option('--epcis-schema <dir>', 'GS1 EPCIS 2.0 JSON Schema directory (default: the GS1 schema vendored in @cargotrace/model)')
    .option('--rejects <file>', 'where to write rejected lines (default <file>.rejected.jsonl)')
    .option('--batch-size <n>', 'events per request', (v) => Number(v), 500)
    .option('--no-send', 'only queue into the outbox (send later with `outbox flush`)')
    .option('--restart', 'ignore the resume checkpoint and queue every line again')
    .option('--json', 'print the summary as JSON')
    .action(runImport);
}

async function runImport(file: string, o: ImportCliOptions, cmd: Command): Promise<void> {
  const g = globals(cmd);
  const outbox = await Outbox.open(g.outbox);
  const bar = progressReporter(path.basename(file));
  try {
    const summary = await importFile({ ...importOptions(file, o), outbox, client: o.send ? client(g) : undefined, onProgress: bar.update });
    bar.stop();
    const rejectsFile = o.rejects ?? `${file}.rejected.jsonl`;
    if (summary.rejected.length) await writeRejections(rejectsFile, file, summary.format, summary.rejected);
    if (o.json)
      process.stdout.write(JSON.stringify({ ...summary, rejectsFile: summary.rejected.length ? rejectsFile : undefined }, null, 2) + '\n');
    else process.stdout.write(summaryText(file, summary, rejectsFile) + '\n');
    process.exitCode = exitCode(summary);
  } finally {
    bar.stop();
    await outbox.close();
  }
}

/** The file-related options of importFile, from the command line. */
function importOptions(file: string, o: ImportCliOptions): Omit<ImportOptions, 'outbox'> {
  return {
    file,
    format: o.format,
    mapping: o.mapping ? (readJson(o.mapping) as CsvMapping) : undefined,
    district: o.district,
    actor: o.actorOrg ? { org: o.actorOrg, ...(o.enterpriseCode ? { enterpriseCode: o.enterpriseCode } : {}) } : undefined,
    epcisSchemaDir: o.epcisSchema,
    batchSize: o.batchSize,
    restart: o.restart,
  };
}

/** 0 all recorded, 2 some rejected, 3 events still pending in the outbox. */
function exitCode(summary: ImportSummary): number {
  if (summary.pending) return 3;
  return summary.rejected.length ? 2 : 0;
}

function rejectionLine(unit: string, r: Rejection): string {
  return `    ${unit} ${r.line}: ${r.code ? `${r.code} ` : ''}${r.path && !r.message.startsWith(r.path) ? `${r.path}: ` : ''}${r.message}`;
}

/** The summary for a person: counts, the first 20 rejections, where the rest went, what waits. */
function summaryText(file: string, summary: ImportSummary, rejectsFile: string): string {
  const unit = summary.format === 'epcis' ? 'event' : 'line';
  const out: string[] = [];
  out.push(
    `${file}: ${summary.read} ${unit}s read${summary.resumedFromLine ? ` (resumed at line ${summary.resumedFromLine})` : ''}, ${summary.queued} queued`,
  );
  out.push(`  accepted  ${summary.accepted}`, `  duplicate ${summary.duplicate}`, `  rejected  ${summary.rejected.length}`);
  out.push(...summary.rejected.slice(0, 20).map((r) => rejectionLine(unit, r)));
  if (summary.rejected.length > 20) out.push(`    … ${summary.rejected.length - 20} more`);
  if (summary.rejected.length) out.push(`  rejected lines written to ${rejectsFile}`);
  if (summary.pending)
    out.push(
      `  ${summary.pending} events wait in the outbox${summary.stoppedBy ? ` (gateway unavailable: ${summary.stoppedBy})` : ''}; run \`cargotrace outbox flush\``,
    );
  return out.join('\n');
}
