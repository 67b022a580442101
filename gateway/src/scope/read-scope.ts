import type { NetworkConfig } from '@cargotrace/network';
import type { Viewer } from '../auth/viewer';
import { involvedOrgs, type EventRecord } from '../model/custody';

/** The three-level read rule (docs/domain.md):
 * - all: GACC sees everything;
 * - districts: customs (directly-governed or subordinate) see events in their district and the
 *   districts below it, plus everything about goods with at least one event there;
 * - custodian: warehouses and carriers see goods they had custody of (or acted on);
 * - inspector: CIQ sees the goods it inspected (recorded or acted on);
 * - mutual-recognition: partner customs see mutual-recognition data only. */
export type ReadScope =
  | { kind: 'all' }
  | { kind: 'districts'; districts: ReadonlySet<string> }
  | { kind: 'custodian'; org: string }
  | { kind: 'inspector'; org: string }
  | { kind: 'mutual-recognition' };

/**
 * What `viewer` may read (the three-level rule): GACC everything, customs their district and the
 * districts below it, custodians and inspectors what they handled, partner customs only
 * mutual-recognition data.
 *
 * @example
 * ```ts
 * import { readScopeOf, goodsVisible } from '@cargotrace/gateway';
 * const scope = readScopeOf(viewer, config); // e.g. { kind: 'districts', districts: Set { 'CNSHA', 'CNYSN' } }
 * const mayRead = goodsVisible(scope, containerEvents);
 * ```
 */
export function readScopeOf(viewer: Viewer, config: NetworkConfig): ReadScope {
  switch (viewer.orgKind) {
    case 'gacc':
      return { kind: 'all' };
    case 'customs':
      return { kind: 'districts', districts: districtSubtree(config, viewer.district) };
    case 'warehouse':
    case 'carrier':
      return { kind: 'custodian', org: viewer.org };
    case 'ciq':
      return { kind: 'inspector', org: viewer.org };
    default:
      return { kind: 'mutual-recognition' };
  }
}

/** `code` and every district below it. */
export function districtSubtree(config: NetworkConfig, code: string): Set<string> {
  const out = new Set<string>([code]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of config.districts) {
      if (d.parent !== undefined && out.has(d.parent) && !out.has(d.code)) {
        out.add(d.code);
        grew = true;
      }
    }
  }
  return out;
}

/** Whether one event, on its own, lies in the scope.
 *
 * @example
 * ```ts
 * import { eventInScope, readScopeOf } from '@cargotrace/gateway';
 * const own = records.filter((r) => eventInScope(readScopeOf(viewer, config), r));
 * ```
 */
export function eventInScope(scope: ReadScope, r: EventRecord): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'districts':
      return scope.districts.has(r.event.district);
    case 'custodian':
    case 'inspector':
      return involvedOrgs(r).has(scope.org);
    case 'mutual-recognition':
      return false;
  }
}

/** Whether the caller may see a goods (and then all of its events): at least one of its events
 * lies in the scope.
 *
 * @example
 * ```ts
 * import { goodsVisible, readScopeOf } from '@cargotrace/gateway';
 * if (!goodsVisible(readScopeOf(viewer, config), containerEvents)) return null; // not this caller's goods
 * ```
 */
export function goodsVisible(scope: ReadScope, records: EventRecord[]): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'mutual-recognition') return false;
  return records.some((r) => eventInScope(scope, r));
}

/** Whether the caller may read custody data (events, goods, traces) at all. */
export const readsCustody = (scope: ReadScope): boolean => scope.kind !== 'mutual-recognition';
