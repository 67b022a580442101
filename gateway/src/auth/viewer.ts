import type { NetworkConfig, OrganisationKind, UserLevel } from '@cargotrace/network';
import type { IssuedKeys } from './issued-keys';

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

export interface ApiKeyOptions {
  /** Accept the keys written in the configuration (users[].apiKey): the demo's keys, which are
   * public. The CLI accepts them only in demo mode. */
  configKeys?: boolean;
  /** Keys the operator issued (hashed, in the data directory). */
  issued?: IssuedKeys;
}

/** Maps an API key to its user's viewer: an issued key (hashed at rest, see issued-keys.ts) or,
 * when allowed, a key from the configuration. */
export class ApiKeys {
  private readonly byKey = new Map<string, Viewer>();
  private readonly viewers = new Map<string, Viewer>();
  private readonly issued: IssuedKeys | undefined;

  constructor(config: NetworkConfig, options: ApiKeyOptions = {}) {
    const orgs = new Map(config.organisations.map((o) => [o.mspId, o]));
    for (const u of config.users) {
      const org = orgs.get(u.org);
      if (!org) continue;
      const viewer: Viewer = {
        userId: u.id,
        org: u.org,
        orgKind: org.kind,
        role: u.role,
        district: u.district,
        level: u.level,
        ...(org.enterpriseCode ? { enterpriseCode: org.enterpriseCode } : {}),
        ...(org.country ? { country: org.country } : {}),
      };
      this.viewers.set(u.id, viewer);
      if (u.apiKey && options.configKeys !== false) this.byKey.set(u.apiKey, viewer);
    }
    this.issued = options.issued;
  }

  /** The viewer for an `Authorization: Bearer <key>` header value, or undefined. */
  fromHeader(header: string | null | undefined): Viewer | undefined {
    if (!header) return undefined;
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) return undefined;
    const userId = this.issued?.userOf(m[1]);
    return userId !== undefined ? this.viewers.get(userId) : this.byKey.get(m[1]);
  }

  /** The configuration's keys in use (the demo's), for the start-up banner. */
  list(): { apiKey: string; viewer: Viewer }[] {
    return [...this.byKey].map(([apiKey, viewer]) => ({ apiKey, viewer }));
  }
}
