import type { Channel, NetworkConfig, OrganisationKind, User } from '../../config/types';

/** native: every node is a process on 127.0.0.1; docker: containers addressed by host name. */
export type FabricTarget = 'native' | 'docker';

export interface OrdererNode {
  name: string;
  host: string;
  port: number;
  adminPort: number;
  opsPort: number;
  /** Address other nodes and clients dial (host:port). */
  endpoint: string;
  /** Channel participation API (osnadmin). */
  adminEndpoint: string;
}

export interface OrdererOrg {
  mspId: string;
  label: string;
  domain: string;
  name: string;
  orderers: OrdererNode[];
}

export interface PeerNode {
  name: string;
  host: string;
  port: number;
  chaincodePort: number;
  opsPort: number;
  endpoint: string;
  chaincodeEndpoint: string;
}

/** One peer organisation per configured organisation, with its single peer. */
export interface PeerOrg {
  mspId: string;
  name: string;
  kind: OrganisationKind;
  /** Short DNS label of the MSP id (ShanghaiCustomsMSP -> shanghaicustoms). */
  label: string;
  domain: string;
  peer: PeerNode;
}

export interface FabricChannel {
  name: string;
  kind: Channel['kind'];
  district?: string;
  /** MSP ids, as channelMembers() computes them for the embedded ledger. */
  members: string[];
  /** Signature policy of the chaincode on this channel. */
  endorsement: string;
}

export interface FabricUser extends User {
  orgLabel: string;
}

/** The chaincode server of CHAINCODE_MODE=ccaas, shared by every peer. */
export interface ChaincodeServer {
  port: number;
  host: string;
  endpoint: string;
}

/** Everything the generator and the shell scripts need (names, hosts, ports), computed once. */
export interface Topology {
  configFile: string;
  config: NetworkConfig;
  target: FabricTarget;
  domain: string;
  chaincodeName: string;
  ordererOrg: OrdererOrg;
  orgs: PeerOrg[];
  channels: FabricChannel[];
  users: FabricUser[];
  ccaas: ChaincodeServer;
}
