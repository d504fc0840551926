import type { Survey } from '../survey/survey.ts';

/** How a figure with this unweighted base may be shown: suppressed under suppress_below, low-base under min_base. */
export function baseStatus(survey: Pick<Survey, 'min_base' | 'suppress_below'>, n: number): { suppressed: boolean; low_base: boolean } {
  const suppressed = n < survey.suppress_below;
  return { suppressed, low_base: !suppressed && n < survey.min_base };
}
