import type { Grouping } from '../survey/derived.ts';
import { optionCode, type Option, type Question } from '../survey/question.ts';
import type { Survey } from '../survey/survey.ts';
import { codeText } from '../survey/text.ts';
import { TARGETS_2024, TARGETS_2025, type CxWaveTargets, type Shares } from './cx-targets.ts';
import { commentText, fakeEmail, pickComments, respondentId } from './fake.ts';
import { createMaturityScorer } from './maturity.ts';
import { multiByQuota } from './multi.ts';
import { bandsByQuantile } from './quantile.ts';
import { assignByQuota, assignTilted, selectExactly, selectPerStratum, strataSizes } from './quota.ts';
import { fileRows, questionOf, type Column } from './columns.ts';
import { chooseExactly, createRng, type Rng } from './random.ts';
import { ratingsFromTopBox } from './ratings.ts';
import { sampleSkills } from './skills.ts';

/** What to generate: which wave's calibration, how many respondents, from which seed. */
export interface CxSampleOptions {
  wave: '2024' | '2025';
  respondents: number;
  seed: number;
}

type MultiQuestion = Extract<Question, { type: 'multi' }>;
type Weights = readonly number[];
type Tilts = Readonly<Record<string, Weights>>;

/** Everything answers are drawn from: the survey, the wave's targets and the respondents' maturity. */
interface Context {
  survey: Survey;
  targets: CxWaveTargets;
  rng: Rng;
  n: number;
  /** Maturity stage index of each respondent: the stratum most answers lean by. */
  stage: Uint8Array;
  /** Leaders-and-laggards band index of each respondent. */
  group: Uint8Array;
  groupIds: string[];
  columns: Map<string, Column[]>;
}

const TARGETS = { '2024': TARGETS_2024, '2025': TARGETS_2025 } as const;

// Weights by maturity stage (investigate ... embed): mature organisations lean to the "good" answers.
const UP: Weights = [0.5, 0.8, 1.2, 1.7, 2.2];
const MILD: Weights = [0.8, 0.9, 1.1, 1.3, 1.5];
const DOWN: Weights = [...UP].reverse();
// Weights by AI stage (not started ... wide use); the huge first weight makes every non-starter choose "none".
const AI_NONE: Weights = [1e6, 1, 0, 0];
const AI_MORE: Weights = [0, 1, 1.4, 1.8];

/** Stage-leaning options of single and multi questions, and of top boxes (key `top`); unlisted ones are flat. */
const TILTS: Readonly<Record<string, Tilts>> = {
  cx_priority: { top: MILD },
  culture: { top: UP },
  ex_cx_value: { top: MILD },
  ex_cx_effective: { top: UP },
  ai_helpful: { top: MILD },
  senior_leader: { yes_dedicated: UP, no_leader: DOWN },
  team_size: { team_0: DOWN, team_21: UP, team_11_20: MILD },
  economic_value: { recognised: UP, cannot_quantify: DOWN },
  cx_tech: { advanced: UP, integrated: UP, fragmented: DOWN },
  ai_stage: { wide_use: UP, not_started: DOWN, some_use: MILD },
  team_duties: { journeys: MILD, voc: MILD },
  metrics: { no_metrics: DOWN, csat: MILD, ces: MILD, retention: MILD, digital: MILD },
  listening: { relationship: MILD, interaction: MILD, journey: UP, social: MILD, employee: MILD, behavioural: UP },
  barriers: { no_barriers: UP, exec_support: DOWN, culture: DOWN, unclear_ownership: DOWN },
  value_obstacles: { no_metrics: DOWN, no_analysts: MILD },
  ai_uses: { none_ai: AI_NONE, chatbots: AI_MORE, analytics: AI_MORE, content: AI_MORE, agent_assist: AI_MORE },
  ai_policies: { security: AI_MORE, standards: AI_MORE, training: AI_MORE, governance: AI_MORE },
};

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

function sharesOf(options: readonly { id: string }[], shares: Shares | undefined, what: string): number[] {
  if (!shares) throw new Error(`no calibration for ${what}`);
  for (const id of Object.keys(shares)) if (!options.some((o) => o.id === id)) throw new Error(`${what} has no option "${id}"`);
  return options.map((o) => shares[o.id] ?? 0);
}

function count(mask: Uint8Array): number {
  let c = 0;
  for (const m of mask) c += m ? 1 : 0;
  return c;
}

/** The first declared missing code of a question: what "not used" or "not applicable" is written as. */
function missingCode(q: Question): string {
  const code = q.missing[0];
  if (code === undefined) throw new Error(`question "${q.id}" declares no missing code`);
  return codeText(code);
}

/** A column of one option code per respondent; category 255 is written as `missing`. */
function codeColumn(name: string, options: readonly Option[], category: Uint8Array, missing = ''): Column {
  const codes = options.map(optionCode);
  return { name, text: (i) => (category[i] === 255 ? missing : codes[category[i]!]!) };
}

/** Columns of a multi question from bitmasks: one delimited column, or 1/0 per option; `na` rows get the missing code. */
function multiColumns(q: MultiQuestion, masks: Uint16Array, na?: Uint8Array): Column[] {
  if (q.column === undefined) {
    return q.options.map((o, j) => ({ name: o.column!, text: (i) => ((masks[i]! >> j) & 1 ? '1' : '0') }));
  }
  const codes = q.options.map(optionCode);
  const missing = na ? missingCode(q) : '';
  const cache = new Map<number, string>();
  const joined = (mask: number): string => {
    let s = cache.get(mask);
    if (s === undefined) {
      s = codes.filter((_, j) => (mask >> j) & 1).join(q.delimiter);
      cache.set(mask, s);
    }
    return s;
  };
  return [{ name: q.column, text: (i) => (na?.[i] ? missing : joined(masks[i]!)) }];
}

/** Single-choice answers by exact quotas, leaning by stage as TILTS say; tilted options are filled first. */
function singleByQuota(ctx: Context, id: string, stratum = ctx.stage): Uint8Array {
  const q = questionOf(ctx.survey, id, 'single');
  const shares = sharesOf(q.options, ctx.targets.single[id], id);
  const tilts = TILTS[id] ?? {};
  const weights = q.options.map((o) => tilts[o.id] ?? []);
  const tilted = q.options.flatMap((o, j) => (tilts[o.id] ? [j] : []));
  const flat = q.options.flatMap((o, j) => (tilts[o.id] ? [] : [j]));
  const category = assignTilted(ctx.rng, stratum, shares, weights, undefined, [...tilted, ...flat]);
  ctx.columns.set(id, [codeColumn(q.column, q.options, category)]);
  return category;
}

/**
 * Multi answers by exact quotas among `answering` (shares of all respondents, or of those answering when
 * `ofAnswering`): exclusive options alone, everyone else at least one option; others get the missing code.
 */
function multiByShares(ctx: Context, id: string, answering: Uint8Array, stratum: Uint8Array, ofAnswering: boolean): Uint16Array {
  const q = questionOf(ctx.survey, id, 'multi');
  const shares = sharesOf(q.options, ctx.targets.multi[id], id);
  const base = ofAnswering ? count(answering) : ctx.n;
  const tilts = TILTS[id] ?? {};
  const open = answering.slice();
  const exclusive = new Uint16Array(ctx.n);
  q.options.forEach((o, j) => {
    if (!o.exclusive) return;
    const chosen = selectExactly(ctx.rng, stratum, open, tilts[o.id] ?? [], Math.round(shares[j]! * base));
    for (let i = 0; i < ctx.n; i++) {
      if (chosen[i]) {
        exclusive[i] = 1 << j;
        open[i] = 0;
      }
    }
  });
  const quotas = q.options.map((o, j) => ({ count: o.exclusive ? 0 : Math.round(shares[j]! * base), weights: tilts[o.id] ?? [] }));
  const masks = multiByQuota(ctx.rng, stratum, open, quotas, true);
  for (let i = 0; i < ctx.n; i++) masks[i]! |= exclusive[i]!;
  const na = answering.map((a) => (a ? 0 : 1));
  ctx.columns.set(id, multiColumns(q, masks, q.missing.length > 0 ? na : undefined));
  return masks;
}

/** A rating column; respondents not in `answering` get the question's missing code. */
function ratingColumn(q: Extract<Question, { type: 'rating' }>, values: Uint8Array, answering?: Uint8Array): Column {
  const missing = answering ? missingCode(q) : '';
  return { name: q.column, text: (i) => (answering && !answering[i] ? missing : String(values[i]!)) };
}

/** Ratings answered by everyone with an exact top-box share, leaning by stage. */
function topBoxRating(ctx: Context, id: string): void {
  const q = questionOf(ctx.survey, id, 'rating');
  const share = ctx.targets.topBox[id];
  if (share === undefined) throw new Error(`no calibration for ${id}`);
  const top = selectExactly(ctx.rng, ctx.stage, undefined, TILTS[id]?.top ?? [], Math.round(share * ctx.n));
  ctx.columns.set(id, [ratingColumn(q, ratingsFromTopBox(ctx.rng, q.scale, top))]);
}

/** Index of each band of a grouping by id. */
function bandIndex(grouping: Grouping, id: string): number {
  const i = grouping.bands.findIndex((b) => b.id === id);
  if (i < 0) throw new Error(`grouping ${grouping.id} has no band "${id}"`);
  return i;
}

/** Segments, skills, stages and leaders-and-laggards groups: what every other answer leans on. */
function planRespondents(survey: Survey, targets: CxWaveTargets, rng: Rng, n: number): Context {
  const columns = new Map<string, Column[]>();
  for (const s of survey.segments) {
    const category = assignByQuota(rng, n, sharesOf(s.options, targets.segments[s.id], s.id));
    columns.set(s.id, [codeColumn(s.column, s.options, category)]);
  }
  const scorer = createMaturityScorer(survey);
  const stages = survey.maturity!.stages;
  const skills = sampleSkills(rng, scorer, sharesOf(stages, targets.stages, 'stages'), n);
  const k = scorer.skills.length;
  scorer.skills.forEach((id, j) => {
    const q = questionOf(survey, id, 'rating');
    columns.set(id, [{ name: q.column, text: (i) => DIGITS[skills.values[i * k + j]!] ?? String(skills.values[i * k + j]) }]);
  });
  const grouping = survey.groupings.find((g) => g.id === 'cx_group');
  if (!grouping) throw new Error('survey has no cx_group grouping');
  const group = bandsByQuantile(skills.score, grouping.bands.map((b) => b.from ?? 0));
  return { survey, targets, rng, n, stage: skills.stage, group, groupIds: grouping.bands.map((b) => b.id), columns };
}

/** Executive support and spending plans: calibrated within each leaders-and-laggards group. */
function planByGroup(ctx: Context): void {
  const grouping = ctx.survey.groupings.find((g) => g.id === 'cx_group')!;
  const sizes = strataSizes(ctx.group, undefined, grouping.bands.length);
  const lag = bandIndex(grouping, 'laggards');
  const lead = bandIndex(grouping, 'leaders');
  const mid = bandIndex(grouping, 'middle');
  const ex = ctx.targets.execSupport;
  const counts = sizes.map(() => 0);
  counts[lag] = Math.round(ex.laggards * sizes[lag]!);
  counts[lead] = Math.round(ex.leaders * sizes[lead]!);
  // The middle group makes up the overall share, within what it can hold.
  counts[mid] = Math.min(sizes[mid]!, Math.max(0, Math.round(ex.all * ctx.n) - counts[lag] - counts[lead]));
  const q = questionOf(ctx.survey, 'exec_support', 'rating');
  const top = selectPerStratum(ctx.rng, ctx.group, undefined, counts);
  ctx.columns.set(q.id, [ratingColumn(q, ratingsFromTopBox(ctx.rng, q.scale, top))]);

  for (const [id, shares] of Object.entries(ctx.targets.spendIncrease)) {
    const s = questionOf(ctx.survey, id, 'single');
    const inc = s.options.findIndex((o) => o.id === 'increase');
    const same = s.options.findIndex((o) => o.id === 'same');
    const dec = s.options.findIndex((o) => o.id === 'decrease');
    if (inc < 0 || same < 0 || dec < 0) throw new Error(`${id} needs options increase, same and decrease`);
    const perGroup = ctx.groupIds.map((g, b) => Math.round((shares[g as keyof typeof shares] ?? 0) * sizes[b]!));
    const increase = selectPerStratum(ctx.rng, ctx.group, undefined, perGroup);
    const others = increase.map((x) => (x ? 0 : 1));
    // Of those not increasing, about one in five cuts spending, laggards more often.
    const rest = s.options.map((_, j) => (j === same ? 0.78 : j === dec ? 0.22 : 0));
    const cutWeights = ctx.groupIds.map((g) => (g === 'laggards' ? 1.5 : g === 'leaders' ? 0.5 : 1));
    const category = assignTilted(ctx.rng, ctx.group, rest, s.options.map((_, j) => (j === dec ? cutWeights : [])), others, [dec, same]);
    for (let i = 0; i < ctx.n; i++) if (increase[i]) category[i] = inc;
    ctx.columns.set(id, [codeColumn(s.column, s.options, category)]);
  }
}

/** Every other question: quotas over all respondents, leaning by maturity stage or AI stage. */
function planAnswers(ctx: Context, wave: string): void {
  const { n, rng } = ctx;
  for (const id of Object.keys(ctx.targets.topBox)) topBoxRating(ctx, id);
  for (const id of ['senior_leader', 'economic_value', 'cx_tech', 'broken_b2b', 'broken_b2c']) singleByQuota(ctx, id);

  const teamQ = questionOf(ctx.survey, 'team_size', 'single');
  const team = singleByQuota(ctx, 'team_size');
  const noTeam = teamQ.options.findIndex((o) => o.id === 'team_0');
  multiByShares(ctx, 'team_duties', team.map((t) => (t === noTeam ? 0 : 1)), ctx.stage, true);

  const all = new Uint8Array(n).fill(1);
  for (const id of ['metrics', 'listening', 'barriers', 'value_obstacles']) multiByShares(ctx, id, all, ctx.stage, false);

  const aiQ = questionOf(ctx.survey, 'ai_stage', 'single');
  const ai = singleByQuota(ctx, 'ai_stage');
  const notStarted = aiQ.options.findIndex((o) => o.id === 'not_started');
  multiByShares(ctx, 'ai_uses', all, ai, false);
  multiByShares(ctx, 'ai_policies', ai.map((a) => (a === notStarted ? 0 : 1)), ai, true);

  for (const [id, t] of Object.entries(ctx.targets.channels)) {
    const q = questionOf(ctx.survey, id, 'rating');
    const notUsed = selectExactly(rng, ctx.stage, undefined, id === 'channel_chatbot' ? DOWN : [], Math.round(t.notUsed * n));
    const raters = notUsed.map((x) => (x ? 0 : 1));
    const top = selectExactly(rng, ctx.stage, raters, MILD, Math.round(t.topBox * count(raters)));
    ctx.columns.set(id, [ratingColumn(q, ratingsFromTopBox(rng, q.scale, top, raters), raters)]);
  }

  const digits = Math.max(4, String(n).length);
  const email = questionOf(ctx.survey, 'email', 'pii');
  ctx.columns.set(email.id, [{ name: email.column, text: (i) => fakeEmail(wave, i, digits) }]);
  const comments = questionOf(ctx.survey, 'comments', 'text');
  const picks = pickComments(rng, chooseExactly(rng, n, Math.round(0.3 * n)));
  ctx.columns.set(comments.id, [{ name: comments.column, text: (i) => commentText(picks[i]!) }]);
}

/** Synthetic rows of the CX management survey, calibrated to a wave: the header first, then one row per respondent. */
export function* generateCxManagement(survey: Survey, options: CxSampleOptions): Generator<string[]> {
  const { wave, respondents: n, seed } = options;
  const rng = createRng(seed);
  const ctx = planRespondents(survey, TARGETS[wave], rng, n);
  planByGroup(ctx);
  planAnswers(ctx, wave);
  const digits = Math.max(4, String(n).length);
  yield* fileRows(survey, ctx.columns, { name: survey.id_column, text: (i) => respondentId(wave, i, digits) }, n);
}
