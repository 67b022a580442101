import * as path from 'node:path';
import type { ChaincodeInterface } from 'fabric-shim-api';

/** A chaincode package loaded the way `fabric-chaincode-node start` loads it, so that dispatch,
 * argument marshalling, metadata and ClientIdentity are fabric-contract-api's own. */
export interface LoadedChaincode {
  chaincode: ChaincodeInterface;
  name: string;
  version: string;
}

export async function loadChaincode(chaincodeDir: string): Promise<LoadedChaincode> {
  // fabric-shim internals (contract SPI, typed in fabric-shim-spi.d.ts), loaded lazily because
  // bootstrap.js pulls in the CLI machinery.
  const { default: Bootstrap } = await import('fabric-shim/lib/contract-spi/bootstrap.js');
  const { default: ChaincodeFromContract } = await import('fabric-shim/lib/contract-spi/chaincodefromcontract.js');
  const dir = path.resolve(chaincodeDir);
  const info = Bootstrap.getInfoFromContract(dir);
  const metadata = await Bootstrap.getMetadata(dir);
  // ChaincodeFromContract appends its system contract to the array it is given; the module's own
  // export array is cached by require, so hand it a copy.
  const chaincode = new ChaincodeFromContract([...info.contracts], info.serializers, metadata, info.title, info.version);
  return { chaincode, name: info.title, version: info.version };
}
