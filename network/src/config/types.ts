/** Types of the one network configuration file (network/config/network.json) that the embedded
 * ledger, the gateway and the Fabric scripts all read. The JSON Schema beside this file is the
 * authority; these types mirror it. */

export type DistrictLevel = 'national' | 'directly-governed' | 'subordinate';
export type OrganisationKind = 'gacc' | 'customs' | 'ciq' | 'warehouse' | 'carrier' | 'partner-customs';
export type UserLevel = DistrictLevel | 'enterprise' | 'foreign';

export interface District {
  code: string;
  name: string;
  nameZh?: string;
  level: DistrictLevel;
  parent?: string;
}

export interface Channel {
  name: string;
  kind: 'district' | 'mutual-recognition';
  /** The directly-governed district a district channel serves. */
  district?: string;
}

export interface Site {
  id: string;
  name: string;
  district: string;
  kind: string;
}

export interface Organisation {
  mspId: string;
  name: string;
  kind: OrganisationKind;
  enterpriseCode?: string;
  country?: string;
  districts: string[];
  sites?: Site[];
}

export interface User {
  id: string;
  org: string;
  role: string;
  district: string;
  level: UserLevel;
  /** Demo API key for the gateway; absent for service identities. */
  apiKey?: string;
}

export interface NetworkConfig {
  name: string;
  districts: District[];
  channels: Channel[];
  organisations: Organisation[];
  users: User[];
}
