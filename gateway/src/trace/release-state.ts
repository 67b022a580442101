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
  let released = false;
  let held = false;
  let lastHandOffDistrict: string | undefined;
  const steps: ReleaseStep[] = [];
  ordered.forEach((r, i) => {
    const e = r.event;
    const step: ReleaseStep = { record: r, releasedBefore: released, heldBefore: held, released, held, transitExit: false };
    if (EXIT_KINDS.has(e.kind) && e.kind === KIND.GATE_OUT) {
      for (let j = i + 1; j < ordered.length; j++) {
        const n = ordered[j].event;
        if (n.district !== e.district) break;
        if (n.kind === KIND.HANDED_OFF && n.transit?.destinationDistrict) {
          step.transitExit = true;
          break;
        }
      }
    }
    if (e.kind === KIND.RELEASED) {
      released = true;
      held = false;
    } else if (HOLD_KINDS.has(e.kind)) {
      held = true;
      released = false;
    } else if (HOLD_LIFT_KINDS.has(e.kind)) {
      held = false;
    } else if (e.kind === KIND.HANDED_OFF) {
      lastHandOffDistrict = e.district;
    } else if (e.kind === KIND.TAKEN_OVER && lastHandOffDistrict !== undefined && lastHandOffDistrict !== e.district) {
      released = false;
      lastHandOffDistrict = undefined;
    }
    step.released = released;
    step.held = held;
    steps.push(step);
  });
  return steps;
}
