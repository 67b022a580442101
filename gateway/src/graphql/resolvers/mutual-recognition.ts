import { parseChaincodeError } from '@cargotrace/model';
import type { GatewayContext } from '../context';
import { badInput, forbidden, fromLedgerError } from '../errors';

function mrChannel(ctx: GatewayContext): string {
  const c = ctx.services.config.channels.find((ch) => ch.kind === 'mutual-recognition');
  if (!c) throw forbidden('no mutual-recognition channel is configured');
  return c.name;
}

function requireMrReader(ctx: GatewayContext): void {
  const k = ctx.viewer.orgKind;
  if (k !== 'gacc' && k !== 'customs' && k !== 'partner-customs') throw forbidden('mutual-recognition data is for customs and partner customs');
}

function requireCustoms(ctx: GatewayContext): void {
  const k = ctx.viewer.orgKind;
  if (k !== 'gacc' && k !== 'customs') throw forbidden('only customs may record mutual-recognition data');
}

/** Partner customs see only records that name them (checked again after the chaincode's check). */
function partnerMayRead(ctx: GatewayContext, partnerCustoms: unknown): boolean {
  if (ctx.viewer.orgKind !== 'partner-customs') return true;
  const mine = [ctx.viewer.country, ctx.viewer.org, ctx.viewer.district].filter(Boolean);
  const named = Array.isArray(partnerCustoms) ? partnerCustoms : [partnerCustoms];
  return named.some((p) => mine.includes(String(p)));
}

async function read(ctx: GatewayContext, fcn: string, key: string): Promise<Record<string, unknown> | null> {
  requireMrReader(ctx);
  try {
    const text = await ctx.services.backend.evaluate(mrChannel(ctx), ctx.viewer.userId, fcn, [key]);
    const value = unwrap(JSON.parse(text));
    if (!partnerMayRead(ctx, value.partnerCustoms)) return null;
    return value;
  } catch (err) {
    if (parseChaincodeError(err)?.code === 'NOT_FOUND') return null;
    throw fromLedgerError(err);
  }
}

async function put(ctx: GatewayContext, fcn: string, value: unknown): Promise<Record<string, unknown>> {
  requireCustoms(ctx);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw badInput('expected a JSON object');
  try {
    const out = await ctx.services.backend.submit(mrChannel(ctx), ctx.viewer.userId, fcn, [JSON.stringify(value)]);
    try {
      return unwrap(JSON.parse(out.payload));
    } catch {
      return { ...(value as Record<string, unknown>), txId: out.txId };
    }
  } catch (err) {
    throw fromLedgerError(err);
  }
}

/** The chaincode stores {value, recordedTime, txId, recordedBy}; the API shows the value with
 * the record's ledger fields beside it. */
function unwrap(stored: unknown): Record<string, unknown> {
  const s = stored as { value?: unknown; recordedTime?: string; txId?: string };
  if (s && typeof s === 'object' && s.value && typeof s.value === 'object') {
    return { ...(s.value as Record<string, unknown>), __recordedTime: s.recordedTime, __txId: s.txId };
  }
  return s as Record<string, unknown>;
}

const withRaw = (v: Record<string, unknown> | null) => {
  if (!v) return null;
  const { __recordedTime, __txId, ...value } = v;
  return { ...value, raw: value, recordedTime: __recordedTime ?? null, txId: __txId ?? null };
};

export const mrQueryResolvers = {
  mutualRecognition: async (_: unknown, args: { enterpriseCode: string }, ctx: GatewayContext) => withRaw(await read(ctx, 'mutualRecognition:getAeoCertificate', args.enterpriseCode)),
  mrConsignment: async (_: unknown, args: { id: string }, ctx: GatewayContext) => withRaw(await read(ctx, 'mutualRecognition:getMrConsignment', args.id)),
};

export const mrMutationResolvers = {
  putAeoCertificate: async (_: unknown, args: { certificate: unknown }, ctx: GatewayContext) => withRaw(await put(ctx, 'mutualRecognition:putAeoCertificate', args.certificate)),
  putMrConsignment: async (_: unknown, args: { consignment: unknown }, ctx: GatewayContext) => withRaw(await put(ctx, 'mutualRecognition:putMrConsignment', args.consignment)),
};

export const MrConsignment = {
  partnerCustoms: (v: { partnerCustoms?: unknown }) => (v.partnerCustoms === undefined ? null : Array.isArray(v.partnerCustoms) ? v.partnerCustoms.join(',') : String(v.partnerCustoms)),
};
export const AeoCertificate = {
  partnerCustoms: (v: { partnerCustoms?: unknown }) => (v.partnerCustoms === undefined ? null : Array.isArray(v.partnerCustoms) ? v.partnerCustoms.map(String) : [String(v.partnerCustoms)]),
};
