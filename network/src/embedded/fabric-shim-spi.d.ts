// fabric-shim's contract SPI (what `fabric-chaincode-node start` loads a contract package with)
// ships without typings; these are the parts chaincode-host.ts uses.

declare module 'fabric-shim/lib/contract-spi/bootstrap.js' {
  interface ContractInfo {
    contracts: unknown[];
    serializers: unknown;
    title: string;
    version: string;
  }
  const Bootstrap: {
    getInfoFromContract(dir: string): ContractInfo;
    getMetadata(dir: string): Promise<object>;
  };
  export = Bootstrap;
}

declare module 'fabric-shim/lib/contract-spi/chaincodefromcontract.js' {
  import type { ChaincodeInterface } from 'fabric-shim-api';
  const ChaincodeFromContract: new (
    contracts: unknown[],
    serializers: unknown,
    metadata: object,
    title: string,
    version: string,
  ) => ChaincodeInterface;
  export = ChaincodeFromContract;
}
