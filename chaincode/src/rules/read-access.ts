import type { Caller } from './authorisation';
import type { RegistryIndex } from './registry-index';

/** Custody data may be read by every registered channel member except partner customs. */
export function readDenial(registry: RegistryIndex, caller: Caller): string | undefined {
  const org = registry.organisations.get(caller.mspId);
  if (!org) return `organisation ${caller.mspId} is not registered on this channel`;
  if (org.kind === 'partner-customs') return 'partner customs may read mutual-recognition records only';
  return undefined;
}
