import type { RegisteredDistrict, RegisteredOrganisation, RegisteredSite, Registry } from '@cargotrace/model';

/** Look-ups over a channel's registry. */
export class RegistryIndex {
  readonly districts = new Map<string, RegisteredDistrict>();
  readonly organisations = new Map<string, RegisteredOrganisation>();
  readonly sites = new Map<string, { site: RegisteredSite; org: RegisteredOrganisation }>();

  constructor(readonly registry: Registry) {
    for (const d of registry.districts) this.districts.set(d.code, d);
    for (const o of registry.organisations) {
      this.organisations.set(o.mspId, o);
      for (const s of o.sites ?? []) this.sites.set(s.id, { site: s, org: o });
    }
  }

  static empty(): RegistryIndex {
    return new RegistryIndex({ districts: [], organisations: [] });
  }

  /** True when `code` is `ancestor` or below it (parents from the registry). */
  isWithin(code: string, ancestor: string): boolean {
    const seen = new Set<string>();
    for (let c: string | undefined = code; c !== undefined && !seen.has(c); c = this.districts.get(c)?.parent) {
      if (c === ancestor) return true;
      seen.add(c);
    }
    return false;
  }
}
