import { channelForDistrict, type NetworkConfig } from '@cargotrace/network';

export const MAX_CHUNK = 1000;

export interface EventResult {
  /** Position in the request. */
  index: number;
  id?: string;
  status: 'ACCEPTED' | 'DUPLICATE' | 'REJECTED';
  code?: string;
  message?: string;
  /** JSON Pointer into the request's events array. */
  path?: string;
  channel?: string;
  txId?: string;
  blockNumber?: number;
}

export interface RoutedChunk {
  channel: string;
  /** Request positions of the chunk's events, in order. */
  indices: number[];
  events: unknown[];
}

export interface Routing {
  chunks: RoutedChunk[];
  /** Events refused before any submission (no channel for their district). */
  rejected: EventResult[];
}

/** Routes each event to the district channel whose district is the event's district or an
 * ancestor of it, keeping request order within a channel, and cuts chunks of at most `maxChunk`.
 *
 * @example
 * ```ts
 * import { loadNetworkConfig } from '@cargotrace/network';
 * import { routeEvents } from '@cargotrace/gateway';
 * const { chunks, rejected } = routeEvents(events, loadNetworkConfig(), 500);
 * for (const c of chunks) console.log(c.channel, c.indices.length);
 * ```
 */
export function routeEvents(events: unknown[], config: NetworkConfig, maxChunk = MAX_CHUNK): Routing {
  const perChannel = new Map<string, { indices: number[]; events: unknown[] }>();
  const rejected: EventResult[] = [];
  events.forEach((e, index) => {
    const id = e && typeof e === 'object' && typeof (e as { id?: unknown }).id === 'string' ? (e as { id: string }).id : undefined;
    const base = { index, ...(id ? { id } : {}) };
    if (!e || typeof e !== 'object' || Array.isArray(e)) {
      rejected.push({
        ...base,
        status: 'REJECTED',
        code: 'VALIDATION_FAILED',
        message: 'an event must be a JSON object',
        path: `/${index}`,
      });
      return;
    }
    const district = (e as { district?: unknown }).district;
    if (typeof district !== 'string' || district.length === 0) {
      rejected.push({
        ...base,
        status: 'REJECTED',
        code: 'VALIDATION_FAILED',
        message: 'district is required',
        path: `/${index}/district`,
      });
      return;
    }
    const channel = channelForDistrict(config, district);
    if (!channel) {
      rejected.push({
        ...base,
        status: 'REJECTED',
        code: 'UNKNOWN_DISTRICT',
        message: `no district channel carries district ${district}`,
        path: `/${index}/district`,
      });
      return;
    }
    let slot = perChannel.get(channel);
    if (!slot) perChannel.set(channel, (slot = { indices: [], events: [] }));
    slot.indices.push(index);
    slot.events.push(e);
  });
  const chunks: RoutedChunk[] = [];
  for (const [channel, slot] of perChannel) {
    for (let i = 0; i < slot.events.length; i += maxChunk) {
      chunks.push({ channel, indices: slot.indices.slice(i, i + maxChunk), events: slot.events.slice(i, i + maxChunk) });
    }
  }
  return { chunks, rejected };
}

/** Rewrites a JSON Pointer into a chunk (`/3/goods/0/id`) into one into the request. */
export function requestPath(chunkPath: string | undefined, indices: number[]): string | undefined {
  if (chunkPath === undefined) return undefined;
  const m = /^\/(\d+)(\/.*)?$/.exec(chunkPath);
  if (!m) return chunkPath;
  const [, index, rest = ''] = m;
  const original = indices.at(Number(index));
  return original === undefined ? chunkPath : `/${original}${rest}`;
}
