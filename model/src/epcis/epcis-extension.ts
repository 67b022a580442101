import type { CustodyEvent } from '../event/custody-event';
import { isEpcisObject, type EpcisObject } from './vocabulary';

/** What an imported event keeps in `extensions.epcis` so that export restores the EPCIS original. */
export interface EpcisExtension {
  /** original EPCIS event type and action */
  type?: string;
  action?: string;
  /** EPCIS members the custody fields do not reproduce, verbatim */
  fields?: EpcisObject;
  /** EPCIS members the original did not have although the custody fields would produce them */
  absent?: string[];
  /** JSON-LD context entries (namespace prefixes) of the source document */
  context?: unknown[];
}

/** The event's `extensions.epcis`, when it has one. */
export function epcisExtensionOf(ev: CustodyEvent): EpcisExtension | undefined {
  const x = ev.extensions?.epcis;
  return isEpcisObject(x) ? x : undefined;
}
