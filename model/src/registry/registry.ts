/** The channel registry: districts and organisations (network/config/network.json entries). */

export const ORG_KINDS = ['gacc', 'customs', 'ciq', 'warehouse', 'carrier', 'partner-customs'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export interface RegisteredDistrict {
  code: string;
  name: string;
  nameZh?: string;
  level: 'national' | 'directly-governed' | 'subordinate';
  parent?: string;
}

export interface RegisteredSite {
  id: string;
  name: string;
  district: string;
  kind: string;
}

export interface RegisteredOrganisation {
  mspId: string;
  name: string;
  kind: OrgKind;
  enterpriseCode?: string;
  country?: string;
  districts: string[];
  sites?: RegisteredSite[];
}

export interface Registry {
  districts: RegisteredDistrict[];
  organisations: RegisteredOrganisation[];
}
