import * as fs from 'fs';
import type { Command } from 'commander';
import { canonicalJson, type CustodyEvent } from '@cargotrace/model';
import { cbvEventHash, epcisEventList, epcisEventToCustody } from '@cargotrace/model/epcis';
import type { CargoTraceClient } from '../../client';
import { EpcisSchemaValidator } from '../../epcis/schema-validator';
import { detectFormat } from '../../importer';
import { validateForLedger } from '../../validation';
import { client, globals, readJson } from '../cli-context';

interface VerifyCliOptions {
  district: string;
  chain?: string[];
  epcisSchema?: string;
  ledger?: boolean;
  json?: boolean;
}

/** A problem found: `index` is the 1-based event of the file, -1 for the file or a channel. */
interface Finding {
  index: number;
  id?: string;
  problem: string;
}

/** `cargotrace verify [file]`: check a file (and optionally the ledger) without sending anything. */
export function addVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description(
      'check a file without sending it: EPCIS schema validation and event-hash ids, custody-event validation; with --ledger, compare every event with the ledger',
    )
    .argument('[file]', 'document.jsonld | file.jsonl')
    .option('-d, --district <code>', 'district for EPCIS events', '0000')
    .option('--chain <channel...>', 'also re-check the hash chain of these ledger channels on the gateway (e.g. district-2300)')
    .option('--epcis-schema <dir>', 'GS1 EPCIS 2.0 JSON Schema directory')
    .option('--ledger', 'also fetch every event from the gateway and compare')
    .option('--json', 'print the findings as JSON')
    .action(runVerify);
}

async function runVerify(file: string | undefined, o: VerifyCliOptions, cmd: Command): Promise<void> {
  const findings: Finding[] = [];
  for (const channel of o.chain ?? []) await verifyChannel(client(globals(cmd)), channel, o, findings);
  if (!file && !o.chain?.length) throw new Error('nothing to verify: give a file and/or --chain <channel>');
  const events = file ? verifyFile(file, o, findings) : [];
  if (o.ledger) await compareWithLedger(client(globals(cmd)), events, findings);
  if (o.json) process.stdout.write(JSON.stringify({ events: events.length, findings }, null, 2) + '\n');
  else process.stdout.write(findingsText(file, events, findings));
  process.exitCode = findings.length ? 2 : 0;
}

function verifyFile(file: string, o: VerifyCliOptions, findings: Finding[]): CustodyEvent[] {
  return detectFormat(file) === 'epcis' ? verifyEpcisFile(file, o, findings) : verifyJsonLines(file, findings);
}

function findingsText(file: string | undefined, events: CustodyEvent[], findings: Finding[]): string {
  const lines = [`${file ?? 'ledger'}: ${events.length} events, ${findings.length ? `${findings.length} problems` : 'OK'}\n`];
  for (const f of findings) lines.push(`  ${f.index >= 0 ? `#${f.index} ` : ''}${f.id ? `${f.id}: ` : ''}${f.problem}\n`);
  return lines.join('');
}

async function verifyChannel(c: CargoTraceClient, channel: string, o: VerifyCliOptions, findings: Finding[]): Promise<void> {
  const v = await c.verifyChain(channel);
  if (!v.ok)
    findings.push({
      index: -1,
      problem: `ledger channel ${channel}: chain broken at block ${v.firstBadBlock ?? '?'}${v.firstBadTxId ? ` tx ${v.firstBadTxId}` : ''}: ${v.reason ?? ''}`,
    });
  else if (!o.json) process.stdout.write(`channel ${channel}: hash chain ok, height ${v.height}\n`);
}

/** GS1 schema, CBV hash ids (where the eventID claims to be one), then the ledger's own checks. */
function verifyEpcisFile(file: string, o: VerifyCliOptions, findings: Finding[]): CustodyEvent[] {
  const doc = readJson(file) as Record<string, unknown>;
  for (const i of EpcisSchemaValidator.load(o.epcisSchema).validate(doc))
    findings.push({ index: -1, problem: `schema ${i.path}: ${i.message}` });
  return epcisEventList(doc).map((e, i) => {
    const id = e.eventID;
    if (typeof id === 'string' && id.startsWith('ni:///')) {
      const h = cbvEventHash(e, doc['@context']);
      if (h !== id) findings.push({ index: i + 1, id, problem: `eventID is not the CBV 2.0 hash of the event (computed ${h})` });
    }
    const ev = epcisEventToCustody(e, { district: o.district, context: doc['@context'] });
    for (const v of validateForLedger(ev)) findings.push({ index: i + 1, id: ev.id, problem: `${v.path}: ${v.message}` });
    return ev;
  });
}

function verifyJsonLines(file: string, findings: Finding[]): CustodyEvent[] {
  const events = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CustodyEvent);
  events.forEach((ev, i) => {
    for (const v of validateForLedger(ev)) findings.push({ index: i + 1, id: ev.id, problem: `${v.path}: ${v.message}` });
  });
  return events;
}

/** Every event must be on the ledger with the same content (canonical JSON) under its id. */
async function compareWithLedger(c: CargoTraceClient, events: CustodyEvent[], findings: Finding[]): Promise<void> {
  for (const [i, ev] of events.entries()) {
    let onLedger: CustodyEvent | undefined;
    try {
      onLedger = await c.findEvent(ev);
    } catch (err) {
      findings.push({ index: i + 1, id: ev.id, problem: `ledger: ${(err as Error).message}` });
      continue;
    }
    if (!onLedger) {
      findings.push({ index: i + 1, id: ev.id, problem: 'not on the ledger (or outside your scope)' });
      continue;
    }
    if (canonicalJson(onLedger) !== canonicalJson(ev))
      findings.push({ index: i + 1, id: ev.id, problem: 'the ledger holds different content under this id' });
  }
}
