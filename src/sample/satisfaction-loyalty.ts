import { optionCode } from '../survey/question.ts';
import type { Segment, Survey } from '../survey/survey.ts';
import { respondentId } from './fake.ts';
import { assignByQuota, selectExactly, strataSizes, tiltedCounts } from './quota.ts';
import { fileRows, questionOf, segmentOf, type Column } from './columns.ts';
import { createRng, type Rng } from './random.ts';
import { scalePoints } from './ratings.ts';
import { drawLatent, mix, REPURCHASE_PULL, type Latent } from './satisfaction-loyalty-latent.ts';
import { pointsByRank, topByScore } from './satisfaction-loyalty-rank.ts';
import { TARGETS_2024, TARGETS_2025, type LoyaltyWaveTargets, type NpsShares } from './satisfaction-loyalty-targets.ts';
import type { Shares } from './cx-targets.ts';

/** What to generate: which wave's calibration, how many respondents, from which seed. */
export interface LoyaltySampleOptions {
  wave: '2024' | '2025';
  respondents: number;
  seed: number;
}

/** Everything answers are drawn from: the survey, the wave's targets, the segments and latent traits. */
interface Context {
  survey: Survey;
  targets: LoyaltyWaveTargets;
  rng: Rng;
  n: number;
  /** Option index of each respondent in each segment. */
  category: Map<string, Uint8Array>;
  /** 1 for our company's customers. */
  ours: Uint8Array;
  latent: Latent;
  columns: Map<string, Column[]>;
}

const TARGETS = { '2024': TARGETS_2024, '2025': TARGETS_2025 } as const;
const ONE_STRATUM = (n: number): Uint8Array => new Uint8Array(n);
const NPS_POINTS = { detractors: [0, 1, 2, 3, 4, 5, 6], passives: [7, 8], promoters: [9, 10] };
// Detractors mostly answer 5 or 6; the lowest points are rare.
const NPS_SHARES = { detractors: [0.01, 0.02, 0.05, 0.09, 0.16, 0.27, 0.4], passives: [0.45, 0.55], promoters: [0.55, 0.45] };

function optionIndex(segment: Segment, id: string): number {
  const j = segment.options.findIndex((o) => o.id === id);
  if (j < 0) throw new Error(`segment ${segment.id} has no option "${id}"`);
  return j;
}

/** Values of `shares` in the order of the segment's options; every option must be calibrated. */
function perOption(segment: Segment, shares: Shares | undefined, what: string): number[] {
  if (!shares) throw new Error(`no calibration for ${what}`);
  return segment.options.map((o) => {
    const v = shares[o.id];
    if (v === undefined) throw new Error(`${what} has no calibration for "${o.id}"`);
    return v;
  });
}

/** round(rate × stratum size) for each stratum: exact top-box counts. */
function countsOf(rates: readonly number[], sizes: readonly number[]): number[] {
  return rates.map((r, s) => Math.round(r * (sizes[s] ?? 0)));
}

/** Shares of points within the top box or the rest, tapering away from the cut as ratingsFromTopBox does. */
function taper(count: number, towardsCut: 'first' | 'last'): number[] {
  const w = Array.from({ length: count }, (_, i) => (towardsCut === 'last' ? i + 1 : count - i + 1));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}

const not = (mask: Uint8Array): Uint8Array => mask.map((m) => (m ? 0 : 1));

/** Segments, our company's customers and the latent traits: what every answer leans on. */
function planRespondents(survey: Survey, targets: LoyaltyWaveTargets, rng: Rng, n: number): Context {
  const category = new Map<string, Uint8Array>();
  for (const s of survey.segments) {
    if (s.id === 'provider') continue;
    const shares = s.id === 'month' ? targets.monthWeights.map((w, _, all) => w / all.reduce((a, b) => a + b, 0)) : perOption(s, targets.segments[s.id], s.id);
    if (shares.length !== s.options.length) throw new Error(`segment ${s.id} has ${s.options.length} options, calibrated ${shares.length}`);
    category.set(s.id, assignByQuota(rng, n, shares));
  }
  const industry = segmentOf(survey, 'industry');
  const ourIndustries = new Set(targets.ourIndustries.map((id) => optionIndex(industry, id)));
  const eligible = category.get('industry')!.map((c) => (ourIndustries.has(c) ? 1 : 0));
  const ours = selectExactly(rng, ONE_STRATUM(n), eligible, [], Math.round(targets.ourShare * n));
  const provider = segmentOf(survey, 'provider');
  const [our, peer] = [optionIndex(provider, 'our_company'), optionIndex(provider, 'peers')];
  category.set('provider', ours.map((o) => (o ? our : peer)));

  const answers = new Map<string, string[]>();
  for (const s of survey.segments) answers.set(s.id, Array.from(category.get(s.id)!, (c) => s.options[c]!.id));
  const columns = new Map<string, Column[]>();
  for (const s of survey.segments) {
    const codes = s.options.map(optionCode);
    const cat = category.get(s.id)!;
    columns.set(s.id, [{ name: s.column, text: (i) => codes[cat[i]!]! }]);
  }
  return { survey, targets, rng, n, category, ours, latent: drawLatent(rng, answers, n), columns };
}

/** A rating column: `top` in the top box, points given by rank of `score` within the top box and outside it. */
function ratingColumn(ctx: Context, id: string, score: Float64Array, top: Uint8Array): void {
  const q = questionOf(ctx.survey, id, 'rating');
  const { top: topPoints, rest } = scalePoints(q.scale);
  const values = new Uint8Array(ctx.n);
  pointsByRank(score, top, topPoints, taper(topPoints.length, 'first'), values);
  pointsByRank(score, not(top), rest, taper(rest.length, 'last'), values);
  ctx.columns.set(id, [{ name: q.column, text: (i) => String(values[i]!) }]);
}

/** Top-box counts of satisfaction per country and provider: country totals and our company's total both exact. */
function satisfactionCounts(ctx: Context): { stratum: Uint8Array; counts: number[] } {
  const country = segmentOf(ctx.survey, 'country');
  const cat = ctx.category.get('country')!;
  const k = country.options.length;
  const rates = perOption(country, ctx.targets.csat.countries, 'satisfaction by country');
  const sizes = strataSizes(cat, undefined, k);
  const ourSizes = strataSizes(cat, ctx.ours, k);
  const totals = countsOf(rates, sizes);
  const ourTotal = Math.round(ctx.targets.csat.ours * ourSizes.reduce((a, b) => a + b, 0));
  // Our satisfied customers spread over countries as their general mood goes.
  const ourCounts = tiltedCounts(ourSizes, rates, ourTotal);
  const peerCounts = totals.map((t, c) => t - ourCounts[c]!);
  peerCounts.forEach((p, c) => {
    if (p < 0 || p > sizes[c]! - ourSizes[c]!) throw new Error(`satisfaction in ${country.options[c]!.id} cannot be met with our company's customers at ${ctx.targets.csat.ours}`);
  });
  // Strata: country c, our company's customers at 2c, peers' at 2c + 1.
  const stratum = cat.map((c, i) => 2 * c + (ctx.ours[i] ? 0 : 1));
  return { stratum, counts: ourCounts.flatMap((o, c) => [o, peerCounts[c]!]) };
}

/** Overall satisfaction and the five experience dimensions. */
function planExperience(ctx: Context): void {
  const { rng, latent, n } = ctx;
  const { stratum, counts } = satisfactionCounts(ctx);
  const csat = mix(rng, latent, { quality: 1, bond: 0.15 }, 0.55);
  ratingColumn(ctx, 'csat', csat, topByScore(csat, stratum, counts));

  const weights: Record<string, { quality: number; bond: number; noise: number }> = {
    dim_emotional: { quality: 0, bond: 1, noise: 0.5 },
    dim_functional: { quality: 1, bond: 0, noise: 0.8 },
    dim_process: { quality: 0.9, bond: 0, noise: 0.8 },
    dim_response: { quality: 0.8, bond: 0.1, noise: 0.9 },
    dim_value: { quality: 0.5, bond: 0.6, noise: 0.6 },
  };
  for (const [id, share] of Object.entries(ctx.targets.dimensions)) {
    const w = weights[id];
    if (!w) throw new Error(`no experience dimension "${id}"`);
    const score = mix(rng, latent, w, w.noise);
    ratingColumn(ctx, id, score, topByScore(score, ONE_STRATUM(n), [Math.round(share * n)]));
  }

  const channel = segmentOf(ctx.survey, 'channel');
  const channels = ctx.category.get('channel')!;
  const ces = mix(rng, latent, { quality: 0.7, bond: 0 }, 0.7);
  const cesCounts = countsOf(perOption(channel, ctx.targets.ces, 'ease by channel'), strataSizes(channels, undefined, channel.options.length));
  ratingColumn(ctx, 'ces', ces, topByScore(ces, channels, cesCounts));
}

/** NPS answers: exact promoter and detractor shares per provider, ranked by `score`. */
function npsColumn(ctx: Context, score: Float64Array): void {
  const provider = segmentOf(ctx.survey, 'provider');
  const stratum = ctx.category.get('provider')!;
  const sizes = strataSizes(stratum, undefined, provider.options.length);
  const shares: NpsShares[] = provider.options.map((o) => (o.id === 'our_company' ? ctx.targets.nps.ours : ctx.targets.nps.peers));
  const promoters = topByScore(score, stratum, countsOf(shares.map((s) => s.promoters), sizes));
  const detractors = topByScore(score.map((x) => -x), stratum, countsOf(shares.map((s) => s.detractors), sizes));
  const passives = promoters.map((p, i) => (p || detractors[i] ? 0 : 1));
  const values = new Uint8Array(ctx.n);
  pointsByRank(score, detractors, NPS_POINTS.detractors, NPS_SHARES.detractors, values);
  pointsByRank(score, passives, NPS_POINTS.passives, NPS_SHARES.passives, values);
  pointsByRank(score, promoters, NPS_POINTS.promoters, NPS_SHARES.promoters, values);
  const q = questionOf(ctx.survey, 'nps', 'nps');
  ctx.columns.set(q.id, [{ name: q.column, text: (i) => String(values[i]!) }]);
}

/** Trust, recommendation and repurchase intentions by industry, NPS, and buying again by provider. */
function planLoyalty(ctx: Context): void {
  const { rng, latent } = ctx;
  const industry = segmentOf(ctx.survey, 'industry');
  const industries = ctx.category.get('industry')!;
  const sizes = strataSizes(industries, undefined, industry.options.length);
  const segment = segmentOf(ctx.survey, 'customer_segment');
  const segments = ctx.category.get('customer_segment')!;
  const pull = (i: number): number => REPURCHASE_PULL[segment.options[segments[i]!]!.id] ?? 0;
  const scores: Record<string, Float64Array> = {
    trust: mix(rng, latent, { quality: 0.3, bond: 0.85 }, 0.5),
    recommend_intent: mix(rng, latent, { quality: 0.3, bond: 0.85 }, 0.5),
    repurchase_intent: mix(rng, latent, { quality: 0.35, bond: 0.65 }, 0.6, (i) => 0.5 * pull(i)),
  };
  for (const [id, score] of Object.entries(scores)) {
    const counts = countsOf(perOption(industry, ctx.targets.intentions[id], `${id} by industry`), sizes);
    ratingColumn(ctx, id, score, topByScore(score, industries, counts));
  }
  const recommend = scores.recommend_intent!;
  npsColumn(ctx, mix(rng, latent, { quality: 0, bond: 0 }, 0.35, (i) => recommend[i]!));

  const provider = segmentOf(ctx.survey, 'provider');
  const providers = ctx.category.get('provider')!;
  const intent = scores.repurchase_intent!;
  const bought = mix(rng, latent, { quality: 0, bond: 0 }, 0.8, (i) => intent[i]! + pull(i));
  const rates = provider.options.map((o) => (o.id === 'our_company' ? ctx.targets.repurchased.ours : ctx.targets.repurchased.peers));
  const yes = topByScore(bought, providers, countsOf(rates, strataSizes(providers, undefined, rates.length)));
  const q = questionOf(ctx.survey, 'repurchased', 'boolean');
  ctx.columns.set(q.id, [{ name: q.column, text: (i) => (yes[i] ? '1' : '0') }]);
}

/** Synthetic rows of the satisfaction and loyalty survey, calibrated to a wave: the header, then one row per respondent. */
export function* generateSatisfactionLoyalty(survey: Survey, options: LoyaltySampleOptions): Generator<string[]> {
  const { wave, respondents: n, seed } = options;
  const ctx = planRespondents(survey, TARGETS[wave], createRng(seed), n);
  planExperience(ctx);
  planLoyalty(ctx);
  const digits = Math.max(4, String(n).length);
  yield* fileRows(survey, ctx.columns, { name: survey.id_column, text: (i) => respondentId(wave, i, digits) }, n);
}
