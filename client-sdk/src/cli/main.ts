#!/usr/bin/env node
import * as fs from 'fs';
import * as path from 'path';
import { Command, Option } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { CargoTraceClient, GatewayError } from '../client';
import type { TraceResult, TraceEvent, TraceOptions, GateCheckResult } from '../client';
import { Outbox } from '../outbox';
import { importFile, writeRejections, detectFormat } from '../importer';
import type { ImportProgress, ImportFormat } from '../importer';
import type { CsvMapping } from '../csv/mapping';
import type { CustodyEvent } from '@cargotrace/model';
import { validateForLedger } from '../validation';
import { EpcisSchemaValidator } from '../epcis/schema-validator';
import { cbvEventHash, epcisEventList, epcisEventToCustody, toEpcisDocument } from '@cargotrace/model/epcis';
import { canonicalJson } from '@cargotrace/model';

interface Globals { gateway?: string; apiKey?: string; outbox: string }

function globals(cmd: Command): Globals {
  const o = cmd.optsWithGlobals() as { gateway?: string; apiKey?: string; outbox?: string };
  return {
    gateway: o.gateway ?? process.env.CARGOTRACE_GATEWAY,
    apiKey: o.apiKey ?? process.env.CARGOTRACE_API_KEY,
    outbox: o.outbox ?? process.env.CARGOTRACE_OUTBOX ?? path.join(process.cwd(), '.cargotrace', 'outbox'),
  };
}

function client(g: Globals, required = true): CargoTraceClient | undefined {
  if (!g.gateway) {
    if (required) throw new GatewayError('no gateway: pass --gateway <url> or set CARGOTRACE_GATEWAY');
    return undefined;
  }
  return new CargoTraceClient({ gateway: g.gateway, apiKey: g.apiKey });
}

function progressReporter(label: string): { update: (p: ImportProgress) => void; stop: () => void } {
  if (process.stderr.isTTY) {
    let bar: SingleBar | undefined;
    let phase = '';
    let stopped = false;
    return {
      update: (p) => {
        if (p.phase !== phase) {
          bar?.stop();
          phase = p.phase;
          bar = new SingleBar({ format: `${label} ${p.phase.padEnd(7)} [{bar}] {value}/{total} | accepted {accepted} duplicate {duplicate} rejected {rejected}`, stream: process.stderr }, Presets.shades_classic);
          bar.start(Math.max(p.total, p.done), p.done, p);
        }
        if (p.total < p.done) bar!.setTotal(p.done);
        bar!.update(p.done, p);
      },
      stop: () => { if (!stopped) { stopped = true; bar?.stop(); } },
    };
  }
  let last = 0;
  let lastP: ImportProgress | undefined;
  let printed: ImportProgress | undefined;
  const line = (p: ImportProgress) => process.stderr.write(`${label} ${p.phase}: ${p.done}${p.total ? `/${p.total}` : ''} accepted=${p.accepted} duplicate=${p.duplicate} rejected=${p.rejected}\n`);
  return {
    update: (p) => { lastP = p; if (Date.now() - last >= 2000) { last = Date.now(); printed = p; line(p); } },
    stop: () => { if (lastP && lastP !== printed) { printed = lastP; line(lastP); } },
  };
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

function timeline(tr: TraceResult, goodsId: string): string {
  const lines: string[] = [];
  lines.push(`Trace of ${tr.root ? `${tr.root.type} ${tr.root.id}` : goodsId} across districts ${(tr.districts ?? []).join(', ') || '-'}${tr.hiddenGoods ? ` (${tr.hiddenGoods} related goods outside your scope)` : ''}`);
  const events = [...(tr.events ?? [])];
  // custodian at an event: the custody segment covering it, else the event's receiving party/actor
  const segs = tr.custody ?? [];
  const custodianAt = (e: TraceEvent): string | undefined => {
    const t = Date.parse(e.eventTime ?? '');
    const seg = segs.find((s) => s.district === e.district && Date.parse(s.from) <= t && (!s.to || t <= Date.parse(s.to)) && e.goods?.some((g) => g.id === s.goods.id));
    return seg?.custodian.org ?? e.custody?.to?.org ?? e.actor?.org ?? undefined;
  };
  let district: string | undefined;
  let custodian: string | undefined;
  for (const e of events) {
    if (e.district !== district) {
      district = e.district;
      custodian = undefined;
      lines.push('', `== district ${district} ==`);
    }
    const holder = custodianAt(e);
    if (holder && holder !== custodian) {
      custodian = holder;
      lines.push(`  -- custodian ${custodian} --`);
    }
    const where = [e.site, e.readPoint].filter(Boolean).join(' / ');
    const extra = [
      e.custody?.from && e.custody?.to ? `${e.custody.from.org} -> ${e.custody.to.org}` : '',
      e.seals?.length ? `seals ${e.seals.join(',')}` : '',
      e.weight ? `${e.weight.value} ${e.weight.unit}` : '',
      e.disposition ?? '', e.supervisionStatus ?? '', e.result ? `result ${e.result}` : '',
    ].filter(Boolean).join('; ');
    const goods = (e.goods ?? []).map((g) => g.id).join(',');
    lines.push(`  ${e.eventTime}  ${String(e.kind).padEnd(18)} ${goods}${where ? ` @ ${where}` : ''}${extra ? `  (${extra})` : ''}`);
  }
  if (tr.crossings?.length) {
    lines.push('', 'District crossings:');
    for (const c of tr.crossings) lines.push(`  ${c.goods.id}: ${c.fromDistrict ?? '?'} -> ${c.toDistrict ?? '?'}  ${c.verdict}${c.issues.length > 1 ? ` (${c.issues.join(', ')})` : ''}`);
  }
  if (tr.anomalies?.length) {
    lines.push('', 'Anomalies:');
    for (const a of tr.anomalies) lines.push(`  ! ${a.severity} ${a.type} [${a.district}] ${a.goods.id}: ${a.message}`);
  }
  return lines.join('\n');
}

export function buildProgram(): Command {
  const program = new Command('cargotrace')
    .description('CargoTrace client: import WMS CSV / JSON lines / GS1 EPCIS 2.0, trace goods, gate checks, durable outbox')
    .option('-g, --gateway <url>', 'gateway URL (env CARGOTRACE_GATEWAY)')
    .option('-k, --api-key <key>', 'API key (env CARGOTRACE_API_KEY)')
    .option('--outbox <dir>', 'outbox directory (env CARGOTRACE_OUTBOX; default ./.cargotrace/outbox)')
    .showHelpAfterError();

  program.command('import')
    .description('import a WMS CSV export (with --mapping), custody events as JSON lines, or an EPCIS 2.0 JSON/JSON-LD document; events go through the durable outbox')
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
    .action(async (file: string, o: { mapping?: string; format?: ImportFormat; district?: string; actorOrg?: string; enterpriseCode?: string; epcisSchema?: string; rejects?: string; batchSize: number; send: boolean; restart?: boolean; json?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      const outbox = await Outbox.open(g.outbox);
      const bar = progressReporter(path.basename(file));
      try {
        const summary = await importFile({
          file,
          format: o.format,
          mapping: o.mapping ? readJson<CsvMapping>(o.mapping) : undefined,
          district: o.district,
          actor: o.actorOrg ? { org: o.actorOrg, ...(o.enterpriseCode ? { enterpriseCode: o.enterpriseCode } : {}) } : undefined,
          epcisSchemaDir: o.epcisSchema,
          outbox,
          client: o.send ? client(g) : undefined,
          batchSize: o.batchSize,
          restart: o.restart,
          onProgress: bar.update,
        });
        bar.stop();
        const rejectsFile = o.rejects ?? `${file}.rejected.jsonl`;
        if (summary.rejected.length) await writeRejections(rejectsFile, file, summary.format, summary.rejected);
        if (o.json) process.stdout.write(JSON.stringify({ ...summary, rejectsFile: summary.rejected.length ? rejectsFile : undefined }, null, 2) + '\n');
        else {
          const out: string[] = [];
          out.push(`${file}: ${summary.read} ${summary.format === 'epcis' ? 'events' : 'lines'} read${summary.resumedFromLine ? ` (resumed at line ${summary.resumedFromLine})` : ''}, ${summary.queued} queued`);
          out.push(`  accepted  ${summary.accepted}`, `  duplicate ${summary.duplicate}`, `  rejected  ${summary.rejected.length}`);
          for (const r of summary.rejected.slice(0, 20)) out.push(`    ${summary.format === 'epcis' ? 'event' : 'line'} ${r.line}: ${r.code ? `${r.code} ` : ''}${r.path && !r.message.startsWith(r.path) ? `${r.path}: ` : ''}${r.message}`);
          if (summary.rejected.length > 20) out.push(`    … ${summary.rejected.length - 20} more`);
          if (summary.rejected.length) out.push(`  rejected lines written to ${rejectsFile}`);
          if (summary.pending) out.push(`  ${summary.pending} events wait in the outbox${summary.stoppedBy ? ` (gateway unavailable: ${summary.stoppedBy})` : ''}; run \`cargotrace outbox flush\``);
          process.stdout.write(out.join('\n') + '\n');
        }
        process.exitCode = summary.pending ? 3 : summary.rejected.length ? 2 : 0;
      } finally {
        bar.stop();
        await outbox.close();
      }
    });

  program.command('trace')
    .description('end-to-end trace of goods across districts: a timeline by district and custodian')
    .argument('<goods-id>', 'container number, consignment, lot, part number, EPC …')
    .option('-t, --type <type>', 'goods type (container, consignment, declaration, lot, part, epc, digital-link)')
    .addOption(new Option('--direction <dir>', 'follow related goods').choices(['UPSTREAM', 'DOWNSTREAM', 'BOTH']))
    .option('--max-depth <n>', 'how far to follow related goods', (v) => Number(v))
    .option('--json', 'print the raw trace as JSON')
    .action(async (goodsId: string, o: { type?: string; direction?: string; maxDepth?: number; json?: boolean }, cmd: Command) => {
      const tr = await client(globals(cmd))!.trace(goodsId, { type: o.type, direction: o.direction as TraceOptions['direction'], maxDepth: o.maxDepth });
      if (!tr) { process.stderr.write(`no trace for ${goodsId}\n`); process.exitCode = 1; return; }
      process.stdout.write((o.json ? JSON.stringify(tr, null, 2) : timeline(tr, goodsId)) + '\n');
    });

  program.command('gate-check')
    .description('automatic gate release: may this container pass the gate? exit code 0 = ALLOW, 2 = DENY')
    .argument('<container>', 'container number')
    .requiredOption('--gate <id>', 'gate site id (e.g. CNSZP-BZ-GATE1)')
    .addOption(new Option('--direction <dir>', 'gate direction').choices(['IN', 'OUT', 'in', 'out']).default('OUT'))
    .option('--seal <seal...>', 'seal numbers read at the gate')
    .option('-w, --weight <kg>', 'weighbridge gross weight in kg', (v) => Number(v))
    .option('--json', 'print the answer as JSON')
    .action(async (container: string, o: { gate: string; direction: string; seal?: string[]; weight?: number; json?: boolean }, cmd: Command) => {
      const r = await client(globals(cmd))!.gateCheck<GateCheckResult>({ containerNo: container, gateId: o.gate, direction: o.direction.toUpperCase() as 'IN' | 'OUT', seals: o.seal, grossWeightKg: o.weight });
      if (o.json) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
      else {
        process.stdout.write(`${r.containerNo} at ${r.gateId} (${r.district}, ${r.direction}): ${r.decision}\n`);
        for (const reason of r.reasons ?? []) process.stdout.write(`  ${reason.ok ? 'ok ' : 'NO '} ${reason.code}: ${reason.message}\n`);
      }
      process.exitCode = r.decision === 'ALLOW' ? 0 : 2;
    });

  program.command('verify')
    .description('check a file without sending it: EPCIS schema validation and event-hash ids, custody-event validation; with --ledger, compare every event with the ledger')
    .argument('[file]', 'document.jsonld | file.jsonl')
    .option('-d, --district <code>', 'district for EPCIS events', '0000')
    .option('--chain <channel...>', 'also re-check the hash chain of these ledger channels on the gateway (e.g. district-2300)')
    .option('--epcis-schema <dir>', 'GS1 EPCIS 2.0 JSON Schema directory')
    .option('--ledger', 'also fetch every event from the gateway and compare')
    .option('--json', 'print the findings as JSON')
    .action(async (file: string | undefined, o: { district: string; chain?: string[]; epcisSchema?: string; ledger?: boolean; json?: boolean }, cmd: Command) => {
      const findings: { index: number; id?: string; problem: string }[] = [];
      let events: CustodyEvent[] = [];
      for (const channel of o.chain ?? []) {
        const v = await client(globals(cmd))!.verifyChain(channel);
        if (!v.ok) findings.push({ index: -1, problem: `ledger channel ${channel}: chain broken at block ${v.firstBadBlock ?? '?'}${v.firstBadTxId ? ` tx ${v.firstBadTxId}` : ''}: ${v.reason ?? ''}` });
        else if (!o.json) process.stdout.write(`channel ${channel}: hash chain ok, height ${v.height}\n`);
      }
      if (!file) {
        if (!o.chain?.length) throw new Error('nothing to verify: give a file and/or --chain <channel>');
      } else if (detectFormat(file) === 'epcis') {
        const doc = readJson<Record<string, unknown>>(file);
        for (const i of EpcisSchemaValidator.load(o.epcisSchema).validate(doc)) findings.push({ index: -1, problem: `schema ${i.path}: ${i.message}` });
        epcisEventList(doc).forEach((e, i) => {
          const id = e.eventID;
          if (typeof id === 'string' && id.startsWith('ni:///')) {
            const h = cbvEventHash(e, doc['@context']);
            if (h !== id) findings.push({ index: i + 1, id, problem: `eventID is not the CBV 2.0 hash of the event (computed ${h})` });
          }
          const ev = epcisEventToCustody(e, { district: o.district, context: doc['@context'] });
          for (const v of validateForLedger(ev)) findings.push({ index: i + 1, id: ev.id, problem: `${v.path}: ${v.message}` });
          events.push(ev);
        });
      } else {
        events = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as CustodyEvent);
        events.forEach((ev, i) => { for (const v of validateForLedger(ev)) findings.push({ index: i + 1, id: ev.id, problem: `${v.path}: ${v.message}` }); });
      }
      if (o.ledger) {
        const c = client(globals(cmd))!;
        for (const [i, ev] of events.entries()) {
          let onLedger: CustodyEvent | undefined;
          try { onLedger = await c.findEvent(ev); } catch (err) { findings.push({ index: i + 1, id: ev.id, problem: `ledger: ${(err as Error).message}` }); continue; }
          if (!onLedger) { findings.push({ index: i + 1, id: ev.id, problem: 'not on the ledger (or outside your scope)' }); continue; }
          if (canonicalJson(onLedger) !== canonicalJson(ev)) findings.push({ index: i + 1, id: ev.id, problem: 'the ledger holds different content under this id' });
        }
      }
      if (o.json) process.stdout.write(JSON.stringify({ events: events.length, findings }, null, 2) + '\n');
      else {
        process.stdout.write(`${file ?? 'ledger'}: ${events.length} events, ${findings.length ? `${findings.length} problems` : 'OK'}\n`);
        for (const f of findings) process.stdout.write(`  ${f.index >= 0 ? `#${f.index} ` : ''}${f.id ? `${f.id}: ` : ''}${f.problem}\n`);
      }
      process.exitCode = findings.length ? 2 : 0;
    });

  program.command('export-epcis')
    .description('convert custody events (JSON lines) into an EPCIS 2.0 document')
    .argument('<file>', 'file.jsonl of custody events or stored records')
    .option('-o, --out <file>', 'output file (default stdout)')
    .action(async (file: string, o: { out?: string }) => {
      const events = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as CustodyEvent);
      const text = JSON.stringify(toEpcisDocument(events), null, 2) + '\n';
      if (o.out) fs.writeFileSync(o.out, text); else process.stdout.write(text);
    });

  const outbox = program.command('outbox').description('inspect or flush the local durable outbox');
  outbox.command('status')
    .description('queued and rejected events in the outbox')
    .option('--json', 'print as JSON')
    .option('--rejected', 'list rejected (dead-letter) events with reasons')
    .action(async (o: { json?: boolean; rejected?: boolean }, cmd: Command) => {
      const ob = await Outbox.open(globals(cmd).outbox);
      try {
        const st = await ob.status();
        const dead = o.rejected ? await ob.deadLetters(1000) : [];
        if (o.json) process.stdout.write(JSON.stringify({ ...st, ...(o.rejected ? { deadLetters: dead } : {}) }, null, 2) + '\n');
        else {
          process.stdout.write(`outbox ${ob.dir}\n  queued   ${st.queued}${st.oldest ? ` (oldest ${st.oldest.id}, queued ${st.oldest.enqueuedAt})` : ''}\n  rejected ${st.rejected}\n`);
          for (const d of dead) process.stdout.write(`    ${d.entry.event.id}${d.entry.source?.line ? ` (line ${d.entry.source.line})` : ''}: ${d.result.code ?? ''} ${d.result.path ?? ''} ${d.result.message ?? ''}\n`);
        }
      } finally { await ob.close(); }
    });
  outbox.command('flush')
    .description('send queued events to the gateway, in order; acknowledged events are removed')
    .option('--batch-size <n>', 'events per request', (v) => Number(v), 500)
    .option('--json', 'print the report as JSON')
    .action(async (o: { batchSize: number; json?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      const ob = await Outbox.open(g.outbox);
      try {
        const r = await ob.flush(client(g)!, { batchSize: o.batchSize });
        if (o.json) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
        else process.stdout.write(`sent ${r.sent}: accepted ${r.accepted}, duplicate ${r.duplicate}, rejected ${r.rejected}; ${r.remaining} remaining${r.stoppedBy ? ` (stopped: ${r.stoppedBy})` : ''}\n`);
        process.exitCode = r.remaining ? 3 : 0;
      } finally { await ob.close(); }
    });
  return program;
}

if (require.main === module) {
  buildProgram().parseAsync(process.argv).catch((err: Error) => {
    process.stderr.write(`cargotrace: ${err.message}\n`);
    process.exitCode = 1;
  });
}
