import type { ChaincodeStub } from 'fabric-shim-api';
import { partialKeyPage } from '../ledger/pages';
import type { AeoCertificate, MrRecord } from '@cargotrace/model';
import { KEYS } from './object-types';

/** `aeo, enterpriseCode`: the current AEO certificate of an enterprise. */
export function aeoKey(stub: ChaincodeStub, enterpriseCode: string): string {
  return stub.createCompositeKey(KEYS.aeo, [enterpriseCode]);
}

/** `mrc, id`: one mutual-recognition consignment. */
export function mrConsignmentKey(stub: ChaincodeStub, id: string): string {
  return stub.createCompositeKey(KEYS.mrConsignment, [id]);
}

/** One page of AEO certificate records in enterprise-code order, and Fabric's bookmark. */
export async function aeoRecordsPage(
  stub: ChaincodeStub,
  pageSize: number,
  inner: string,
): Promise<{ records: Array<MrRecord<AeoCertificate>>; bookmark: string }> {
  const page = await partialKeyPage(stub, KEYS.aeo, [], pageSize, inner);
  return {
    records: page.keys.map((k) => JSON.parse(Buffer.from(k.value).toString('utf8')) as MrRecord<AeoCertificate>),
    bookmark: page.bookmark,
  };
}
