import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { InputError } from '../../src/survey/errors.ts';
import { parseSurvey } from '../../src/survey/parse.ts';

const text = readFileSync('test/fixtures/battery/survey.yaml', 'utf8');

type Doc = {
  questions: Record<string, unknown>[];
  batteries: { id: string; items: string[] }[];
  indicators: Record<string, unknown>[];
  charts: Record<string, unknown>[];
  kpis?: Record<string, unknown>[];
};

/** The problems of a changed copy of the battery fixture's definition, as `path: rule`. */
function problemsOf(change: (doc: Doc) => void): string[] {
  const doc = parse(text) as Doc;
  change(doc);
  try {
    parseSurvey(stringify(doc), 'survey.yaml');
  } catch (e) {
    if (e instanceof InputError) return e.problems.map((p) => `${p.path ?? ''}: ${p.rule}`);
    throw e;
  }
  return [];
}

describe('batteries in survey.yaml', () => {
  it('accepts the fixture', () => {
    expect(problemsOf(() => undefined)).toEqual([]);
  });

  it('refuses a battery whose items are on different scales, naming the battery and the item', () => {
    const problems = problemsOf((d) => (d.questions[2]!.scale = { min: 1, max: 7 }));
    expect(problems).toEqual(['batteries[0].items[2]: battery "service": item "price" has scale 1-7, good high, top box 2, not 1-5, good high, top box 2, labels Very poor/Poor/Fair/Good/Very good like "speed"']);
    expect(problemsOf((d) => (d.questions[1]!.scale = { min: 1, max: 5, top_box: 1, labels: (d.questions[0]!.scale as { labels: unknown }).labels }))).toEqual([
      'batteries[0].items[1]: battery "service": item "staff" has scale 1-5, good high, top box 1, labels Very poor/Poor/Fair/Good/Very good, not 1-5, good high, top box 2, labels Very poor/Poor/Fair/Good/Very good like "speed"',
    ]);
  });

  it('refuses items that are not ratings, or listed twice', () => {
    expect(problemsOf((d) => d.batteries[0]!.items.push('region'))).toEqual(['batteries[0].items[3]: battery "service": item "region" is not a rating question']);
    expect(problemsOf((d) => d.batteries[0]!.items.push('speed'))).toEqual(['batteries[0].items[3]: battery "service": item "speed" is listed twice']);
  });

  it('checks indicators over a battery', () => {
    expect(problemsOf((d) => (d.indicators[0]!.battery = 'nope'))).toEqual(['indicators[0].battery: unknown battery "nope"']);
    expect(problemsOf((d) => (d.indicators[0]!.kind = 'nps'))).toEqual([
      'indicators[0].kind: a battery is reported as top_box, mean, share, not nps',
      "charts[0].type: a ranked chart shows a battery's top_box or mean, not its nps",
    ]);
    expect(problemsOf((d) => (d.indicators[0]!.measure = 'speed'))).toEqual(['indicators[0].battery: give either "measure" or "battery", not both']);
    expect(problemsOf((d) => delete d.indicators[4]!.measure)).toEqual(['indicators[4].measure: needs a "measure" (or a "battery")']);
  });

  it('checks the charts and tiles that show a battery', () => {
    expect(problemsOf((d) => (d.charts[0]!.type = 'bars'))).toEqual(['charts[0].type: a battery is shown as ranked, diverging, heat, not bars']);
    expect(problemsOf((d) => (d.charts[0]!.type = 'diverging'))).toEqual(["charts[0].type: a diverging chart shows a battery's share, not its top_box"]);
    expect(problemsOf((d) => (d.charts[0]!.type = 'heat'))).toEqual(['charts[0].type: heat needs an indicator with "by" ("service_top" has none)']);
    expect(problemsOf((d) => (d.charts[3]!.type = 'ranked'))).toEqual(['charts[3].type: ranked shows a battery over the whole slice: "service_by_region" has "by" (use heat)']);
    expect(problemsOf((d) => (d.charts[4]!.type = 'ranked'))).toEqual(['charts[4].type: a ranked chart shows a battery ("speed_dist" has none)']);
    expect(problemsOf((d) => (d.kpis = [{ id: 'tile', indicator: 'service_top', label: { zh: '甲', en: 'A' } }]))).toEqual([
      'kpis[0].indicator: a battery cannot be a KPI tile: give a tile an indicator of one item',
    ]);
  });

  it('lets a rating be asked as shares of its points', () => {
    expect(problemsOf((d) => d.indicators.push({ id: 'staff_dist', kind: 'share', measure: 'staff' }))).toEqual([]);
  });
});
