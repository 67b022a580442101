import { ChaincodeError } from '../errors/chaincode-error';
import { ErrorCollector } from '../errors/error-collector';
import type { FieldError } from '../errors/error-codes';
import { pointer } from '../errors/json-pointer';
import { checkContainerNumber } from '../goods/iso6346';
import { goodsMapKey } from '../goods/goods-key';
import type { GoodsRef } from '../goods/goods-ref';
import { goodsRefsOf } from '../goods/touched-goods';
import { schemaErrors } from '../schema/validator';
import { parseDateTime } from '../time/date-time';
import { MAX_BATCH } from './append';
import type { CustodyEvent } from './custody-event';
import type { EventKind } from './event-kind';

/** Validation of custody events: the JSON Schema first, then the semantic rules the schema cannot
 * express (goods id formats and check digits, date-time values, cross-field rules by kind).
 * Registry and ledger checks happen in the chaincode's contract. */

const EPC_RE = /^urn:epc:id:[a-z0-9-]+:[\x21-\x7E]+$/i;
/** GS1 Digital Link: an https URI whose path holds a GS1 primary key AI and its value. */
const DIGITAL_LINK_RE =
  /^https:\/\/[A-Za-z0-9.-]+(:[0-9]+)?(\/[^\s?#]*)?\/(00|01|253|255|401|402|414|417|8003|8004|8006|8010|8013|8017|8018)\/[^\s/?#]+([/?#][\x21-\x7E]*)?$/;

/** Checks one goods reference beyond its schema; `base` is its JSON Pointer path. */
export function goodsRefErrors(ref: GoodsRef, base: Array<string | number>, index?: number): FieldError[] {
  const errors: FieldError[] = [];
  const add = (code: FieldError['code'], segs: Array<string | number>, message: string) => {
    const path = pointer(...segs);
    const e: FieldError = { code, path, message: `${path}: ${message}` };
    if (index !== undefined) e.index = index;
    errors.push(e);
  };
  switch (ref.type) {
    case 'container': {
      const check = checkContainerNumber(ref.id);
      if (!check.ok) add('INVALID_CONTAINER_NUMBER', [...base, 'id'], `${ref.id} is not a valid container number: ${check.reason}`);
      break;
    }
    case 'epc':
      if (!EPC_RE.test(ref.id)) add('VALIDATION_FAILED', [...base, 'id'], 'an epc id must be an EPC pure-identity URN (urn:epc:id:…)');
      break;
    case 'digital-link':
      if (!DIGITAL_LINK_RE.test(ref.id))
        add(
          'VALIDATION_FAILED',
          [...base, 'id'],
          'a digital-link id must be an https GS1 Digital Link URI with a primary key (e.g. https://id.gs1.org/01/09506000134352)',
        );
      break;
    case 'part':
      if (ref.book === undefined) add('VALIDATION_FAILED', [...base, 'book'], 'a part number needs its e-account book (book)');
      break;
    default:
      break;
  }
  return errors;
}

const RESULT_KINDS: ReadonlySet<EventKind> = new Set(['INSPECTED', 'QUARANTINE_RESULT', 'CORRECTION']);
const PROCESS_KINDS: ReadonlySet<EventKind> = new Set(['PROCESSED', 'CORRECTION']);
const AGGREGATION_KINDS: ReadonlySet<EventKind> = new Set(['PACKED', 'UNPACKED', 'LOADED', 'UNLOADED', 'CORRECTION']);
const TRANSIT_KINDS: ReadonlySet<EventKind> = new Set(['HANDED_OFF', 'DEPARTED', 'DISPATCHED', 'GATE_OUT', 'CORRECTION']);
/** Cap on processing links (inputs × outputs) written by one PROCESSED event. */
export const MAX_PROCESS_LINKS = 10_000;

/** Records one VALIDATION_FAILED error at `segs` (relative to the event). */
type AddError = (segs: Array<string | number>, message: string) => void;

/** What each step of {@link semanticErrors} checks against and reports to. */
interface Checks {
  event: CustodyEvent;
  kind: EventKind;
  add: AddError;
}

/** Goods ids beyond their schema, and no goods (or child) listed twice. */
function goodsErrors(
  event: CustodyEvent,
  base: Array<string | number>,
  index: number | undefined,
  errors: FieldError[],
  add: AddError,
): void {
  const seen = new Map<string, Array<string | number>>();
  for (const t of goodsRefsOf(event)) {
    errors.push(...goodsRefErrors(t.ref, [...base, ...t.path], index));
    if (t.role === 'goods' || t.role === 'child') {
      const k = `${t.role}:${goodsMapKey(t.ref)}`;
      const first = seen.get(k);
      // The pointer of the first occurrence is only spelled out when there is a second.
      if (first) add(t.path, `the same goods is listed twice (also at ${pointer(...base, ...first)})`);
      else seen.set(k, t.path);
    }
  }
}

/** Date-time values (the schema checks only that they are strings). */
function timeErrors({ event, add }: Checks): void {
  if (parseDateTime(event.eventTime) === undefined) add(['eventTime'], `${event.eventTime} is not a valid RFC 3339 date-time`);
  if (event.transit && parseDateTime(event.transit.dueBy) === undefined) add(['transit', 'dueBy'], 'not a valid RFC 3339 date-time');
  event.evidence?.sensors?.forEach((s, j) => {
    if (s.time !== undefined && parseDateTime(s.time) === undefined)
      add(['evidence', 'sensors', j, 'time'], 'not a valid RFC 3339 date-time');
  });
}

function statusAndResultRules({ event, kind, add }: Checks): void {
  if (kind === 'STATUS_CHANGED' && event.supervisionStatus === undefined)
    add(['supervisionStatus'], 'STATUS_CHANGED needs supervisionStatus (bonded | non-bonded)');
  if ((kind === 'INSPECTED' || kind === 'QUARANTINE_RESULT') && event.result === undefined)
    add(['result'], `${kind} needs result (pass | fail | conditional)`);
  if (event.result !== undefined && !RESULT_KINDS.has(kind))
    add(['result'], `result is only for INSPECTED and QUARANTINE_RESULT, not ${kind}`);
}

function processRules({ event, kind, add }: Checks): void {
  if (kind === 'PROCESSED') {
    if (!event.inputs) add(['inputs'], 'PROCESSED needs inputs');
    if (!event.outputs) add(['outputs'], 'PROCESSED needs outputs');
  }
  for (const member of ['inputs', 'outputs'] as const) {
    if (event[member] !== undefined && !PROCESS_KINDS.has(kind)) add([member], `${member} are only for PROCESSED, not ${kind}`);
  }
  if ((event.inputs?.length ?? 0) * (event.outputs?.length ?? 0) > MAX_PROCESS_LINKS)
    add(['outputs'], `at most ${MAX_PROCESS_LINKS} input × output links per event`);
}

/** Parent and children where an aggregation needs them. */
function aggregationNeeds({ event, kind, add }: Checks): void {
  if (kind === 'PACKED' || kind === 'UNPACKED') {
    if (!event.parent) add(['parent'], `${kind} needs parent`);
    if (!event.children) add(['children'], `${kind} needs children`);
  }
  if (event.children && !event.parent && AGGREGATION_KINDS.has(kind)) add(['parent'], 'children need a parent');
}

/** Parent and children only on aggregations, and never the same goods. */
function aggregationMembers({ event, kind, add }: Checks): void {
  for (const member of ['parent', 'children'] as const) {
    if (event[member] !== undefined && !AGGREGATION_KINDS.has(kind))
      add([member], `${member} is only for PACKED, UNPACKED, LOADED and UNLOADED, not ${kind}`);
  }
  const parent = event.parent;
  if (parent && event.children?.some((c) => goodsMapKey(c) === goodsMapKey(parent)))
    add(['children'], 'a goods item cannot be its own child');
}

function transitRules({ event, kind, add }: Checks): void {
  if (kind === 'HANDED_OFF' && !event.custody?.to) add(['custody', 'to'], 'HANDED_OFF needs custody.to (the receiving party)');
  if (event.transit && !TRANSIT_KINDS.has(kind))
    add(['transit'], `transit is only for HANDED_OFF, DEPARTED, DISPATCHED and GATE_OUT, not ${kind}`);
}

function correctionRules({ event, kind, add }: Checks): void {
  if (kind === 'CORRECTION' && event.correctionOf === undefined)
    add(['correctionOf'], 'CORRECTION needs correctionOf (the id of the corrected event)');
  if (kind !== 'CORRECTION' && event.correctionOf !== undefined) add(['correctionOf'], 'correctionOf is only for CORRECTION events');
  if (event.correctionOf !== undefined && event.correctionOf === event.id) add(['correctionOf'], 'an event cannot correct itself');
}

/** Context-free checks of a schema-valid event: goods id formats and check digits, date-time
 * values, and cross-field rules by kind. Registry and ledger checks happen in the contract.
 * Errors come in the order of the steps below. */
export function semanticErrors(event: CustodyEvent, index?: number): FieldError[] {
  const base: Array<string | number> = index === undefined ? [] : [index];
  const errors: FieldError[] = [];
  const add: AddError = (segs, message) => {
    const path = pointer(...base, ...segs);
    const e: FieldError = { code: 'VALIDATION_FAILED', path, message: `${path}: ${message}` };
    if (index !== undefined) e.index = index;
    errors.push(e);
  };
  goodsErrors(event, base, index, errors, add);
  const checks: Checks = { event, kind: event.kind, add };
  timeErrors(checks);
  statusAndResultRules(checks);
  processRules(checks);
  aggregationNeeds(checks);
  aggregationMembers(checks);
  transitRules(checks);
  correctionRules(checks);
  return errors;
}

/** Schema and context-free semantic errors of one event (no index prefix in paths unless given). */
export function validateEvent(value: unknown, index?: number): FieldError[] {
  const base = index === undefined ? [] : [index];
  const errors = schemaErrors('event', value, base, index);
  if (errors.length > 0) return errors;
  return semanticErrors(value as CustodyEvent, index);
}

export interface BatchValidation {
  /** Per position: the event when it passed schema and semantic checks, else undefined. */
  events: Array<CustodyEvent | undefined>;
  /** Errors (capped), in batch order. */
  errors: FieldError[];
}

/** Validates an appendEvents argument (already parsed). Throws BATCH_TOO_LARGE for more than
 * MAX_BATCH events; otherwise returns all errors (capped at 100) with paths like /3/goods/0/id. */
export function validateEventBatch(value: unknown): BatchValidation {
  if (!Array.isArray(value)) {
    return {
      events: [],
      errors: [{ code: 'VALIDATION_FAILED', path: '', message: 'the argument must be a JSON array of custody events' }],
    };
  }
  if (value.length > MAX_BATCH) {
    throw new ChaincodeError('BATCH_TOO_LARGE', `a batch holds at most ${MAX_BATCH} events, got ${value.length}`, '');
  }
  if (value.length === 0) {
    return { events: [], errors: [{ code: 'VALIDATION_FAILED', path: '', message: 'the batch is empty' }] };
  }
  const collector = new ErrorCollector();
  const events: Array<CustodyEvent | undefined> = [];
  value.forEach((item, i) => {
    const errors = validateEvent(item, i);
    collector.addAll(errors);
    events.push(errors.length === 0 ? (item as CustodyEvent) : undefined);
  });
  return { events, errors: collector.errors };
}
