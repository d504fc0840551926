import { baseLine, baseNotes } from './caption.ts';
import type { ChartSpec } from './spec.ts';

/** A chart's specs, one per compared slice (one, labelled null, when nothing is compared). */
export interface Sliced {
  label: string | null;
  spec: ChartSpec;
}

/**
 * What an exported chart says about its numbers, one line each: base (per slice), notes on bases and
 * significance, the chart's own note, the filters applied and the source line (which names itself). Shared by SVG, PNG, CSV and deck.
 */
export function provenanceLines(panels: Sliced[], filters: string, source: string): string[] {
  const first = panels[0]!.spec;
  const zh = first.lang === 'zh';
  const base = panels.map((p) => (p.label === null ? baseLine(p.spec) : `${p.label}: ${baseLine(p.spec)}`)).join(' · ');
  const notes = [...new Set(panels.flatMap((p) => baseNotes(p.spec)))];
  return [base, ...notes, ...(first.note ? [first.note] : []), `${zh ? '筛选条件：' : 'Filters: '}${filters}`, source];
}
