import { parseChaincodeError } from '@cargotrace/model';
import { BadInputError, ForbiddenError } from './gateway-error';
import { requireIdentifier } from './identifier';
import { fromLedgerError } from './ledger-call';
import type { RequestScope } from './request-scope';

/** A mutual-recognition record as the API shows it: the stored value with the ledger's fields
 * beside it. */
export type MrRecord = Record<string, unknown> & { raw: Record<string, unknown>; recordedTime: string | null; txId: string | null };

/** The AEO certificate of an enterprise, or null when unknown or not shown to this caller. */
export const aeoCertificate = (request: RequestScope, enterpriseCode: string) =>
  read(request, 'mutualRecognition:getAeoCertificate', enterpriseCode);
/** A mutual-recognition consignment, or null when unknown or not shown to this caller. */
export const mrConsignment = (request: RequestScope, id: string) => read(request, 'mutualRecognition:getMrConsignment', id);
/** Records an AEO certificate (customs only); the chaincode checks its content. */
export const putAeoCertificate = (request: RequestScope, certificate: unknown) =>
  put(request, 'mutualRecognition:putAeoCertificate', certificate, 'certificate');
/** Records a mutual-recognition consignment (customs only); the chaincode checks its content. */
export const putMrConsignment = (request: RequestScope, consignment: unknown) =>
  put(request, 'mutualRecognition:putMrConsignment', consignment, 'consignment');

function mrChannel(request: RequestScope): string {
  const c = request.services.config.channels.find((ch) => ch.kind === 'mutual-recognition');
  if (!c) throw new ForbiddenError('no mutual-recognition channel is configured');
  return c.name;
}

function requireMrReader(request: RequestScope): void {
  const k = request.viewer.orgKind;
  if (k !== 'gacc' && k !== 'customs' && k !== 'partner-customs')
    throw new ForbiddenError('mutual-recognition data is for customs and partner customs');
}

function requireCustoms(request: RequestScope): void {
  const k = request.viewer.orgKind;
  if (k !== 'gacc' && k !== 'customs') throw new ForbiddenError('only customs may record mutual-recognition data');
}

/** Partner customs see only records that name them (checked again after the chaincode's check). */
function partnerMayRead(request: RequestScope, partnerCustoms: unknown): boolean {
  const { viewer } = request;
  if (viewer.orgKind !== 'partner-customs') return true;
  const mine = [viewer.country, viewer.org, viewer.district].filter(Boolean);
  const named = Array.isArray(partnerCustoms) ? partnerCustoms : [partnerCustoms];
  return named.some((p) => mine.includes(String(p)));
}

async function read(request: RequestScope, fcn: string, key: string): Promise<MrRecord | null> {
  requireMrReader(request);
  requireIdentifier(key, fcn.endsWith('AeoCertificate') ? 'enterpriseCode' : 'id');
  try {
    const text = await request.services.backend.evaluate(mrChannel(request), request.viewer.userId, fcn, [key]);
    const value = unwrap(JSON.parse(text));
    if (!partnerMayRead(request, value.partnerCustoms)) return null;
    return withRaw(value);
  } catch (err) {
    if (parseChaincodeError(err)?.code === 'NOT_FOUND') return null;
    throw fromLedgerError(err);
  }
}

async function put(request: RequestScope, fcn: string, value: unknown, argument: string): Promise<MrRecord> {
  requireCustoms(request);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new BadInputError('expected a JSON object', { argument });
  try {
    const out = await request.services.backend.submit(mrChannel(request), request.viewer.userId, fcn, [JSON.stringify(value)]);
    try {
      return withRaw(unwrap(JSON.parse(out.payload)));
    } catch {
      return withRaw({ ...(value as Record<string, unknown>), __txId: out.txId });
    }
  } catch (err) {
    throw fromLedgerError(err);
  }
}

/** The chaincode stores {value, recordedTime, txId, recordedBy}; the API shows the value with
 * the record's ledger fields beside it. */
function unwrap(stored: unknown): Record<string, unknown> {
  const s = stored as { value?: unknown; recordedTime?: string; txId?: string } | null;
  if (typeof s === 'object' && s !== null && s.value && typeof s.value === 'object') {
    return { ...(s.value as Record<string, unknown>), __recordedTime: s.recordedTime, __txId: s.txId };
  }
  return s as Record<string, unknown>;
}

function withRaw(v: Record<string, unknown>): MrRecord {
  const { __recordedTime, __txId, ...value } = v;
  return {
    ...value,
    raw: value,
    recordedTime: (__recordedTime as string | undefined) ?? null,
    txId: (__txId as string | undefined) ?? null,
  };
}
