import type { AeoCertificate, MrConsignment, OrgKind } from '@cargotrace/model';
import type { Caller } from './authorisation';
import type { RegistryIndex } from './registry-index';

/** Org kinds and roles that may write mutual-recognition records. */
export const MR_WRITERS: Readonly<Partial<Record<OrgKind, readonly string[]>>> = {
  customs: ['officer'],
  gacc: ['service', 'admin', 'officer'],
};

export type MrAccess = { kind: 'full' } | { kind: 'country'; country: string } | { kind: 'none'; reason: string };

/** Read access to mutual-recognition records: customs and GACC read everything; partner customs
 * read records naming its country (registry country, else the certificate's `district`
 * attribute, which holds the country code for foreign identities); others nothing. */
export function mrReadAccess(registry: RegistryIndex, caller: Caller): MrAccess {
  const org = registry.organisations.get(caller.mspId);
  if (!org) return { kind: 'none', reason: `organisation ${caller.mspId} is not registered on this channel` };
  if (org.kind === 'customs' || org.kind === 'gacc') return { kind: 'full' };
  if (org.kind === 'partner-customs') {
    const country = org.country ?? caller.district;
    if (!/^[A-Z]{2}$/.test(country)) return { kind: 'none', reason: 'partner customs without a country' };
    if (org.country !== undefined && caller.district !== '' && caller.district !== org.country) {
      return { kind: 'none', reason: `certificate country ${caller.district} differs from the registered country ${org.country}` };
    }
    return { kind: 'country', country };
  }
  return { kind: 'none', reason: `a ${org.kind} organisation may not read mutual-recognition records` };
}

export function mrWriteDenial(registry: RegistryIndex, caller: Caller): string | undefined {
  const org = registry.organisations.get(caller.mspId);
  if (!org) return `organisation ${caller.mspId} is not registered on this channel`;
  const roles = MR_WRITERS[org.kind];
  if (!roles) return `a ${org.kind} organisation may not write mutual-recognition records`;
  if (!roles.includes(caller.role)) return `role '${caller.role}' may not write mutual-recognition records (needs ${roles.join(' or ')})`;
  return undefined;
}

/** Whether a record naming `countries` is visible with `access`. */
export function mrVisible(access: MrAccess, countries: string[]): boolean {
  return access.kind === 'full' || (access.kind === 'country' && countries.includes(access.country));
}

export const aeoCountries = (c: AeoCertificate): string[] => [...c.partnerCustoms, c.issuingCustoms];
export const consignmentCountries = (c: MrConsignment): string[] => [c.partnerCustoms, c.destinationCountry];
