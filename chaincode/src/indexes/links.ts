import type { ChaincodeStub } from 'fabric-shim-api';
import { drain } from '../ledger/state';
import type { WorkingSet } from '../ledger/working-set';
import { goodsKeyId } from '@cargotrace/model';
import type { CustodyEvent, GoodsLink, GoodsRef, LinkRelation } from '@cargotrace/model';
import { KEYS } from './object-types';

/** `link, fromType, fromKeyId, relation, toType, toKeyId` → GoodsLink, written from both ends. */
function linkKey(stub: ChaincodeStub, from: GoodsRef, relation: LinkRelation, to: GoodsRef): string {
  return stub.createCompositeKey(KEYS.link, [from.type, goodsKeyId(from), relation, to.type, goodsKeyId(to)]);
}

const plain = (g: GoodsRef): GoodsRef => (g.book === undefined ? { type: g.type, id: g.id } : { type: g.type, id: g.id, book: g.book });

type LinkEntry = [string, GoodsLink];

function aggregationLinks(stub: ChaincodeStub, event: CustodyEvent): LinkEntry[] {
  if (!event.parent || !event.children || event.kind === 'CORRECTION') return [];
  const parent = event.parent;
  const base = {
    eventId: event.id,
    kind: event.kind,
    eventTime: event.eventTime,
    active: event.kind === 'PACKED' || event.kind === 'LOADED',
  };
  return event.children.flatMap((child): LinkEntry[] => [
    [linkKey(stub, parent, 'child', child), { relation: 'child', goods: plain(child), ...base }],
    [linkKey(stub, child, 'parent', parent), { relation: 'parent', goods: plain(parent), ...base }],
  ]);
}

function processingLinks(stub: ChaincodeStub, event: CustodyEvent): LinkEntry[] {
  if (event.kind !== 'PROCESSED' || !event.inputs || !event.outputs) return [];
  const base = { eventId: event.id, kind: event.kind, eventTime: event.eventTime, active: true };
  const outputs = event.outputs;
  return event.inputs.flatMap((input) =>
    outputs.flatMap((output): LinkEntry[] => [
      [linkKey(stub, output.goods, 'input', input.goods), { relation: 'input', goods: plain(input.goods), ...base }],
      [linkKey(stub, input.goods, 'output', output.goods), { relation: 'output', goods: plain(output.goods), ...base }],
    ]),
  );
}

/** Aggregation and processing links an event writes (key → value). */
export function linksOf(stub: ChaincodeStub, event: CustodyEvent): LinkEntry[] {
  return [...aggregationLinks(stub, event), ...processingLinks(stub, event)];
}

export function writeLinks(ws: WorkingSet, event: CustodyEvent): void {
  for (const [key, link] of linksOf(ws.stub, event)) ws.writeJson(key, link);
}

/** Every link from one goods item, in key order. */
export async function readLinks(stub: ChaincodeStub, type: string, keyId: string): Promise<GoodsLink[]> {
  const links: GoodsLink[] = [];
  const iterator = await stub.getStateByPartialCompositeKey(KEYS.link, [type, keyId]);
  await drain(iterator, (kv) => {
    links.push(JSON.parse(Buffer.from(kv.value).toString('utf8')) as GoodsLink);
  });
  return links;
}
