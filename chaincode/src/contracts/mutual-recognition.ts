import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import type { ChaincodeStub } from 'fabric-shim-api';
import { canonicalJson } from '@cargotrace/model';
import { ChaincodeError, pointer, type FieldError } from '@cargotrace/model';
import { dateErrors, goodsRefErrors, parseJsonArgument, schemaErrors } from '@cargotrace/model';
import type { AeoCertificate, MrConsignment, MrRecord, OrgKind, Page } from '@cargotrace/model';
import type { Caller } from '../rules/authorisation';
import type { RegistryIndex } from '../rules/registry-index';
import {
  KEYS,
  callerOf,
  decodeBookmark,
  encodeBookmark,
  getJson,
  history,
  parsePageSize,
  partialKeyPage,
  putJson,
  readRegistryIndex,
  requireNonEmpty,
  txTime,
} from './common';

/** Org kinds and roles that may write mutual-recognition records. */
export const MR_WRITERS: Readonly<Partial<Record<OrgKind, readonly string[]>>> = {
  customs: ['officer'],
  gacc: ['service', 'admin', 'officer'],
};

export type MrAccess = { kind: 'full' } | { kind: 'country'; country: string } | { kind: 'none'; reason: string };

/** Read access to mutual-recognition records: customs and GACC read everything; partner customs
 * read records naming its country (registry country, else the certificate's `district`
 * attribute, which holds the country code for foreign identities); others nothing. */
export function mrReadAccess(registry: RegistryIndex, caller: Caller): MrAccess {
  const org = registry.organisations.get(caller.mspId);
  if (!org) return { kind: 'none', reason: `organisation ${caller.mspId} is not registered on this channel` };
  if (org.kind === 'customs' || org.kind === 'gacc') return { kind: 'full' };
  if (org.kind === 'partner-customs') {
    const country = org.country ?? caller.district;
    if (!/^[A-Z]{2}$/.test(country)) return { kind: 'none', reason: 'partner customs without a country' };
    if (org.country !== undefined && caller.district !== '' && caller.district !== org.country) {
      return { kind: 'none', reason: `certificate country ${caller.district} differs from the registered country ${org.country}` };
    }
    return { kind: 'country', country };
  }
  return { kind: 'none', reason: `a ${org.kind} organisation may not read mutual-recognition records` };
}

export function mrWriteDenial(registry: RegistryIndex, caller: Caller): string | undefined {
  const org = registry.organisations.get(caller.mspId);
  if (!org) return `organisation ${caller.mspId} is not registered on this channel`;
  const roles = MR_WRITERS[org.kind];
  if (!roles) return `a ${org.kind} organisation may not write mutual-recognition records`;
  if (!roles.includes(caller.role)) return `role '${caller.role}' may not write mutual-recognition records (needs ${roles.join(' or ')})`;
  return undefined;
}

function visible(access: MrAccess, countries: string[]): boolean {
  return access.kind === 'full' || (access.kind === 'country' && countries.includes(access.country));
}

const aeoCountries = (c: AeoCertificate): string[] => [...c.partnerCustoms, c.issuingCustoms];
const consignmentCountries = (c: MrConsignment): string[] => [c.partnerCustoms, c.destinationCountry];

async function writer(ctx: Context): Promise<Caller> {
  const caller = callerOf(ctx);
  const denied = mrWriteDenial(await readRegistryIndex(ctx.stub), caller);
  if (denied) throw new ChaincodeError('FORBIDDEN', denied, '');
  return caller;
}

async function reader(ctx: Context): Promise<MrAccess> {
  const access = mrReadAccess(await readRegistryIndex(ctx.stub), callerOf(ctx));
  if (access.kind === 'none') throw new ChaincodeError('FORBIDDEN', access.reason, '');
  return access;
}

function throwIf(errors: FieldError[]): void {
  if (errors.length > 0) throw ChaincodeError.fromErrors(errors.slice(0, 100));
}

async function store<T>(ctx: Context, caller: Caller, key: string, value: T): Promise<string> {
  const record: MrRecord<T> = { value, recordedTime: txTime(ctx), txId: ctx.stub.getTxID(), recordedBy: { ...caller } };
  await putJson(ctx.stub, key, record);
  return canonicalJson(record);
}

async function readVisible<T>(stub: ChaincodeStub, key: string, access: MrAccess, countries: (v: T) => string[], what: string): Promise<MrRecord<T>> {
  const record = await getJson<MrRecord<T>>(stub, key);
  // Partner customs learn nothing about records that do not name them.
  if (!record || !visible(access, countries(record.value))) throw new ChaincodeError('NOT_FOUND', `${what} not found`, '');
  return record;
}

@Info({ title: 'mutualRecognition', description: 'AEO certificates and mutual-recognition consignments shared with partner customs' })
export class MutualRecognitionContract extends Contract {
  constructor() {
    super('mutualRecognition');
  }

  @Transaction()
  @Returns('string')
  async putAeoCertificate(ctx: Context, certificateJson: string): Promise<string> {
    const caller = await writer(ctx);
    const value = parseJsonArgument(certificateJson, 'certificate');
    throwIf(schemaErrors('aeoCertificate', value));
    const cert = value as AeoCertificate;
    const errors = dateErrors(cert as unknown as Record<string, unknown>, ['validFrom', 'validTo']);
    if (errors.length === 0 && cert.validTo < cert.validFrom) errors.push({ code: 'VALIDATION_FAILED', path: pointer('validTo'), message: '/validTo: before validFrom' });
    throwIf(errors);
    return store(ctx, caller, ctx.stub.createCompositeKey(KEYS.aeo, [cert.enterpriseCode]), cert);
  }

  @Transaction(false)
  @Returns('string')
  async getAeoCertificate(ctx: Context, enterpriseCode: string): Promise<string> {
    const access = await reader(ctx);
    const key = ctx.stub.createCompositeKey(KEYS.aeo, [requireNonEmpty(enterpriseCode, 'enterpriseCode')]);
    return canonicalJson(await readVisible<AeoCertificate>(ctx.stub, key, access, aeoCountries, `AEO certificate of ${enterpriseCode}`));
  }

  @Transaction(false)
  @Returns('string')
  async getAeoCertificateHistory(ctx: Context, enterpriseCode: string): Promise<string> {
    const access = await reader(ctx);
    const key = ctx.stub.createCompositeKey(KEYS.aeo, [requireNonEmpty(enterpriseCode, 'enterpriseCode')]);
    await readVisible<AeoCertificate>(ctx.stub, key, access, aeoCountries, `AEO certificate of ${enterpriseCode}`);
    const versions = await history<MrRecord<AeoCertificate>>(ctx.stub, key);
    return canonicalJson(versions.filter((v) => !v.value || visible(access, aeoCountries(v.value.value))));
  }

  /** AEO certificates by enterprise code; for partner customs only those naming its country
   * (a page may then hold fewer than pageSize records while the bookmark is not empty). */
  @Transaction(false)
  @Returns('string')
  async listAeoCertificates(ctx: Context, pageSize: string, bookmark: string): Promise<string> {
    const access = await reader(ctx);
    const inner = bookmark ? decodeBookmark<{ b: string }>(bookmark).b : '';
    if (typeof inner !== 'string') throw new ChaincodeError('BAD_ARGUMENT', 'bookmark is not one this chaincode issued', '');
    const page = await partialKeyPage(ctx.stub, KEYS.aeo, [], parsePageSize(pageSize), inner);
    const records = page.keys
      .map((k) => JSON.parse(Buffer.from(k.value).toString('utf8')) as MrRecord<AeoCertificate>)
      .filter((r) => visible(access, aeoCountries(r.value)));
    const result: Page<MrRecord<AeoCertificate>> = { records, bookmark: page.bookmark ? encodeBookmark({ b: page.bookmark }) : '', fetched: records.length };
    return canonicalJson(result);
  }

  @Transaction()
  @Returns('string')
  async putMrConsignment(ctx: Context, consignmentJson: string): Promise<string> {
    const caller = await writer(ctx);
    const value = parseJsonArgument(consignmentJson, 'consignment');
    throwIf(schemaErrors('mrConsignment', value));
    const consignment = value as MrConsignment;
    throwIf(consignment.goods.flatMap((g, j) => goodsRefErrors(g, ['goods', j])));
    return store(ctx, caller, ctx.stub.createCompositeKey(KEYS.mrConsignment, [consignment.id]), consignment);
  }

  @Transaction(false)
  @Returns('string')
  async getMrConsignment(ctx: Context, id: string): Promise<string> {
    const access = await reader(ctx);
    const key = ctx.stub.createCompositeKey(KEYS.mrConsignment, [requireNonEmpty(id, 'id')]);
    return canonicalJson(await readVisible<MrConsignment>(ctx.stub, key, access, consignmentCountries, `MR consignment ${id}`));
  }

  @Transaction(false)
  @Returns('string')
  async getMrConsignmentHistory(ctx: Context, id: string): Promise<string> {
    const access = await reader(ctx);
    const key = ctx.stub.createCompositeKey(KEYS.mrConsignment, [requireNonEmpty(id, 'id')]);
    await readVisible<MrConsignment>(ctx.stub, key, access, consignmentCountries, `MR consignment ${id}`);
    const versions = await history<MrRecord<MrConsignment>>(ctx.stub, key);
    return canonicalJson(versions.filter((v) => !v.value || visible(access, consignmentCountries(v.value.value))));
  }
}
