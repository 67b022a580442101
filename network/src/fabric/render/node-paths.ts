/** Where a node's files are as the node sees them: for native processes the work dir on this
 * machine, for docker the same path mounted into the container. */
export interface NodePaths {
  /** 127.0.0.1 natively, 0.0.0.0 in a container. */
  listenHost: string;
  msp: string;
  tls: string;
  /** Ledger and state directory. */
  data: string;
}

/** A peer external builder (core.yaml chaincode.externalBuilders). */
export interface ExternalBuilder {
  name: string;
  path: string;
  /** Environment variables the peer passes on to the builder. */
  env: string[];
}

export interface PeerPaths extends NodePaths {
  builders: ExternalBuilder[];
}

/** The shared BCCSP section of core.yaml and orderer.yaml. */
export const SOFTWARE_BCCSP = { Default: 'SW', SW: { Hash: 'SHA2', Security: 256, FileKeyStore: { KeyStore: null } } };
