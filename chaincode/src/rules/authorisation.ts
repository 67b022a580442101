import { pointer, type FieldError } from '@cargotrace/model';
import { goodsMapKey, touchedGoods } from '@cargotrace/model';
import { EVENT_KINDS, type CustodyEvent, type EventKind, type OrgKind, type Party, type RegisteredOrganisation } from '@cargotrace/model';
import type { RegistryIndex } from './registry-index';

/** The caller as the chaincode sees it: MSP id from the creator, the rest from the enrolment
 * certificate's attributes (hf.EnrollmentID, role, district). */
export interface Caller {
  mspId: string;
  id: string;
  role: string;
  district: string;
}

/** Where an org kind may record events. */
export type DistrictScope =
  /** the org's registered districts */
  | 'registered'
  /** the org's registered districts that are the caller's `district` attribute or below it */
  | 'caller-subtree';

/** Which sites an org kind may name as the place of its event (docs/security.md, "Where writers
 * act"): a warehouse or carrier acts at its own registered sites only; customs and CIQ supervise
 * and inspect at any registered site of a district they may write in. */
export type SiteScope = 'own' | 'supervised';

export interface WriteRule {
  /** Certificate roles that may record events at all. */
  roles: readonly string[];
  /** Event kinds the org kind may record. */
  kinds: readonly EventKind[];
  scope: DistrictScope;
  /** `site` is required. */
  siteRequired: boolean;
  /** The sites a `site` given may name (always in the event's district). */
  sites: SiteScope;
  /** Goods in another org's custody only accept events that bring them into the caller's custody. */
  custodyRestricted: boolean;
}

/** Events that bring goods into the recording org's custody. */
export const INTO_CUSTODY_KINDS: readonly EventKind[] = ['RECEIVED', 'TAKEN_OVER', 'GATE_IN', 'UNLOADED'];

/** Who may write which custody events: one row per organisation kind. */
export const WRITE_RULES: Readonly<Record<OrgKind, WriteRule>> = {
  gacc: { roles: [], kinds: [], scope: 'registered', siteRequired: false, sites: 'own', custodyRestricted: false },
  customs: {
    roles: ['officer'],
    kinds: [
      'DECLARED',
      'ARRIVED',
      'GATE_IN',
      'GATE_OUT',
      'INSPECTION_ORDERED',
      'INSPECTED',
      'HELD',
      'RELEASED',
      'HANDED_OFF',
      'TAKEN_OVER',
      'STATUS_CHANGED',
      'EXPORTED',
      'CORRECTION',
    ],
    scope: 'caller-subtree',
    siteRequired: false,
    sites: 'supervised',
    custodyRestricted: false,
  },
  ciq: {
    roles: ['inspector'],
    kinds: ['QUARANTINE_RESULT', 'INSPECTED', 'CORRECTION'],
    scope: 'registered',
    siteRequired: false,
    sites: 'supervised',
    custodyRestricted: false,
  },
  warehouse: {
    roles: ['operator'],
    kinds: [
      'RECEIVED',
      'STORED',
      'MOVED',
      'PICKED',
      'DISPATCHED',
      'STOCKTAKE',
      'STATUS_CHANGED',
      'PROCESSED',
      'PACKED',
      'UNPACKED',
      'GATE_IN',
      'GATE_OUT',
      'LOADED',
      'UNLOADED',
      'HANDED_OFF',
      'TAKEN_OVER',
      'CORRECTION',
    ],
    scope: 'registered',
    siteRequired: true,
    sites: 'own',
    custodyRestricted: true,
  },
  carrier: {
    roles: ['dispatcher'],
    kinds: ['MANIFEST_FILED', 'LOADED', 'DEPARTED', 'ARRIVED', 'UNLOADED', 'HANDED_OFF', 'TAKEN_OVER', 'CORRECTION'],
    scope: 'registered',
    siteRequired: false,
    sites: 'own',
    custodyRestricted: false,
  },
  'partner-customs': { roles: [], kinds: [], scope: 'registered', siteRequired: false, sites: 'own', custodyRestricted: false },
};

/** True when an org kind may record an event kind at all (the table, ignoring role and place). */
export function kindAllowed(orgKind: OrgKind, kind: EventKind): boolean {
  return WRITE_RULES[orgKind].kinds.includes(kind);
}

/** The event kinds an org kind may record, in EVENT_KINDS order. */
export function allowedKinds(orgKind: OrgKind): EventKind[] {
  return EVENT_KINDS.filter((k) => kindAllowed(orgKind, k));
}

export interface WriteDecisionInput {
  caller: Caller;
  registry: RegistryIndex;
  event: CustodyEvent;
  /** Position in the batch (paths are /index/...). */
  index: number;
  /** Current custodian of each goods the event touches (by goodsMapKey), from goods state
   * including earlier events of the same batch. */
  custodians?: ReadonlyMap<string, Party | undefined>;
  /** MSP id that recorded the corrected event (CORRECTION only; existence is checked by the caller). */
  correctedBy?: string;
}

/** One check of decideWrite: undefined when it passes, else the failure (through `fail`). */
type Fail = (code: FieldError['code'], segs: Array<string | number>, message: string) => FieldError;

interface CheckInput extends WriteDecisionInput {
  org: RegisteredOrganisation;
  rule: WriteRule;
  fail: Fail;
}

/** The org kind's table row: event kind, then certificate role. */
function checkKindAndRole({ caller, event, org, rule, fail }: CheckInput): FieldError | undefined {
  if (!rule.kinds.includes(event.kind)) return fail('FORBIDDEN', ['kind'], `a ${org.kind} organisation may not record ${event.kind}`);
  if (!rule.roles.includes(caller.role))
    return fail(
      'FORBIDDEN',
      ['kind'],
      `role '${caller.role}' of ${org.kind} organisation ${org.mspId} may not record events (needs ${rule.roles.join(' or ')})`,
    );
  return undefined;
}

function checkDistrict({ caller, registry, event, org, rule, fail }: CheckInput): FieldError | undefined {
  if (!org.districts.includes(event.district))
    return fail('FORBIDDEN', ['district'], `${org.mspId} is not registered in district ${event.district}`);
  if (rule.scope === 'caller-subtree' && !registry.isWithin(event.district, caller.district)) {
    return fail(
      'FORBIDDEN',
      ['district'],
      `district ${event.district} is outside the caller's scope (${caller.district || 'none'} and below)`,
    );
  }
  return undefined;
}

/** The site, when given (required for some kinds), is registered, lies in the event's district,
 * and is one the org kind may act at: its own, or any for customs and CIQ. */
function checkSite({ registry, event, org, rule, fail }: CheckInput): FieldError | undefined {
  if (event.site === undefined)
    return rule.siteRequired ? fail('VALIDATION_FAILED', ['site'], `a ${org.kind} organisation must give the site`) : undefined;
  const own = org.sites?.find((s) => s.id === event.site);
  const site = own ?? registry.sites.get(event.site)?.site;
  if (!site)
    return fail('UNKNOWN_SITE', ['site'], `site ${event.site} is not registered${rule.sites === 'own' ? ` for ${org.mspId}` : ''}`);
  if (!own && rule.sites === 'own')
    return fail('FORBIDDEN', ['site'], `site ${event.site} belongs to another organisation; a ${org.kind} records events at its own sites`);
  if (site.district !== event.district)
    return fail('VALIDATION_FAILED', ['site'], `site ${event.site} lies in district ${site.district}, not ${event.district}`);
  return undefined;
}

/** The actor, if named, is the caller's organisation; a correction is by who recorded the original. */
function checkActorAndCorrection({ caller, event, correctedBy, fail }: CheckInput): FieldError | undefined {
  if (event.actor && event.actor.org !== caller.mspId)
    return fail('FORBIDDEN', ['actor', 'org'], `actor.org must be the caller's organisation ${caller.mspId}`);
  // correctedBy is only known when correctionOf names a recorded event.
  if (event.kind === 'CORRECTION' && event.correctionOf !== undefined && correctedBy !== undefined && correctedBy !== caller.mspId) {
    return fail('FORBIDDEN', ['correctionOf'], `only ${correctedBy}, which recorded event ${event.correctionOf}, may correct it`);
  }
  return undefined;
}

/** Goods in another org's custody only accept events that bring them into the caller's custody. */
function checkCustody({ caller, event, custodians, rule, fail }: CheckInput): FieldError | undefined {
  if (!rule.custodyRestricted || INTO_CUSTODY_KINDS.includes(event.kind) || event.kind === 'CORRECTION' || !custodians) return undefined;
  for (const t of touchedGoods(event)) {
    const custodian = custodians.get(goodsMapKey(t.ref));
    if (custodian && custodian.org !== caller.mspId) {
      return fail(
        'FORBIDDEN',
        t.path,
        `goods ${t.ref.type} ${t.ref.id} is in the custody of ${custodian.org}; only ${INTO_CUSTODY_KINDS.join(', ')} are allowed`,
      );
    }
  }
  return undefined;
}

/** In order; the first failure is the answer. */
const CHECKS: ReadonlyArray<(input: CheckInput) => FieldError | undefined> = [
  checkKindAndRole,
  checkDistrict,
  checkSite,
  checkActorAndCorrection,
  checkCustody,
];

/** Decides whether `caller` may record `event`. Returns undefined when allowed, else the error
 * (FORBIDDEN, UNKNOWN_DISTRICT, UNKNOWN_SITE or VALIDATION_FAILED) with the path of the
 * offending member. Pure: everything it needs is in the input. */
export function decideWrite(input: WriteDecisionInput): FieldError | undefined {
  const { caller, registry, event, index } = input;
  const fail: Fail = (code, segs, message) => {
    const path = pointer(index, ...segs);
    return { code, path, message: `${path}: ${message}`, index };
  };
  if (!registry.districts.has(event.district))
    return fail('UNKNOWN_DISTRICT', ['district'], `district ${event.district} is not registered on this channel`);
  const org = registry.organisations.get(caller.mspId);
  if (!org) return fail('FORBIDDEN', ['kind'], `organisation ${caller.mspId} is not registered on this channel`);
  const checked: CheckInput = { ...input, org, rule: WRITE_RULES[org.kind], fail };
  for (const check of CHECKS) {
    const failure = check(checked);
    if (failure) return failure;
  }
  return undefined;
}
