import * as path from 'node:path';
import { FABRIC_DIR } from '../paths';
import type { FabricTarget } from '../topology/types';
import type { ExternalBuilder } from './node-paths';

const CCAAS_ENV = ['CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG'];

/** The external builders of the peers. Natively: the node builder runs the chaincode with the
 * local Node; the ccaas builder (Fabric's ccaas_builder when available, else ours) connects to a
 * chaincode server. In the peer image only Fabric's ccaas builder exists (no Node runtime). */
export function externalBuilders(target: FabricTarget, ccaasBuilder: string | undefined): ExternalBuilder[] {
  if (target === 'docker') return [{ name: 'ccaas', path: '/opt/hyperledger/ccaas_builder', env: CCAAS_ENV }];
  return [
    { name: 'cargotrace-node', path: path.join(FABRIC_DIR, 'builders/node'), env: ['CARGOTRACE_FABRIC_PIDDIR'] },
    { name: 'ccaas', path: ccaasBuilder ?? path.join(FABRIC_DIR, 'builders/ccaas'), env: CCAAS_ENV },
  ];
}
