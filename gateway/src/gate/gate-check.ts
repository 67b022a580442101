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
  const tolerance = request.weightTolerance ?? 0.02;
  const reasons: GateReason[] = [];
  if (ordered.length === 0) {
    reasons.push({ code: 'KNOWN_GOODS', ok: false, message: 'no custody events are recorded for this container' });
    return { decision: 'DENY', reasons };
  }
  reasons.push({ code: 'KNOWN_GOODS', ok: true, message: `${ordered.length} custody events recorded` });
  const steps = releaseSteps(ordered);
  const last = steps[steps.length - 1];
  if (request.direction === 'OUT') {
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

  // Seals
  let refIndex = -1;
  ordered.forEach((r, i) => {
    if (SEAL_REFERENCE_KINDS.has(r.event.kind) && r.event.seals && r.event.seals.length > 0) refIndex = i;
  });
  if (refIndex < 0) ordered.forEach((r, i) => r.event.seals && r.event.seals.length > 0 && (refIndex = i));
  const expectedSeals = refIndex >= 0 ? ordered[refIndex].event.seals : undefined;
  let observedSeals = request.seals;
  if (!observedSeals && refIndex >= 0) {
    for (let i = ordered.length - 1; i > refIndex; i--)
      if (ordered[i].event.seals?.length) {
        observedSeals = ordered[i].event.seals;
        break;
      }
  }
  if (!expectedSeals) reasons.push({ code: 'SEALS_MATCH', ok: true, message: 'no seals recorded for this container' });
  else if (!observedSeals)
    reasons.push({ code: 'SEALS_MATCH', ok: true, message: `no seal reading after the reference seals [${expectedSeals.join(', ')}]` });
  else if (sameSeals(expectedSeals, observedSeals))
    reasons.push({ code: 'SEALS_MATCH', ok: true, message: `seals [${observedSeals.join(', ')}] match` });
  else
    reasons.push({
      code: 'SEALS_MATCH',
      ok: false,
      message: `seals [${observedSeals.join(', ')}] differ from recorded [${expectedSeals.join(', ')}]`,
    });

  // Weight
  let declIndex = -1;
  ordered.forEach((r, i) => r.event.kind === KIND.DECLARED && weightKg(r.event.weight) !== undefined && (declIndex = i));
  if (declIndex < 0)
    ordered.forEach((r, i) => r.event.kind === KIND.MANIFEST_FILED && weightKg(r.event.weight) !== undefined && (declIndex = i));
  const declaredWeightKg = declIndex >= 0 ? weightKg(ordered[declIndex].event.weight) : undefined;
  let observedWeightKg = request.grossWeightKg;
  if (observedWeightKg === undefined && declIndex >= 0) {
    for (let i = ordered.length - 1; i > declIndex; i--) {
      const w = weightKg(ordered[i].event.weight);
      if (w !== undefined) {
        observedWeightKg = w;
        break;
      }
    }
  }
  if (declaredWeightKg === undefined) reasons.push({ code: 'WEIGHT_WITHIN_TOLERANCE', ok: true, message: 'no declared gross weight' });
  else if (observedWeightKg === undefined)
    reasons.push({ code: 'WEIGHT_WITHIN_TOLERANCE', ok: true, message: `no weighing after the declaration (${declaredWeightKg} kg)` });
  else {
    const dev = declaredWeightKg > 0 ? Math.abs(observedWeightKg - declaredWeightKg) / declaredWeightKg : 0;
    const msg = `${observedWeightKg} kg vs declared ${declaredWeightKg} kg (${(dev * 100).toFixed(2)}%, tolerance ${(tolerance * 100).toFixed(2)}%)`;
    reasons.push({ code: 'WEIGHT_WITHIN_TOLERANCE', ok: dev <= tolerance, message: msg });
  }
  return {
    decision: reasons.every((r) => r.ok) ? 'ALLOW' : 'DENY',
    reasons,
    ...(declaredWeightKg !== undefined ? { declaredWeightKg } : {}),
    ...(observedWeightKg !== undefined ? { observedWeightKg } : {}),
    ...(expectedSeals ? { expectedSeals } : {}),
    ...(observedSeals ? { observedSeals } : {}),
  };
}
