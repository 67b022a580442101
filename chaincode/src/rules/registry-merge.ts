import { ErrorCollector, pointer } from '@cargotrace/model';
import type { RegisteredDistrict, RegisteredOrganisation, RegisteredSite, Registry } from '@cargotrace/model';
import { RegistryIndex } from './registry-index';

/** How registerDistricts and registerOrganisations merge what they are given into a registry.
 * Pure: each returns the merged registry or throws every error found (paths /i/...). */

function pick<T extends object>(value: T, members: Array<keyof T>): T {
  const out = {} as T;
  for (const m of members) if (value[m] !== undefined) out[m] = value[m];
  return out;
}

/** The schema-checked district with only its declared members. */
export function cleanDistrict(d: RegisteredDistrict): RegisteredDistrict {
  return pick(d, ['code', 'name', 'nameZh', 'level', 'parent']);
}

export function cleanOrganisation(o: RegisteredOrganisation): RegisteredOrganisation {
  const out = pick(o, ['mspId', 'name', 'kind', 'enterpriseCode', 'country', 'districts', 'sites']);
  out.districts = [...o.districts];
  if (o.sites) out.sites = o.sites.map((s) => pick<RegisteredSite>(s, ['id', 'name', 'district', 'kind']));
  return out;
}

export function mergeDistricts(registry: Registry, incoming: RegisteredDistrict[]): Registry {
  const errors = new ErrorCollector();
  const byCode = new Map(registry.districts.map((d) => [d.code, d]));
  const inBatch = new Set<string>();
  incoming.forEach((d, i) => {
    if (inBatch.has(d.code)) errors.add('VALIDATION_FAILED', pointer(i, 'code'), `district ${d.code} is listed twice`, i);
    inBatch.add(d.code);
    byCode.set(d.code, d);
  });
  incoming.forEach((d, i) => {
    if (d.parent !== undefined && !byCode.has(d.parent))
      errors.add(
        'UNKNOWN_DISTRICT',
        pointer(i, 'parent'),
        `parent district ${d.parent} is not registered (register parents first or in the same call)`,
        i,
      );
    if (d.parent === undefined && d.level !== 'national')
      errors.add('VALIDATION_FAILED', pointer(i, 'parent'), `a ${d.level} district needs a parent`, i);
  });
  const merged: Registry = {
    districts: [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : 1)),
    organisations: registry.organisations,
  };
  const index = new RegistryIndex(merged);
  incoming.forEach((d, i) => {
    // Cycles would make scope checks meaningless.
    if (d.parent !== undefined && index.isWithin(d.parent, d.code))
      errors.add('VALIDATION_FAILED', pointer(i, 'parent'), `district ${d.code} would be its own ancestor`, i);
  });
  errors.throwIfAny();
  return merged;
}

function checkOrganisation(errors: ErrorCollector, o: RegisteredOrganisation, i: number): void {
  o.sites?.forEach((s, j) => {
    if (!o.districts.includes(s.district))
      errors.add(
        'VALIDATION_FAILED',
        pointer(i, 'sites', j, 'district'),
        `site ${s.id} lies in district ${s.district}, which is not one of the organisation's districts`,
        i,
      );
  });
  if (o.kind === 'partner-customs' && o.country === undefined)
    errors.add('VALIDATION_FAILED', pointer(i, 'country'), 'a partner-customs organisation needs its country', i);
}

/** A site id names one place of one organisation. */
function checkSiteOwners(errors: ErrorCollector, merged: Registry, incoming: RegisteredOrganisation[]): void {
  const siteOwner = new Map<string, string>();
  for (const o of merged.organisations) {
    for (const s of o.sites ?? []) {
      const owner = siteOwner.get(s.id);
      if (owner !== undefined && owner !== o.mspId) {
        const i = incoming.findIndex((x) => x.mspId === o.mspId || x.mspId === owner);
        errors.add(
          'VALIDATION_FAILED',
          i >= 0 ? pointer(i, 'sites') : '',
          `site ${s.id} is registered by both ${owner} and ${o.mspId}`,
          i >= 0 ? i : undefined,
        );
      }
      siteOwner.set(s.id, o.mspId);
    }
  }
}

export function mergeOrganisations(registry: Registry, incoming: RegisteredOrganisation[]): Registry {
  const errors = new ErrorCollector();
  const byMsp = new Map(registry.organisations.map((o) => [o.mspId, o]));
  const inBatch = new Set<string>();
  incoming.forEach((o, i) => {
    if (inBatch.has(o.mspId)) errors.add('VALIDATION_FAILED', pointer(i, 'mspId'), `organisation ${o.mspId} is listed twice`, i);
    inBatch.add(o.mspId);
    checkOrganisation(errors, o, i);
    byMsp.set(o.mspId, o);
  });
  const merged: Registry = {
    districts: registry.districts,
    organisations: [...byMsp.values()].sort((a, b) => (a.mspId < b.mspId ? -1 : 1)),
  };
  checkSiteOwners(errors, merged, incoming);
  errors.throwIfAny();
  return merged;
}
