import { EXIT_KINDS, HOLD_KINDS, HOLD_LIFT_KINDS, KIND, type LocatedRecord } from '../model/custody';

/** Customs status of one goods after each of its events, walked in trace order:
 * - a release clears any hold and releases the goods;
 * - a hold withdraws the release;
 * - arriving in another district under transit (a take-over in a district other than the last
 *   hand-off's) needs a new release there. */
export interface ReleaseStep {
  record: LocatedRecord;
  releasedBefore: boolean;
  heldBefore: boolean;
  released: boolean;
  held: boolean;
  /** A gate-out that starts a supervised transit: a hand-off with transit follows in the same
   * district before the goods appear anywhere else. */
  transitExit: boolean;
}

export function releaseSteps(ordered: LocatedRecord[]): ReleaseStep[] {
  const state: ReleaseState = { released: false, held: false, lastHandOffDistrict: undefined };
  return ordered.map((r, i) => {
    const before = { released: state.released, held: state.held };
    advance(state, r.event);
    return {
      record: r,
      releasedBefore: before.released,
      heldBefore: before.held,
      released: state.released,
      held: state.held,
      transitExit: isTransitExit(ordered, i),
    };
  });
}

/** Release and hold state walking the trace, and the district of the open hand-off. */
interface ReleaseState {
  released: boolean;
  held: boolean;
  lastHandOffDistrict: string | undefined;
}

/** A gate-out followed, in the same district and before the goods appear anywhere else, by a
 * hand-off into transit. */
function isTransitExit(ordered: LocatedRecord[], i: number): boolean {
  const e = ordered[i].event;
  if (!(EXIT_KINDS.has(e.kind) && e.kind === KIND.GATE_OUT)) return false;
  for (let j = i + 1; j < ordered.length; j++) {
    const n = ordered[j].event;
    if (n.district !== e.district) return false;
    if (n.kind === KIND.HANDED_OFF && n.transit?.destinationDistrict) return true;
  }
  return false;
}

/** A release lifts holds; a hold voids the release; a take-over in another district than the
 * hand-off's voids the release too (the goods entered a new district's supervision). */
function advance(state: ReleaseState, e: LocatedRecord['event']): void {
  if (e.kind === KIND.RELEASED) {
    state.released = true;
    state.held = false;
  } else if (HOLD_KINDS.has(e.kind)) {
    state.held = true;
    state.released = false;
  } else if (HOLD_LIFT_KINDS.has(e.kind)) {
    state.held = false;
  } else if (e.kind === KIND.HANDED_OFF) {
    state.lastHandOffDistrict = e.district;
  } else if (e.kind === KIND.TAKEN_OVER && state.lastHandOffDistrict !== undefined && state.lastHandOffDistrict !== e.district) {
    state.released = false;
    state.lastHandOffDistrict = undefined;
  }
}
