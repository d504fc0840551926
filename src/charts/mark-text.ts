import { figureText } from './format.ts';
import type { ChartSpec, Mark } from './spec.ts';

/** The printed text of a mark: its figure, a dash when suppressed, a dagger when the base is low. */
export function markText(spec: ChartSpec, m: Mark): string {
  const arrow = m.signif === 'up' ? ' ▲' : m.signif === 'down' ? ' ▼' : '';
  return figureText(m, spec.unit, spec.lang, spec.suppress_below) + arrow;
}
