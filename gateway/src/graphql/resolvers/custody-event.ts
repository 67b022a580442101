import type { LocatedRecord } from '../../model/custody';
import type { GatewayContext } from '../context';

/** Field resolvers of CustodyEvent over a stored record. */
export const CustodyEvent = {
  id: (r: LocatedRecord) => r.event.id,
  kind: (r: LocatedRecord) => r.event.kind,
  eventTime: (r: LocatedRecord) => r.event.eventTime,
  recordedTime: (r: LocatedRecord) => r.recordedTime,
  district: (r: LocatedRecord) => r.event.district,
  site: (r: LocatedRecord) => r.event.site ?? null,
  readPoint: (r: LocatedRecord) => r.event.readPoint ?? null,
  goods: (r: LocatedRecord) => r.event.goods.map((g) => ({ type: g.type, id: g.id })),
  actor: (r: LocatedRecord) => r.event.actor ?? null,
  custody: (r: LocatedRecord) => r.event.custody ?? null,
  seals: (r: LocatedRecord) => r.event.seals ?? null,
  weight: (r: LocatedRecord) => r.event.weight ?? null,
  quantity: (r: LocatedRecord) => r.event.quantity ?? null,
  disposition: (r: LocatedRecord) => r.event.disposition ?? null,
  supervisionStatus: (r: LocatedRecord) => r.event.supervisionStatus ?? null,
  result: (r: LocatedRecord) => r.event.result ?? null,
  references: (r: LocatedRecord) => r.event.references ?? null,
  transit: (r: LocatedRecord) => r.event.transit ?? null,
  channel: (r: LocatedRecord) => r.channel,
  txId: (r: LocatedRecord) => r.txId,
  recordedBy: (r: LocatedRecord) => r.recordedBy,
  raw: (r: LocatedRecord) => r.event,
  proof: (r: LocatedRecord, _: unknown, ctx: GatewayContext) => {
    if (!r.txId) return null;
    // Already read from the transaction index with the record (complete, and a committed location
    // never changes): answer without another ledger read, synchronously.
    if (r.proof?.validationCode) return { channel: r.channel, txId: r.txId, ...r.proof };
    return proofFromLedger(r, r.txId, ctx);
  },
};

async function proofFromLedger(r: LocatedRecord, txId: string, ctx: GatewayContext) {
  const p = await ctx.reader.proof(r.channel, txId);
  if (p) return p;
  if (r.proof) return { channel: r.channel, txId, ...r.proof, validationCode: 'VALID' };
  return null;
}
