import type { Survey } from '../survey/survey.ts';

/** How a figure with this unweighted base may be shown: suppressed under suppress_below (or when part of its slice was withheld), low-base under min_base. */
export function baseStatus(survey: Pick<Survey, 'min_base' | 'suppress_below'>, n: number, pruned = false): { suppressed: boolean; low_base: boolean } {
  // A slice with a part withheld from the published cube is suppressed whatever the rest adds up to.
  const suppressed = pruned || n < survey.suppress_below;
  return { suppressed, low_base: !suppressed && n < survey.min_base };
}
