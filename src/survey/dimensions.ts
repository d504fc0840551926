import type { Choice } from './measures.ts';
import type { Survey } from './survey.ts';
import type { Text } from './text.ts';

/** The cube column holding the wave. */
export const WAVE = 'wave';

/** The filter (and URL parameter) naming the dimension a reader compares by: no dimension may take its id. */
export const COMPARE = 'compare';

/** Statistic columns of the cube, after its dimension columns: a segment or grouping may not take one as its id. */
export const CUBE_STAT_COLUMNS = ['measure', 'value', 'x', 'n', 'w', 'w2', 'wx', 'wxx', 'wy', 'wyy', 'wxy'] as const;

/** A column of the cube that readers filter and compare by: the wave, a segment or a grouping. */
export interface Dimension {
  id: string;
  label: Text;
  choices: Choice[];
}

/** Every dimension of the cube, wave first. */
export function dimensionsOf(survey: Survey): Dimension[] {
  return [
    {
      id: WAVE,
      label: { zh: '年份', en: 'Wave' },
      choices: survey.waves.map((w) => ({ id: w.id, label: { zh: w.id, en: w.id } })),
    },
    ...survey.segments.map((s) => ({ id: s.id, label: s.label, choices: s.options.map((o) => ({ id: o.id, label: o.label })) })),
    ...survey.groupings.map((g) => ({ id: g.id, label: g.label, choices: g.bands.map((b) => ({ id: b.id, label: b.label })) })),
  ];
}

/** The latest wave and the one before it (undefined for a single-wave survey). */
export function lastWaves(survey: Survey): { current: string; previous: string | undefined } {
  const ids = survey.waves.map((w) => w.id);
  return { current: ids[ids.length - 1]!, previous: ids.length > 1 ? ids[ids.length - 2] : undefined };
}
