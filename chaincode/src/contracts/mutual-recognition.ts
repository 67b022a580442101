import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import type { ChaincodeStub } from 'fabric-shim-api';
import { parsePageSize, requireNonEmpty } from '../arguments';
import { canonicalJson } from '@cargotrace/model';
import { ChaincodeError, pointer, type FieldError } from '@cargotrace/model';
import { aeoKey, aeoRecordsPage, mrConsignmentKey } from '../indexes/mutual-recognition';
import { readRegistryIndex } from '../indexes/registry';
import { callerOf, txTime } from '../ledger/context';
import { innerBookmark, outerBookmark } from '../ledger/pages';
import { getJson, history, putJson } from '../ledger/state';
import type { AeoCertificate, HistoryEntry, MrConsignment, MrRecord, Page } from '@cargotrace/model';
import { dateErrors, goodsRefErrors, parseJsonArgument, schemaErrors } from '@cargotrace/model';
import type { Caller } from '../rules/authorisation';
import { aeoCountries, consignmentCountries, mrReadAccess, mrVisible, mrWriteDenial, type MrAccess } from '../rules/mr-access';

@Info({ title: 'mutualRecognition', description: 'AEO certificates and mutual-recognition consignments shared with partner customs' })
export class MutualRecognitionContract extends Contract {
  constructor() {
    super('mutualRecognition');
  }

  @Transaction()
  @Returns('string')
  async putAeoCertificate(ctx: Context, certificateJson: string): Promise<string> {
    const caller = await this.#writer(ctx);
    const value = parseJsonArgument(certificateJson, 'certificate');
    this.#throwIf(schemaErrors('aeoCertificate', value));
    const cert = value as AeoCertificate;
    const errors = dateErrors(cert as unknown as Record<string, unknown>, ['validFrom', 'validTo']);
    if (errors.length === 0 && cert.validTo < cert.validFrom)
      errors.push({ code: 'VALIDATION_FAILED', path: pointer('validTo'), message: '/validTo: before validFrom' });
    this.#throwIf(errors);
    return this.#store(ctx, caller, aeoKey(ctx.stub, cert.enterpriseCode), cert);
  }

  @Transaction(false)
  @Returns('string')
  async getAeoCertificate(ctx: Context, enterpriseCode: string): Promise<string> {
    const access = await this.#reader(ctx);
    const key = aeoKey(ctx.stub, requireNonEmpty(enterpriseCode, 'enterpriseCode'));
    return canonicalJson(await this.#readVisible(ctx.stub, key, access, aeoCountries, `AEO certificate of ${enterpriseCode}`));
  }

  @Transaction(false)
  @Returns('string')
  async getAeoCertificateHistory(ctx: Context, enterpriseCode: string): Promise<string> {
    const access = await this.#reader(ctx);
    const key = aeoKey(ctx.stub, requireNonEmpty(enterpriseCode, 'enterpriseCode'));
    await this.#readVisible(ctx.stub, key, access, aeoCountries, `AEO certificate of ${enterpriseCode}`);
    return canonicalJson(await this.#visibleHistory(ctx.stub, key, access, aeoCountries));
  }

  /** AEO certificates by enterprise code; for partner customs only those naming its country
   * (a page may then hold fewer than pageSize records while the bookmark is not empty). */
  @Transaction(false)
  @Returns('string')
  async listAeoCertificates(ctx: Context, pageSize: string, bookmark: string): Promise<string> {
    const access = await this.#reader(ctx);
    const inner = innerBookmark(bookmark);
    const page = await aeoRecordsPage(ctx.stub, parsePageSize(pageSize), inner);
    const records = page.records.filter((r) => mrVisible(access, aeoCountries(r.value)));
    const result: Page<MrRecord<AeoCertificate>> = { records, bookmark: outerBookmark(page.bookmark), fetched: records.length };
    return canonicalJson(result);
  }

  @Transaction()
  @Returns('string')
  async putMrConsignment(ctx: Context, consignmentJson: string): Promise<string> {
    const caller = await this.#writer(ctx);
    const value = parseJsonArgument(consignmentJson, 'consignment');
    this.#throwIf(schemaErrors('mrConsignment', value));
    const consignment = value as MrConsignment;
    this.#throwIf(consignment.goods.flatMap((g, j) => goodsRefErrors(g, ['goods', j])));
    return this.#store(ctx, caller, mrConsignmentKey(ctx.stub, consignment.id), consignment);
  }

  @Transaction(false)
  @Returns('string')
  async getMrConsignment(ctx: Context, id: string): Promise<string> {
    const access = await this.#reader(ctx);
    const key = mrConsignmentKey(ctx.stub, requireNonEmpty(id, 'id'));
    return canonicalJson(await this.#readVisible(ctx.stub, key, access, consignmentCountries, `MR consignment ${id}`));
  }

  @Transaction(false)
  @Returns('string')
  async getMrConsignmentHistory(ctx: Context, id: string): Promise<string> {
    const access = await this.#reader(ctx);
    const key = mrConsignmentKey(ctx.stub, requireNonEmpty(id, 'id'));
    await this.#readVisible(ctx.stub, key, access, consignmentCountries, `MR consignment ${id}`);
    return canonicalJson(await this.#visibleHistory(ctx.stub, key, access, consignmentCountries));
  }

  async #writer(ctx: Context): Promise<Caller> {
    const caller = callerOf(ctx);
    const denied = mrWriteDenial(await readRegistryIndex(ctx.stub), caller);
    if (denied) throw new ChaincodeError('FORBIDDEN', denied, '');
    return caller;
  }

  async #reader(ctx: Context): Promise<MrAccess> {
    const access = mrReadAccess(await readRegistryIndex(ctx.stub), callerOf(ctx));
    if (access.kind === 'none') throw new ChaincodeError('FORBIDDEN', access.reason, '');
    return access;
  }

  #throwIf(errors: FieldError[]): void {
    if (errors.length > 0) throw ChaincodeError.fromErrors(errors.slice(0, 100));
  }

  async #store(ctx: Context, caller: Caller, key: string, value: unknown): Promise<string> {
    const record: MrRecord<unknown> = { value, recordedTime: txTime(ctx), txId: ctx.stub.getTxID(), recordedBy: { ...caller } };
    await putJson(ctx.stub, key, record);
    return canonicalJson(record);
  }

  async #readVisible<T>(
    stub: ChaincodeStub,
    key: string,
    access: MrAccess,
    countries: (v: T) => string[],
    what: string,
  ): Promise<MrRecord<T>> {
    const record = await getJson<MrRecord<T>>(stub, key);
    // Partner customs learn nothing about records that do not name them.
    if (!record || !mrVisible(access, countries(record.value))) throw new ChaincodeError('NOT_FOUND', `${what} not found`, '');
    return record;
  }

  async #visibleHistory<T>(
    stub: ChaincodeStub,
    key: string,
    access: MrAccess,
    countries: (v: T) => string[],
  ): Promise<Array<HistoryEntry<MrRecord<T>>>> {
    const versions = await history<MrRecord<T>>(stub, key);
    return versions.filter((v) => !v.value || mrVisible(access, countries(v.value.value)));
  }
}
