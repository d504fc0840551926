import { optionCode, type Question } from '../survey/question.ts';
import type { Segment, Survey } from '../survey/survey.ts';
import { codeText } from '../survey/text.ts';
import { planBrands, type BrandProfile } from './auto-service-brands.ts';
import { PHONE, planEvaluations, type Evaluations } from './auto-service-design.ts';
import { planSatisfaction, planScores } from './auto-service-scores.ts';
import { AUTO_SERVICE_2025 } from './auto-service-targets.ts';
import { planTimes, type Tenths } from './auto-service-times.ts';
import { questionOf, segmentOf, type Column } from './columns.ts';
import { createRng, type Rng } from './random.ts';

/** What to generate: the calibrated wave, how many evaluations (1,000 are one round of the design), from which seed. */
export interface AutoServiceOptions {
  wave: '2025';
  evaluations: number;
  seed: number;
}

/** A segment column from the option index of each evaluation. */
function segmentColumn(s: Segment, index: (i: number) => number): Column {
  const codes = s.options.map(optionCode);
  return { name: s.column, text: (i) => codes[index(i)]! };
}

/** A yes/no column written with the question's first true and false codes; blank where `applies` is false. */
function booleanColumn(q: Extract<Question, { type: 'boolean' }>, value: (i: number) => boolean, applies: (i: number) => boolean = () => true): Column {
  const yes = codeText(q.true_codes[0]!);
  const no = codeText(q.false_codes[0]!);
  return { name: q.column, text: (i) => (applies(i) ? (value(i) ? yes : no) : '') };
}

/** A column of whole numbers, blank for -1. */
function wholeColumn(name: string, values: Int16Array): Column {
  return { name, text: (i) => (values[i]! < 0 ? '' : String(values[i])) };
}

/** A column of seconds to one decimal, blank for -1. */
function secondsColumn(name: string, tenths: Tenths): Column {
  return { name, text: (i) => (tenths[i]! < 0 ? '' : (tenths[i]! / 10).toFixed(1)) };
}

/** The questions each calibrated dimension averages, read from the survey's composites. */
function dimensionQuestions(survey: Survey): Map<string, string[]> {
  return new Map(
    Object.keys(AUTO_SERVICE_2025.dimensions).map((id) => {
      const c = survey.composites.find((x) => x.id === id);
      if (!c) throw new Error(`survey ${survey.id} has no composite "${id}"`);
      return [id, c.of];
    }),
  );
}

/** Segment columns: brand, brand type, channel and scenario of each evaluation. */
function segmentColumns(survey: Survey, e: Evaluations): Map<string, Column> {
  const type = segmentOf(survey, 'brand_type');
  const typeIndex = e.brands.map((b) => {
    const k = type.options.findIndex((o) => o.id === b.type);
    if (k < 0) throw new Error(`segment brand_type has no option "${b.type}"`);
    return k;
  });
  return new Map([
    ['brand', segmentColumn(segmentOf(survey, 'brand'), (i) => e.brand[i]!)],
    ['brand_type', segmentColumn(type, (i) => typeIndex[e.brand[i]!]!)],
    ['channel', segmentColumn(segmentOf(survey, 'channel'), (i) => e.channel[i]!)],
    ['scenario', segmentColumn(segmentOf(survey, 'scenario'), (i) => e.scenario[i]!)],
  ]);
}

/** Answer columns by question id. */
function answerColumns(survey: Survey, e: Evaluations, rng: Rng): Map<string, Column> {
  const brandOf = (i: number): BrandProfile => e.brands[e.brand[i]!]!;
  const phone = e.channelIds.indexOf(PHONE);
  const isPhone = (i: number) => e.channel[i] === phone;
  const times = planTimes(rng, e, AUTO_SERVICE_2025);
  const scores = planScores(rng, e, AUTO_SERVICE_2025, dimensionQuestions(survey));
  const satisfaction = planSatisfaction(rng, e, AUTO_SERVICE_2025, scores);
  const scale = questionOf(survey, 'survey_scale', 'single');
  // Brands without a survey have no scale: their cell stays blank.
  const scaleCode = new Map(scale.options.map((o) => [o.id, optionCode(o)]));
  for (const id of Object.keys(AUTO_SERVICE_2025.surveyScales)) if (!scaleCode.has(id)) throw new Error(`question survey_scale has no option "${id}"`);
  const columns = new Map<string, Column>([
    ['connected', booleanColumn(questionOf(survey, 'connected', 'boolean'), (i) => e.connected[i] === 1)],
    ['online_response', secondsColumn(questionOf(survey, 'online_response', 'seconds').column, times.onlineResponse)],
    ['ivr_wait', secondsColumn(questionOf(survey, 'ivr_wait', 'seconds').column, times.ivrWait)],
    ['ivr_menu', secondsColumn(questionOf(survey, 'ivr_menu', 'seconds').column, times.ivrMenu)],
    ['roadside_first_layer', booleanColumn(questionOf(survey, 'roadside_first_layer', 'boolean'), (i) => brandOf(i).roadsideFirstLayer, isPhone)],
    ['survey_run', booleanColumn(questionOf(survey, 'survey_run', 'boolean'), (i) => brandOf(i).surveyScale !== undefined)],
    ['survey_scale', { name: scale.column, text: (i) => scaleCode.get(brandOf(i).surveyScale ?? '') ?? '' }],
    ['satisfaction', wholeColumn(questionOf(survey, 'satisfaction', 'number').column, satisfaction)],
  ]);
  for (const [id, values] of scores) columns.set(id, wholeColumn(questionOf(survey, id, 'number').column, values));
  return columns;
}

/**
 * Synthetic mystery-shopping evaluations of the automotive customer-service study, calibrated to its
 * 2025 figures: the header first, then one row per evaluation.
 */
export function* generateAutoService(survey: Survey, options: AutoServiceOptions): Generator<string[]> {
  const { wave, evaluations: n, seed } = options;
  const rng = createRng(seed);
  const brands = planBrands(rng, AUTO_SERVICE_2025, segmentOf(survey, 'brand').options.length);
  const ids = (segment: string) => segmentOf(survey, segment).options.map((o) => o.id);
  const e = planEvaluations(rng, AUTO_SERVICE_2025, brands, ids('channel'), ids('scenario'), n);
  const byId = new Map([...segmentColumns(survey, e), ...answerColumns(survey, e, rng)]);
  const digits = Math.max(4, String(n).length);
  const columns: Column[] = [{ name: survey.id_column, text: (i) => `E${wave.slice(-2)}-${String(i + 1).padStart(digits, '0')}` }];
  for (const { id } of [...survey.segments, ...survey.questions]) {
    const column = byId.get(id);
    if (!column) throw new Error(`no synthetic answers for "${id}"`);
    columns.push(column);
  }
  yield columns.map((c) => c.name);
  for (let i = 0; i < n; i++) yield columns.map((c) => c.text(i));
}
