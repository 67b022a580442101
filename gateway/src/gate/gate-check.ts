import { KIND, weightKg, type LocatedRecord } from '../model/custody';
import { releaseSteps } from '../trace/release-state';

export type GateDirection = 'IN' | 'OUT';

export interface GateReason {
  code: 'KNOWN_GOODS' | 'RELEASED' | 'NOT_HELD' | 'SEALS_MATCH' | 'WEIGHT_WITHIN_TOLERANCE';
  ok: boolean;
  message: string;
}

export interface GateDecision {
  decision: 'ALLOW' | 'DENY';
  reasons: GateReason[];
  declaredWeightKg?: number;
  observedWeightKg?: number;
  expectedSeals?: string[];
  observedSeals?: string[];
}

export interface GateRequest {
  direction: GateDirection;
  /** What the gate read: seal numbers and weighbridge gross weight. When absent, the latest
   * recorded reading after the reference is used. */
  seals?: string[];
  grossWeightKg?: number;
  weightTolerance?: number;
}

/** Kinds whose seals are the reference a gate compares against. */
const SEAL_REFERENCE_KINDS = new Set([KIND.HANDED_OFF, 'PACKED', 'SEALED', 'RESEALED', KIND.DECLARED]);

const sameSeals = (a: string[], b: string[]) => {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((s, i) => s === y[i]);
};

/** Automatic gate release: allow only when every check passes. Checks: the container has a
 * custody history; for OUT, it is released (a release not withdrawn by a hold, and renewed after
 * arriving in another district); it is not held; the seals read at the gate (or last recorded)
 * equal the reference seals (last hand-off, packing or declaration); the gross weight is within
 * tolerance of the declared gross weight (declaration, else manifest). `ordered` is the
 * container's events in trace order.
 *
 * @example
 * ```ts
 * import { decideGate } from '@cargotrace/gateway';
 * const events = await reader.goodsEvents({ type: 'container', id: 'COSU6331218' });
 * const { decision, reasons } = decideGate(events, { direction: 'OUT', seals: ['SH123456'], grossWeightKg: 24_310 });
 * if (decision === 'DENY') console.log(reasons);
 * ```
 */
export function decideGate(ordered: LocatedRecord[], request: GateRequest): GateDecision {
  if (ordered.length === 0) {
    return {
      decision: 'DENY',
      reasons: [{ code: 'KNOWN_GOODS', ok: false, message: 'no custody events are recorded for this container' }],
    };
  }
  const seals = sealCheck(ordered, request.seals);
  const weight = weightCheck(ordered, request.grossWeightKg, request.weightTolerance ?? 0.02);
  const reasons: GateReason[] = [
    { code: 'KNOWN_GOODS', ok: true, message: `${ordered.length} custody events recorded` },
    ...statusReasons(ordered, request.direction),
    seals.reason,
    weight.reason,
  ];
  const { declaredWeightKg, observedWeightKg } = weight;
  const { expectedSeals, observedSeals } = seals;
  return {
    decision: reasons.every((r) => r.ok) ? 'ALLOW' : 'DENY',
    reasons,
    ...(declaredWeightKg !== undefined ? { declaredWeightKg } : {}),
    ...(observedWeightKg !== undefined ? { observedWeightKg } : {}),
    ...(expectedSeals ? { expectedSeals } : {}),
    ...(observedSeals ? { observedSeals } : {}),
  };
}

/** Customs status after the last event: released (checked going OUT only) and not held. */
function statusReasons(ordered: LocatedRecord[], direction: GateDirection): GateReason[] {
  const steps = releaseSteps(ordered);
  const last = steps[steps.length - 1];
  const reasons: GateReason[] = [];
  if (direction === 'OUT') {
    reasons.push(
      last.released
        ? { code: 'RELEASED', ok: true, message: 'released by customs' }
        : { code: 'RELEASED', ok: false, message: 'no customs release in force for this container' },
    );
  }
  reasons.push(
    last.held
      ? { code: 'NOT_HELD', ok: false, message: 'the container is held' }
      : { code: 'NOT_HELD', ok: true, message: 'no hold in force' },
  );
  return reasons;
}

/** Index of the last record that satisfies `test` (after `after`, when given), or -1. */
function lastIndexWhere(ordered: LocatedRecord[], test: (r: LocatedRecord) => boolean, after = -1): number {
  for (let i = ordered.length - 1; i > after; i--) if (test(ordered[i])) return i;
  return -1;
}

/** The record at `i`, or undefined for -1 (nothing found). */
const recordAt = (ordered: LocatedRecord[], i: number): LocatedRecord | undefined => (i >= 0 ? ordered[i] : undefined);

const hasSeals = (r: LocatedRecord): boolean => r.event.seals !== undefined && r.event.seals.length > 0;

/** The seals read at the gate, else the last recorded after the reference seals (last hand-off,
 * packing or declaration with seals, else the last seals at all), against the reference. */
function sealCheck(
  ordered: LocatedRecord[],
  read: string[] | undefined,
): { reason: GateReason; expectedSeals?: string[]; observedSeals?: string[] } {
  let refIndex = lastIndexWhere(ordered, (r) => SEAL_REFERENCE_KINDS.has(r.event.kind) && hasSeals(r));
  if (refIndex < 0) refIndex = lastIndexWhere(ordered, hasSeals);
  if (refIndex < 0) {
    return {
      reason: { code: 'SEALS_MATCH', ok: true, message: 'no seals recorded for this container' },
      ...(read ? { observedSeals: read } : {}),
    };
  }
  const expectedSeals = ordered[refIndex].event.seals ?? [];
  const observedSeals = read ?? recordAt(ordered, lastIndexWhere(ordered, hasSeals, refIndex))?.event.seals;
  if (!observedSeals) {
    return {
      reason: { code: 'SEALS_MATCH', ok: true, message: `no seal reading after the reference seals [${expectedSeals.join(', ')}]` },
      expectedSeals,
    };
  }
  const reason: GateReason = sameSeals(expectedSeals, observedSeals)
    ? { code: 'SEALS_MATCH', ok: true, message: `seals [${observedSeals.join(', ')}] match` }
    : { code: 'SEALS_MATCH', ok: false, message: `seals [${observedSeals.join(', ')}] differ from recorded [${expectedSeals.join(', ')}]` };
  return { reason, expectedSeals, observedSeals };
}

/** The gross weight weighed at the gate, else the last recorded after the declared one
 * (declaration, else manifest), against the declared weight. */
function weightCheck(
  ordered: LocatedRecord[],
  weighed: number | undefined,
  tolerance: number,
): { reason: GateReason; declaredWeightKg?: number; observedWeightKg?: number } {
  const weightOf = (r: LocatedRecord | undefined) => (r ? weightKg(r.event.weight) : undefined);
  const declaredBy = (kind: string) => (r: LocatedRecord) => r.event.kind === kind && weightOf(r) !== undefined;
  let declIndex = lastIndexWhere(ordered, declaredBy(KIND.DECLARED));
  if (declIndex < 0) declIndex = lastIndexWhere(ordered, declaredBy(KIND.MANIFEST_FILED));
  const declaredWeightKg = weightOf(recordAt(ordered, declIndex));
  if (declaredWeightKg === undefined) {
    return {
      reason: { code: 'WEIGHT_WITHIN_TOLERANCE', ok: true, message: 'no declared gross weight' },
      ...(weighed !== undefined ? { observedWeightKg: weighed } : {}),
    };
  }
  const observedWeightKg =
    weighed ??
    weightOf(
      recordAt(
        ordered,
        lastIndexWhere(ordered, (r) => weightOf(r) !== undefined, declIndex),
      ),
    );
  if (observedWeightKg === undefined) {
    return {
      reason: { code: 'WEIGHT_WITHIN_TOLERANCE', ok: true, message: `no weighing after the declaration (${declaredWeightKg} kg)` },
      declaredWeightKg,
    };
  }
  const dev = declaredWeightKg > 0 ? Math.abs(observedWeightKg - declaredWeightKg) / declaredWeightKg : 0;
  const message = `${observedWeightKg} kg vs declared ${declaredWeightKg} kg (${(dev * 100).toFixed(2)}%, tolerance ${(tolerance * 100).toFixed(2)}%)`;
  return { reason: { code: 'WEIGHT_WITHIN_TOLERANCE', ok: dev <= tolerance, message }, declaredWeightKg, observedWeightKg };
}
