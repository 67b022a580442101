import * as fs from 'fs';
import { parse } from 'csv-parse';
import { EVENT_KINDS, type CustodyEvent } from '@cargotrace/model';
import { validateForLedger as validateEvent, type ValidationIssue } from '../validation';
import { withId } from '../canonical';
import { isValidTimeZone, toRfc3339 } from './timezone';

/**
 * How a cell is typed: text, number, list (split on `separator`), date-time (to RFC 3339 in the
 * mapping's time zone) or JSON.
 *
 * @example
 * const seals: ColumnSpec = { field: 'seals', type: 'list' satisfies ColumnType, separator: ';' };
 */
export type ColumnType = 'string' | 'number' | 'list' | 'time' | 'json';

/**
 * A CSV column's target field and typing (a bare string in `columns` is just the field path).
 *
 * @example
 * const mapping: CsvMapping = { columns: { Qty: { field: 'quantity.value', type: 'number' }, Status: { field: 'disposition', map: { OK: 'in_progress' } } } };
 */
export interface ColumnSpec {
  /** target field path, e.g. "goods[0].id", "quantity.value", "actor.org" */
  field: string;
  type?: ColumnType;
  /** list separator (default ";") */
  separator?: string;
  /** value translation table applied before typing */
  map?: Record<string, string>;
}

/**
 * Mapping of a WMS CSV export onto custody events (JSON file, see README):
 * ```json
 * { "columns": { "Txn No": "id", "Container": "goods[0].id", "Movement": "kind", "Time": "eventTime",
 *                "Qty": { "field": "quantity.value", "type": "number" } },
 *   "constants": { "district": "2305", "goods[0].type": "container", "quantity.unit": "CT" },
 *   "kinds": { "GR": "RECEIVED", "PA": "STORED" },
 *   "timeZone": "Asia/Shanghai", "idPrefix": "sip-wms-" }
 * ```
 *
 * @example
 * const mapping = JSON.parse(fs.readFileSync('client-sdk/examples/sip-wms-mapping.json', 'utf8')) as CsvMapping;
 * for await (const row of readCsv('client-sdk/examples/sip-wms-export.csv', mapping)) console.log(row.line, row.event?.kind ?? row.issues);
 */
export interface CsvMapping {
  columns: Record<string, string | ColumnSpec>;
  constants?: Record<string, unknown>;
  /** source movement codes → custody kinds (applied to the column mapped to "kind") */
  kinds?: Record<string, string>;
  /** kind used when the kind column is empty/absent */
  defaultKind?: string;
  /** IANA zone ("Asia/Shanghai") or fixed offset ("+08:00") for date-times without an offset */
  timeZone?: string;
  /** prefix for ids taken from a column */
  idPrefix?: string;
  delimiter?: string;
  /** CSV has no header line: columns are then named by their 1-based position ("1", "2", …) */
  noHeader?: boolean;
}

const TIME_FIELDS = /(^|\.)(eventTime|dueBy|time)$/;
const NUMBER_FIELDS = /(^|\.)(value)$/;

/**
 * Problems of a mapping read from JSON ([] when it is usable): missing `columns`, unknown time zone,
 * `kinds` values that are not custody kinds.
 *
 * @example
 * validateMapping({ columns: {}, timeZone: 'Mars/Olympus', kinds: { GR: 'GOT' } });
 * // ['unknown timeZone "Mars/Olympus"', 'kinds["GR"]: "GOT" is not a custody kind']
 */
export function validateMapping(m: unknown): string[] {
  const errs: string[] = [];
  if (typeof m !== 'object' || m === null) return ['mapping must be a JSON object'];
  // unchecked JSON: `columns` may be missing
  const map = m as Omit<CsvMapping, 'columns'> & { columns?: unknown };
  if (typeof map.columns !== 'object' || map.columns === null) errs.push('"columns" (column → field) is required');
  if (map.timeZone !== undefined && !isValidTimeZone(map.timeZone)) errs.push(`unknown timeZone "${map.timeZone}"`);
  for (const [k, v] of Object.entries(map.kinds ?? {})) {
    if (!(EVENT_KINDS as readonly string[]).includes(v)) errs.push(`kinds["${k}"]: "${v}" is not a custody kind`);
  }
  return errs;
}

function splitPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const re = /([^[\]]+)|\[(\d+)\]/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(part))) {
      // a name, or else (group 1 unmatched) an [index]
      out.push(m.at(1) ?? Number(m[2]));
    }
  }
  return out;
}

/**
 * Sets a field path (`a.b`, `a[0].b`) on an object, creating the objects and arrays on the way.
 *
 * @example
 * const ev: Record<string, unknown> = {};
 * setPath(ev, 'goods[0].id', 'CSQU3054383'); // ev is { goods: [{ id: 'CSQU3054383' }] }
 */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = splitPath(path);
  let cur: Record<string | number, unknown> = target;
  keys.forEach((k, i) => {
    if (i === keys.length - 1) {
      cur[k] = value;
      return;
    }
    if (cur[k] === undefined || cur[k] === null || typeof cur[k] !== 'object') cur[k] = typeof keys[i + 1] === 'number' ? [] : {};
    cur = cur[k] as Record<string | number, unknown>;
  });
}

/**
 * One CSV data line: the custody event, or the issues that keep it from being one.
 *
 * @example
 * const row: RowResult = rowToEvent({ 'Txn No': 'T1', Container: 'CSQU3054383', Movement: 'GR', 'Move Time': '2026-11-20 14:00', Bin: 'B-01-4', Qty: 'x', Seals: '' }, mapping, 2);
 * if (row.issues) console.error(`line ${row.line}:`, row.issues); // [{ path: '/quantity/value', message: 'column "Qty": "x" is not a number' }]
 */
export interface RowResult {
  line: number;
  event?: CustodyEvent;
  issues?: ValidationIssue[];
}

/**
 * Maps one CSV record (header → cell) to a custody event, or the reasons it cannot be.
 *
 * @example
 * // mapping: client-sdk/examples/sip-wms-mapping.json
 * const { event } = rowToEvent({ 'Txn No': 'T1', Container: 'CSQU3054383', Movement: 'GR', 'Move Time': '2026-11-20 14:00', Bin: 'B-01-4', Qty: '40', Seals: 'SZ1;SZ2' }, mapping, 2);
 * // event: { id: 'sip-wms-T1', kind: 'RECEIVED', eventTime: '2026-11-20T14:00:00+08:00', seals: ['SZ1', 'SZ2'], quantity: { unit: 'CT', value: 40 }, … }
 */
export function rowToEvent(record: Record<string, string>, mapping: CsvMapping, line: number): RowResult {
  const issues: ValidationIssue[] = [];
  const ev: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(mapping.constants ?? {})) setPath(ev, k, structuredClone(v));
  for (const [column, specRaw] of Object.entries(mapping.columns)) {
    const spec: ColumnSpec = typeof specRaw === 'string' ? { field: specRaw } : specRaw;
    const cell = columnCell(record, column, spec, mapping);
    if (!cell) continue;
    if ('issue' in cell) issues.push(cell.issue);
    else setPath(ev, spec.field, cell.value);
  }
  if (ev.kind === undefined && mapping.defaultKind) ev.kind = mapping.defaultKind;
  if (issues.length) return { line, issues };
  const event = withId(ev as unknown as CustodyEvent);
  const v = validateEvent(event);
  if (v.length) return { line, issues: v };
  return { line, event };
}

/** What one column of a record gives: a value for its field, an issue, or nothing (an empty cell). */
type Cell = { value: unknown } | { issue: ValidationIssue };

function columnCell(record: Record<string, string>, column: string, spec: ColumnSpec, mapping: CsvMapping): Cell | undefined {
  if (!(column in record)) return { issue: { path: `column "${column}"`, message: 'missing from the CSV header' } };
  let raw = (record[column] ?? '').trim();
  if (raw === '') return undefined;
  if (spec.map && raw in spec.map) raw = spec.map[raw];
  const cell = typedCell(raw, spec, column, mapping);
  if (spec.field === 'id' && mapping.idPrefix && 'value' in cell) return { value: mapping.idPrefix + String(cell.value) };
  return cell;
}

function columnType(spec: ColumnSpec): ColumnType {
  return (
    spec.type ??
    (spec.field === 'seals' ? 'list' : TIME_FIELDS.test(spec.field) ? 'time' : NUMBER_FIELDS.test(spec.field) ? 'number' : 'string')
  );
}

/** A cell's text as the value of its field's type. */
function typedCell(raw: string, spec: ColumnSpec, column: string, mapping: CsvMapping): Cell {
  if (spec.field === 'kind') return kindCell(raw, column, mapping);
  switch (columnType(spec)) {
    case 'number':
      return numberCell(raw, spec, column);
    case 'time':
      return timeCell(raw, spec, column, mapping);
    case 'list':
      return {
        value: raw
          .split(spec.separator ?? ';')
          .map((s) => s.trim())
          .filter(Boolean),
      };
    case 'json':
      return jsonCell(raw, spec, column);
    default:
      // 'string', and a type a hand-written mapping got wrong: the text as it is
      return { value: raw };
  }
}

/** The issue path (JSON Pointer) of a field path: `quantity.value` → `/quantity/value`. */
function issuePath(field: string): string {
  return `/${field.replace(/[.[\]]+/g, '/').replace(/\/$/, '')}`;
}

function kindCell(raw: string, column: string, mapping: CsvMapping): Cell {
  const kind = mapping.kinds?.[raw] ?? raw.toUpperCase();
  if (!(EVENT_KINDS as readonly string[]).includes(kind))
    return { issue: { path: '/kind', message: `column "${column}": unknown movement "${raw}" (add it to "kinds")` } };
  return { value: kind };
}

function numberCell(raw: string, spec: ColumnSpec, column: string): Cell {
  const n = Number(raw.replace(/,/g, ''));
  if (!Number.isFinite(n)) return { issue: { path: issuePath(spec.field), message: `column "${column}": "${raw}" is not a number` } };
  return { value: n };
}

function timeCell(raw: string, spec: ColumnSpec, column: string, mapping: CsvMapping): Cell {
  const t = toRfc3339(raw, mapping.timeZone);
  if (!t) {
    const hint = mapping.timeZone ? '' : ' (no timeZone in the mapping for local times)';
    return { issue: { path: issuePath(spec.field), message: `column "${column}": "${raw}" is not a date-time${hint}` } };
  }
  return { value: t };
}

function jsonCell(raw: string, spec: ColumnSpec, column: string): Cell {
  try {
    return { value: JSON.parse(raw) };
  } catch {
    return { issue: { path: spec.field, message: `column "${column}": not JSON` } };
  }
}

/**
 * Streams a CSV file through the mapping. Yields one result per data line: the event, or the issues
 * (malformed CSV structure, wrong column count, unmappable or invalid values) with its line number.
 *
 * @example
 * for await (const row of readCsv('wms-export.csv', mapping, { fromLine: 1000 })) {
 *   if (row.event) await outbox.enqueue([{ event: row.event, source: { file: 'wms-export.csv', line: row.line } }]);
 *   else console.error(`line ${row.line}:`, row.issues);
 * }
 */
export async function* readCsv(file: string, mapping: CsvMapping, opts: { fromLine?: number } = {}): AsyncGenerator<RowResult> {
  const skipped: RowResult[] = [];
  const parser = fs.createReadStream(file).pipe(
    parse({
      delimiter: mapping.delimiter ?? ',',
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err: { message?: string; lines?: number } | undefined) => {
        if (err) skipped.push({ line: err.lines ?? 0, issues: [{ path: '', message: `malformed CSV: ${err.message ?? 'parse error'}` }] });
      },
    } as never),
  );
  let header: string[] | undefined;
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield* drain(skipped);
    const { record, info } = item;
    if (!header) {
      if (mapping.noHeader) header = record.map((_c, i) => String(i + 1));
      else {
        header = record.map((h) => h.trim());
        continue;
      }
    }
    const line = info.lines;
    if (opts.fromLine && line < opts.fromLine) continue;
    if (record.length !== header.length) {
      yield { line, issues: [{ path: '', message: `expected ${header.length} columns, found ${record.length}` }] };
      continue;
    }
    const obj: Record<string, string> = {};
    header.forEach((h, i) => {
      obj[h] = record[i];
    });
    yield rowToEvent(obj, mapping, line);
  }
  yield* drain(skipped);
}

/** Takes the queue's items in order, including those added while they are being taken. */
function* drain<T>(queue: T[]): Generator<T> {
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) yield next;
}
