import type { RegisteredOrganisation, Registry } from '@cargotrace/model';
import type { Caller } from './authorisation';

/** GACC roles that may change the registry. */
export const REGISTRY_WRITER_ROLES: readonly string[] = ['service', 'admin'];

/** Whether `caller` may change a registry (pure; also used by tests). `incoming` is the
 * organisations being registered, for the bootstrap case of an empty registry. */
export function mayWriteRegistry(registry: Registry, caller: Caller, incoming?: RegisteredOrganisation[]): string | undefined {
  if (!REGISTRY_WRITER_ROLES.includes(caller.role))
    return `role '${caller.role}' may not change the registry (needs ${REGISTRY_WRITER_ROLES.join(' or ')})`;
  if (registry.organisations.length === 0) {
    // Bootstrap: the first registration must register the caller's own organisation as GACC.
    const self = incoming?.find((o) => o.mspId === caller.mspId);
    if (!self || self.kind !== 'gacc')
      return `the registry is empty: the first registerOrganisations call must register the caller's organisation ${caller.mspId} as kind gacc`;
    return undefined;
  }
  const org = registry.organisations.find((o) => o.mspId === caller.mspId);
  if (!org || org.kind !== 'gacc')
    return `only a registered gacc organisation may change the registry; ${caller.mspId} is ${org ? org.kind : 'not registered'}`;
  return undefined;
}
