import * as path from 'node:path';
import type { ChaincodeInterface } from 'fabric-shim-api';

/** A chaincode package loaded the way `fabric-chaincode-node start` loads it, so that dispatch,
 * argument marshalling, metadata and ClientIdentity are fabric-contract-api's own. */
export interface LoadedChaincode {
  chaincode: ChaincodeInterface;
  name: string;
  version: string;
}

interface ContractInfo {
  contracts: unknown[];
  serializers: unknown;
  title: string;
  version: string;
}

interface BootstrapModule {
  getInfoFromContract(dir: string): ContractInfo;
  getMetadata(dir: string): Promise<object>;
}

type ChaincodeFromContractCtor = new (contracts: unknown[], serializers: unknown, metadata: object, title: string, version: string) => ChaincodeInterface;

export async function loadChaincode(chaincodeDir: string): Promise<LoadedChaincode> {
  // These are fabric-shim internals (contract SPI) without typings; required lazily because
  // bootstrap.js pulls in the CLI machinery.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Bootstrap = require('fabric-shim/lib/contract-spi/bootstrap.js') as BootstrapModule;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ChaincodeFromContract = require('fabric-shim/lib/contract-spi/chaincodefromcontract.js') as ChaincodeFromContractCtor;
  const dir = path.resolve(chaincodeDir);
  const info = Bootstrap.getInfoFromContract(dir);
  const metadata = await Bootstrap.getMetadata(dir);
  // ChaincodeFromContract appends its system contract to the array it is given; the module's own
  // export array is cached by require, so hand it a copy.
  const chaincode = new ChaincodeFromContract([...info.contracts], info.serializers, metadata, info.title, info.version);
  return { chaincode, name: info.title, version: info.version };
}
