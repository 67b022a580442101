import type { NetworkConfig } from '@cargotrace/network';
import { parseChaincodeError, type ParsedChaincodeError } from '@cargotrace/model';
import { LedgerAccessDeniedError, type LedgerBackend } from '../ledger/ledger-backend';
import { MAX_CHUNK, requestPath, routeEvents, type EventResult, type RoutedChunk } from './route';

export interface IngestSummary {
  results: EventResult[];
  accepted: number;
  duplicates: number;
  rejected: number;
}

interface AppendAnswer {
  results?: { id: string; status: string }[];
}

/** Appends events as `userId`: routed per district channel, chunked (≤1,000 per transaction,
 * all-or-nothing per chunk). Channels are written in parallel, a channel's chunks in order.
 * One result per event, in request order: accepted, duplicate, or rejected with the chaincode's
 * code and the JSON Pointer of the bad field in the request. When a chunk is rejected, none of its
 * events is written: the faulty events carry their own codes, the others CHUNK_REJECTED. */
export async function ingestEvents(
  backend: LedgerBackend,
  config: NetworkConfig,
  userId: string,
  events: unknown[],
  maxChunk = MAX_CHUNK,
): Promise<IngestSummary> {
  const routing = routeEvents(events, config, maxChunk);
  const results: EventResult[] = new Array<EventResult>(events.length);
  for (const r of routing.rejected) results[r.index] = r;
  const byChannel = new Map<string, RoutedChunk[]>();
  for (const c of routing.chunks) byChannel.set(c.channel, [...(byChannel.get(c.channel) ?? []), c]);
  await Promise.all(
    [...byChannel.values()].map(async (chunks) => {
      for (const chunk of chunks) for (const r of await submitChunk(backend, userId, chunk)) results[r.index] = r;
    }),
  );
  const summary: IngestSummary = { results, accepted: 0, duplicates: 0, rejected: 0 };
  for (const r of results) {
    if (r.status === 'ACCEPTED') summary.accepted++;
    else if (r.status === 'DUPLICATE') summary.duplicates++;
    else summary.rejected++;
  }
  return summary;
}

const idOf = (e: unknown): string | undefined =>
  e && typeof e === 'object' && typeof (e as { id?: unknown }).id === 'string' ? (e as { id: string }).id : undefined;

async function submitChunk(backend: LedgerBackend, userId: string, chunk: RoutedChunk): Promise<EventResult[]> {
  try {
    const out = await backend.submit(chunk.channel, userId, 'custody:appendEvents', [JSON.stringify(chunk.events)]);
    const answer = JSON.parse(out.payload) as AppendAnswer;
    return chunk.indices.map((index, i) => {
      const r = answer.results?.[i];
      const id = r?.id ?? idOf(chunk.events[i]);
      return {
        index,
        ...(id ? { id } : {}),
        status: r?.status === 'duplicate' ? 'DUPLICATE' : 'ACCEPTED',
        channel: chunk.channel,
        txId: out.txId,
        blockNumber: out.blockNumber,
      };
    });
  } catch (err) {
    const parsed = parseChaincodeError(err);
    const code = parsed?.code ?? (err instanceof LedgerAccessDeniedError ? 'FORBIDDEN' : 'LEDGER_ERROR');
    const message =
      parsed?.message ??
      (err instanceof LedgerAccessDeniedError ? 'the ledger refused the caller' : 'the transaction could not be committed');
    return rejectChunk(chunk, parsed, code, message);
  }
}

/** Results of a chunk none of whose events was written: the faulty events carry their own codes
 * and paths, the others CHUNK_REJECTED; without per-event errors every event gets `code`. */
function rejectChunk(chunk: RoutedChunk, parsed: ParsedChaincodeError | undefined, code: string, message: string): EventResult[] {
  const perEvent = perEventErrors(parsed);
  return chunk.indices.map((index, i) => {
    const id = idOf(chunk.events[i]);
    const own = perEvent.get(i);
    if (own) {
      const path = requestPath(own.path, chunk.indices) ?? `/${index}`;
      return { index, ...(id ? { id } : {}), status: 'REJECTED', code: own.code, message: own.message, path, channel: chunk.channel };
    }
    if (perEvent.size > 0) {
      return {
        index,
        ...(id ? { id } : {}),
        status: 'REJECTED',
        code: 'CHUNK_REJECTED',
        message: 'not written: another event in the same transaction was rejected',
        path: `/${index}`,
        channel: chunk.channel,
      };
    }
    return { index, ...(id ? { id } : {}), status: 'REJECTED', code, message, path: `/${index}`, channel: chunk.channel };
  });
}

/** Errors per event of the chunk: the detailed list when given, else the top-level error when it
 * names an event. */
function perEventErrors(parsed: ParsedChaincodeError | undefined): Map<number, { code: string; message: string; path?: string }> {
  const perEvent = new Map<number, { code: string; message: string; path?: string }>();
  if (!parsed) return perEvent;
  for (const e of parsed.errors ?? []) {
    const i = typeof e.index === 'number' ? e.index : indexFromPath(e.path);
    if (i !== undefined && !perEvent.has(i)) perEvent.set(i, e);
  }
  const topIndex = parsed.index ?? indexFromPath(parsed.path);
  if (topIndex !== undefined && !perEvent.has(topIndex)) perEvent.set(topIndex, parsed);
  return perEvent;
}

function indexFromPath(path: string | undefined): number | undefined {
  const m = path ? /^\/(\d+)/.exec(path) : null;
  return m ? Number(m[1]) : undefined;
}
