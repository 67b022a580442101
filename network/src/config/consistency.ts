import { ConfigError } from './config-error';
import type { NetworkConfig } from './types';

/** Cross-reference rules that a JSON Schema cannot express: unique names, parents that exist and
 * sit one level up, organisations and users that point at known districts. */
export function checkConsistency(config: NetworkConfig): void {
  checkUniqueNames(config);
  checkSites(config);
  const districts = new Map(config.districts.map((d) => [d.code, d]));
  checkDistricts(config, districts);
  checkChannels(config, districts);
  checkOrganisations(config, districts);
  checkUsers(config, districts);
}

type DistrictsByCode = Map<string, NetworkConfig['districts'][number]>;

function checkUniqueNames(config: NetworkConfig): void {
  unique(
    config.districts.map((d) => d.code),
    '/districts',
    'code',
  );
  unique(
    config.channels.map((c) => c.name),
    '/channels',
    'name',
  );
  unique(
    config.organisations.map((o) => o.mspId),
    '/organisations',
    'mspId',
  );
  unique(
    config.users.map((u) => u.id),
    '/users',
    'id',
  );
  unique(
    config.users.map((u) => u.apiKey),
    '/users',
    'apiKey',
  );
}

function checkSites(config: NetworkConfig): void {
  const sites = new Map<string, string>();
  config.organisations.forEach((o, i) =>
    (o.sites ?? []).forEach((s, j) => {
      const at = `/organisations/${i}/sites/${j}/id`;
      const first = sites.get(s.id);
      if (first !== undefined) throw new ConfigError(at, `duplicate site id ${s.id} (first at ${first})`);
      sites.set(s.id, at);
    }),
  );
}

function checkDistricts(config: NetworkConfig, districts: DistrictsByCode): void {
  const parentLevel = { national: undefined, 'directly-governed': 'national', subordinate: 'directly-governed' } as const;
  config.districts.forEach((d, i) => {
    const want = parentLevel[d.level];
    if (!want) {
      if (d.parent !== undefined) throw new ConfigError(`/districts/${i}/parent`, 'the national district has no parent');
      return;
    }
    const parent = d.parent === undefined ? undefined : districts.get(d.parent);
    if (!parent) throw new ConfigError(`/districts/${i}/parent`, `a ${d.level} district needs a known parent district`);
    if (parent.level !== want) {
      throw new ConfigError(
        `/districts/${i}/parent`,
        `the parent of a ${d.level} district must be ${want}, ${parent.code} is ${parent.level}`,
      );
    }
  });
}

function checkChannels(config: NetworkConfig, districts: DistrictsByCode): void {
  config.channels.forEach((c, i) => {
    if (c.kind === 'district') {
      const d = c.district === undefined ? undefined : districts.get(c.district);
      if (!d) throw new ConfigError(`/channels/${i}/district`, 'a district channel needs a known district');
      if (d.level !== 'directly-governed') {
        throw new ConfigError(`/channels/${i}/district`, `district channels serve directly-governed districts; ${d.code} is ${d.level}`);
      }
    } else if (c.district !== undefined) {
      throw new ConfigError(`/channels/${i}/district`, 'the mutual-recognition channel has no district');
    }
  });
}

function checkOrganisations(config: NetworkConfig, districts: DistrictsByCode): void {
  config.organisations.forEach((o, i) => {
    o.districts.forEach((code, j) => {
      if (!districts.has(code)) throw new ConfigError(`/organisations/${i}/districts/${j}`, `unknown district ${code}`);
    });
    (o.sites ?? []).forEach((s, j) => {
      if (!o.districts.includes(s.district)) {
        throw new ConfigError(
          `/organisations/${i}/sites/${j}/district`,
          `site district ${s.district} is not one of the organisation's districts`,
        );
      }
    });
    if (o.kind === 'partner-customs' && !o.country) {
      throw new ConfigError(`/organisations/${i}/country`, 'partner customs need a country code');
    }
  });
}

function checkUsers(config: NetworkConfig, districts: DistrictsByCode): void {
  const orgs = new Map(config.organisations.map((o) => [o.mspId, o]));
  config.users.forEach((u, i) => {
    const org = orgs.get(u.org);
    if (!org) throw new ConfigError(`/users/${i}/org`, `unknown organisation ${u.org}`);
    if (org.kind === 'partner-customs') {
      if (u.district !== org.country) {
        throw new ConfigError(`/users/${i}/district`, `a partner-customs user's district is its country code ${org.country ?? '(none)'}`);
      }
      return;
    }
    if (!org.districts.includes(u.district)) {
      throw new ConfigError(`/users/${i}/district`, `district ${u.district} is not one of ${u.org}'s districts`);
    }
    if (org.kind === 'gacc' || org.kind === 'customs') {
      const level = districts.get(u.district)?.level;
      if (level !== undefined && u.level !== level) {
        throw new ConfigError(`/users/${i}/level`, `a customs user's level follows its district: ${level}`);
      }
    }
  });
}

function unique(values: (string | undefined)[], at: string, what: string): void {
  const seen = new Map<string, number>();
  values.forEach((v, i) => {
    if (v === undefined) return;
    const first = seen.get(v);
    if (first !== undefined) throw new ConfigError(`${at}/${i}`, `duplicate ${what} ${v} (first at index ${first})`);
    seen.set(v, i);
  });
}
