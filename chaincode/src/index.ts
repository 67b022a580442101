/** CargoTrace chaincode: the contracts Fabric (and the embedded ledger) run, and the rules they
 * apply. The data model, schemas and validation they share with the gateway and clients are in
 * @cargotrace/model. */
import { RegistryContract } from './contracts/registry';
import { CustodyContract } from './contracts/custody';
import { MutualRecognitionContract } from './contracts/mutual-recognition';

export { RegistryContract, CustodyContract, MutualRecognitionContract };
export const contracts = [RegistryContract, CustodyContract, MutualRecognitionContract];

export * from './rules/authorisation';
export * from './rules/goods-state';
export * from './rules/registry-index';
export { mayWriteRegistry, REGISTRY_WRITER_ROLES } from './rules/registry-writers';
export { readDenial } from './rules/read-access';
export { dayBucketQuery, MAX_QUERY_DAYS } from './indexes/day-buckets';
export { mrReadAccess, mrWriteDenial, MR_WRITERS, type MrAccess } from './rules/mr-access';
export { KEYS } from './indexes/object-types';
