import type { NetworkConfig, OrganisationKind, UserLevel } from '@cargotrace/network';

/** The authenticated caller: a config user and its organisation. */
export interface Viewer {
  userId: string;
  org: string;
  orgKind: OrganisationKind;
  role: string;
  district: string;
  level: UserLevel;
  enterpriseCode?: string;
  country?: string;
}

/** Maps API keys (users[].apiKey) to viewers. */
export class ApiKeys {
  private readonly byKey = new Map<string, Viewer>();

  constructor(config: NetworkConfig) {
    const orgs = new Map(config.organisations.map((o) => [o.mspId, o]));
    for (const u of config.users) {
      if (!u.apiKey) continue;
      const org = orgs.get(u.org);
      if (!org) continue;
      this.byKey.set(u.apiKey, {
        userId: u.id,
        org: u.org,
        orgKind: org.kind,
        role: u.role,
        district: u.district,
        level: u.level,
        ...(org.enterpriseCode ? { enterpriseCode: org.enterpriseCode } : {}),
        ...(org.country ? { country: org.country } : {}),
      });
    }
  }

  /** The viewer for an `Authorization: Bearer <key>` header value, or undefined. */
  fromHeader(header: string | null | undefined): Viewer | undefined {
    if (!header) return undefined;
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return m ? this.byKey.get(m[1]) : undefined;
  }

  /** Demo keys by role, for the start-up banner. */
  list(): { apiKey: string; viewer: Viewer }[] {
    return [...this.byKey].map(([apiKey, viewer]) => ({ apiKey, viewer }));
  }
}
