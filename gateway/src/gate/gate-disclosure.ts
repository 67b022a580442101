import type { GateDecision, GateReason } from './gate-check';

/** What a reason says without figures: the same words whoever asks, so an answer about goods
 * outside the caller's scope carries no seal numbers, weights or event counts. */
const PLAIN_MESSAGES: Readonly<Record<GateReason['code'], readonly [ok: string, failed: string]>> = {
  KNOWN_GOODS: ['custody events are recorded for this container', 'no custody events are recorded for this container'],
  RELEASED: ['released by customs', 'no customs release in force for this container'],
  NOT_HELD: ['no hold in force', 'the container is held'],
  SEALS_MATCH: ['no seal discrepancy', 'seals differ from the recorded seals'],
  WEIGHT_WITHIN_TOLERANCE: ['no weight discrepancy', 'gross weight outside the tolerance of the declared weight'],
};

/** A reason as anyone who may check at the gate may see it: code, outcome and plain words. */
export const plainReason = (r: GateReason): GateReason => ({ code: r.code, ok: r.ok, message: PLAIN_MESSAGES[r.code][r.ok ? 0 : 1] });

/** The answer for a caller who may check at the gate but does not see the container
 * (docs/security.md, "Gate checks"): the decision and its reason codes, nothing recorded about
 * the goods (seals, weights, event counts). */
export function withoutGoodsDetail(decision: GateDecision): GateDecision {
  return { decision: decision.decision, reasons: decision.reasons.map(plainReason) };
}
