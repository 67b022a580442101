import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { canonicalJson } from '@cargotrace/model';
import { ChaincodeError, ErrorCollector, pointer } from '@cargotrace/model';
import { parseJsonArgument, schemaErrors } from '@cargotrace/model';
import type { RegisteredDistrict, RegisteredOrganisation, RegisteredSite, Registry } from '@cargotrace/model';
import type { Caller } from '../rules/authorisation';
import { RegistryIndex } from '../rules/registry-index';
import { callerOf, putJson, readRegistry, registryKey } from './common';

/** GACC roles that may change the registry. */
export const REGISTRY_WRITER_ROLES: readonly string[] = ['service', 'admin'];

function pick<T extends object>(value: T, members: Array<keyof T>): T {
  const out = {} as T;
  for (const m of members) if (value[m] !== undefined) out[m] = value[m];
  return out;
}

function cleanDistrict(d: RegisteredDistrict): RegisteredDistrict {
  return pick(d, ['code', 'name', 'nameZh', 'level', 'parent']);
}

function cleanOrganisation(o: RegisteredOrganisation): RegisteredOrganisation {
  const out = pick(o, ['mspId', 'name', 'kind', 'enterpriseCode', 'country', 'districts', 'sites']);
  out.districts = [...o.districts];
  if (o.sites) out.sites = o.sites.map((s) => pick<RegisteredSite>(s, ['id', 'name', 'district', 'kind']));
  return out;
}

/** Whether `caller` may change a registry (pure; also used by tests). `incoming` is the
 * organisations being registered, for the bootstrap case of an empty registry. */
export function mayWriteRegistry(registry: Registry, caller: Caller, incoming?: RegisteredOrganisation[]): string | undefined {
  if (!REGISTRY_WRITER_ROLES.includes(caller.role)) return `role '${caller.role}' may not change the registry (needs ${REGISTRY_WRITER_ROLES.join(' or ')})`;
  if (registry.organisations.length === 0) {
    // Bootstrap: the first registration must register the caller's own organisation as GACC.
    const self = incoming?.find((o) => o.mspId === caller.mspId);
    if (!self || self.kind !== 'gacc') return `the registry is empty: the first registerOrganisations call must register the caller's organisation ${caller.mspId} as kind gacc`;
    return undefined;
  }
  const org = registry.organisations.find((o) => o.mspId === caller.mspId);
  if (!org || org.kind !== 'gacc') return `only a registered gacc organisation may change the registry; ${caller.mspId} is ${org ? org.kind : 'not registered'}`;
  return undefined;
}

@Info({ title: 'registry', description: 'Districts and organisations (kinds, districts, sites) of this channel' })
export class RegistryContract extends Contract {
  constructor() {
    super('registry');
  }

  @Transaction()
  @Returns('string')
  async registerDistricts(ctx: Context, districtsJson: string): Promise<string> {
    const caller = callerOf(ctx);
    const registry = await readRegistry(ctx.stub);
    const denied = mayWriteRegistry(registry, caller);
    if (denied) throw new ChaincodeError('FORBIDDEN', denied, '');

    const value = parseJsonArgument(districtsJson, 'districts');
    const schema = schemaErrors('districts', value);
    if (schema.length > 0) throw ChaincodeError.fromErrors(schema.slice(0, 100));
    const incoming = (value as RegisteredDistrict[]).map(cleanDistrict);

    const errors = new ErrorCollector();
    const byCode = new Map(registry.districts.map((d) => [d.code, d]));
    const inBatch = new Set<string>();
    incoming.forEach((d, i) => {
      if (inBatch.has(d.code)) errors.add('VALIDATION_FAILED', pointer(i, 'code'), `district ${d.code} is listed twice`, i);
      inBatch.add(d.code);
      byCode.set(d.code, d);
    });
    incoming.forEach((d, i) => {
      if (d.parent !== undefined && !byCode.has(d.parent)) errors.add('UNKNOWN_DISTRICT', pointer(i, 'parent'), `parent district ${d.parent} is not registered (register parents first or in the same call)`, i);
      if (d.parent === undefined && d.level !== 'national') errors.add('VALIDATION_FAILED', pointer(i, 'parent'), `a ${d.level} district needs a parent`, i);
    });
    const merged: Registry = { districts: [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : 1)), organisations: registry.organisations };
    const index = new RegistryIndex(merged);
    incoming.forEach((d, i) => {
      // Cycles would make scope checks meaningless.
      if (d.parent !== undefined && index.isWithin(d.parent, d.code)) errors.add('VALIDATION_FAILED', pointer(i, 'parent'), `district ${d.code} would be its own ancestor`, i);
    });
    errors.throwIfAny();
    await putJson(ctx.stub, registryKey(ctx.stub), merged);
    return canonicalJson(merged);
  }

  @Transaction()
  @Returns('string')
  async registerOrganisations(ctx: Context, organisationsJson: string): Promise<string> {
    const caller = callerOf(ctx);
    const registry = await readRegistry(ctx.stub);
    const value = parseJsonArgument(organisationsJson, 'organisations');
    const schema = schemaErrors('organisations', value);
    if (schema.length > 0) {
      // Do not tell an unauthorised caller more than that it is unauthorised.
      const denied = mayWriteRegistry(registry, caller);
      if (denied && registry.organisations.length > 0) throw new ChaincodeError('FORBIDDEN', denied, '');
      throw ChaincodeError.fromErrors(schema.slice(0, 100));
    }
    const incoming = (value as RegisteredOrganisation[]).map(cleanOrganisation);
    const denied = mayWriteRegistry(registry, caller, incoming);
    if (denied) throw new ChaincodeError('FORBIDDEN', denied, '');

    const errors = new ErrorCollector();
    const byMsp = new Map(registry.organisations.map((o) => [o.mspId, o]));
    const inBatch = new Set<string>();
    incoming.forEach((o, i) => {
      if (inBatch.has(o.mspId)) errors.add('VALIDATION_FAILED', pointer(i, 'mspId'), `organisation ${o.mspId} is listed twice`, i);
      inBatch.add(o.mspId);
      o.sites?.forEach((s, j) => {
        if (!o.districts.includes(s.district)) errors.add('VALIDATION_FAILED', pointer(i, 'sites', j, 'district'), `site ${s.id} lies in district ${s.district}, which is not one of the organisation's districts`, i);
      });
      if (o.kind === 'partner-customs' && o.country === undefined) errors.add('VALIDATION_FAILED', pointer(i, 'country'), 'a partner-customs organisation needs its country', i);
      byMsp.set(o.mspId, o);
    });
    const merged: Registry = { districts: registry.districts, organisations: [...byMsp.values()].sort((a, b) => (a.mspId < b.mspId ? -1 : 1)) };
    // A site id names one place of one organisation.
    const siteOwner = new Map<string, string>();
    for (const o of merged.organisations) {
      for (const s of o.sites ?? []) {
        const owner = siteOwner.get(s.id);
        if (owner !== undefined && owner !== o.mspId) {
          const i = incoming.findIndex((x) => x.mspId === o.mspId || x.mspId === owner);
          errors.add('VALIDATION_FAILED', i >= 0 ? pointer(i, 'sites') : '', `site ${s.id} is registered by both ${owner} and ${o.mspId}`, i >= 0 ? i : undefined);
        }
        siteOwner.set(s.id, o.mspId);
      }
    }
    errors.throwIfAny();
    await putJson(ctx.stub, registryKey(ctx.stub), merged);
    return canonicalJson(merged);
  }

  @Transaction(false)
  @Returns('string')
  async getRegistry(ctx: Context): Promise<string> {
    return canonicalJson(await readRegistry(ctx.stub));
  }
}
