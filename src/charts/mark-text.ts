import { figureText } from './format.ts';
import type { ChartSpec, Mark } from './spec.ts';

/** Room for the longest label at 11px: CJK characters are about twice as wide as Latin ones. */
export function labelMargin(labels: string[]): number {
  const width = (t: string) => [...t].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 11 : 6.2), 0);
  return Math.min(260, Math.max(48, Math.ceil(Math.max(0, ...labels.map(width)) + 16)));
}

/** The printed text of a mark: its figure, a dash when suppressed, a dagger when the base is low. */
export function markText(spec: ChartSpec, m: Mark): string {
  const arrow = m.signif === 'up' ? ' ▲' : m.signif === 'down' ? ' ▼' : '';
  return figureText(m, spec.unit, spec.lang, spec.suppress_below) + arrow;
}
