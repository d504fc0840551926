import type { Row } from '../engine/engine.ts';
import type { Survey } from '../survey/survey.ts';

/** What the published cube withheld of a figure's slice for a small base: nothing, the whole slice, or some of its parts. */
export type Pruned = 'none' | 'whole' | 'part';

/** Reads the `pruned` column of an indicator query (see PRUNED in compile.ts). */
export function prunedOf(value: Row[string] | undefined): Pruned {
  const code = Number(value ?? 0);
  return code === 2 ? 'part' : code === 1 ? 'whole' : 'none';
}

/**
 * How a figure with this unweighted base may be shown: suppressed under suppress_below, or when any of its
 * slice was withheld (then, when only some parts were, marked withheld: its true base is unknown, and may be
 * large); low-base under min_base.
 */
export function baseStatus(survey: Pick<Survey, 'min_base' | 'suppress_below'>, n: number, pruned: Pruned = 'none'): { suppressed: boolean; low_base: boolean; withheld?: boolean } {
  const suppressed = pruned !== 'none' || n < survey.suppress_below;
  return { suppressed, low_base: !suppressed && n < survey.min_base, ...(pruned === 'part' ? { withheld: true } : {}) };
}
