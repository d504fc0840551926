import { indicatorMeasures } from './report.ts';
import type { Option, Scale } from './question.ts';
import type { Survey } from './survey.ts';
import type { Text } from './text.ts';

/** A labelled value of a measure or dimension, keyed by its stable id. */
export interface Choice {
  id: string;
  label: Text;
}

/**
 * How a measure is stored in the cube:
 * - categorical: one option per row (single questions, booleans, stages);
 * - multi: any number of options per row;
 * - scale: integer points counted one by one, with moments (ratings, NPS);
 * - numeric: moments only (numbers, seconds, derived scores).
 */
export type MeasureShape = 'categorical' | 'multi' | 'scale' | 'numeric';

/** Anything an indicator can be computed from: a publishable question or a derived score. */
export interface Measure {
  id: string;
  label: Text;
  shape: MeasureShape;
  choices: Choice[];
  scale?: Scale;
  /** A short name for tight places, when the question has one. */
  short?: Text;
  /** Width of the bins a numeric measure's values are counted in (value rows of the cube), if any. */
  bin?: number;
}

const BOOLEAN_CHOICES: Choice[] = [
  { id: 'yes', label: { zh: '是', en: 'Yes' } },
  { id: 'no', label: { zh: '否', en: 'No' } },
];
const NPS_SCALE: Scale = { min: 0, max: 10, good: 'high', top_box: 2 };

function choicesOf(options: Option[]): Choice[] {
  return options.map((o) => ({ id: o.id, label: o.label }));
}

function pointChoices(scale: Scale): Choice[] {
  const points: Choice[] = [];
  for (let x = scale.min; x <= scale.max; x++) {
    const label = scale.labels?.[x - scale.min] ?? { zh: String(x), en: String(x) };
    points.push({ id: String(x), label });
  }
  return points;
}

/** Every measure of the survey, in definition order: questions (never text or PII), then derived ones. */
export function measuresOf(survey: Survey): Measure[] {
  const out: Measure[] = [];
  for (const q of survey.questions) {
    const short = q.short === undefined ? {} : { short: q.short };
    switch (q.type) {
      case 'single':
        out.push({ id: q.id, label: q.label, shape: 'categorical', choices: choicesOf(q.options) });
        break;
      case 'multi':
        out.push({ id: q.id, label: q.label, shape: 'multi', choices: choicesOf(q.options) });
        break;
      case 'boolean':
        out.push({ id: q.id, label: q.label, shape: 'categorical', choices: BOOLEAN_CHOICES });
        break;
      case 'rating':
        out.push({ id: q.id, label: q.label, ...short, shape: 'scale', choices: pointChoices(q.scale), scale: q.scale });
        break;
      case 'nps':
        out.push({ id: q.id, label: q.label, ...short, shape: 'scale', choices: pointChoices(NPS_SCALE), scale: NPS_SCALE });
        break;
      case 'number':
      case 'seconds':
        out.push({ id: q.id, label: q.label, ...short, shape: 'numeric', choices: [], ...(q.bin === undefined ? {} : { bin: q.bin }) });
        break;
      case 'text':
      case 'pii':
      case 'ignore':
        break;
    }
  }
  for (const c of survey.composites) out.push({ id: c.id, label: c.label, shape: 'numeric', choices: [] });
  const m = survey.maturity;
  if (m) {
    for (const c of m.competencies) out.push({ id: c.id, label: c.label, shape: 'numeric', choices: [] });
    out.push({ id: m.score, label: m.label, shape: 'numeric', choices: [] });
    out.push({ id: m.stage, label: m.label, shape: 'categorical', choices: m.stages.map((s) => ({ id: s.id, label: s.label })) });
  }
  return out;
}

/**
 * The measures the report's indicators read: the only ones the cube carries. A question no indicator uses
 * (for example the skills behind the maturity score) is never published, even as counts.
 */
export function cubeMeasures(survey: Survey): Measure[] {
  const used = new Set(survey.indicators.flatMap((i) => indicatorMeasures(survey.batteries, i)));
  return measuresOf(survey).filter((m) => used.has(m.id));
}

/** The measure with this id, or undefined. */
export function findMeasure(survey: Survey, id: string): Measure | undefined {
  return measuresOf(survey).find((m) => m.id === id);
}
