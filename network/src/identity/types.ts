/** An enrolled user as the dev CA issues it: what a Fabric wallet holds for an X.509 identity. */
export interface Identity {
  userId: string;
  mspId: string;
  /** Enrolment certificate, PEM. */
  certificate: string;
  /** PKCS#8 PEM of the P-256 key the certificate certifies. */
  privateKey: string;
}

/** An organisation's certificate authority as persisted under <dataDir>/msp/<mspId>/. */
export interface CaMaterial {
  mspId: string;
  certificate: string;
  privateKey: string;
}

/** Fabric CA puts enrolment attributes into this X.509 extension (value: JSON `{"attrs":{…}}`);
 * fabric-shim's ClientIdentity reads the same OID. */
export const FABRIC_CERT_ATTR_OID = '1.2.3.4.5.6.7.8.1';
