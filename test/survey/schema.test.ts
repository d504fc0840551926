import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringify, parse } from 'yaml';
import { InputError } from '../../src/survey/errors.ts';
import { surveyJsonSchema } from '../../src/survey/json-schema.ts';
import { parseSurvey } from '../../src/survey/parse.ts';

const miniText = readFileSync('test/fixtures/mini/survey.yaml', 'utf8');

/** Parses a changed copy of the mini survey and returns the problem messages. */
function problemsOf(change: (doc: Record<string, unknown>) => void): string[] {
  const doc = parse(miniText) as Record<string, unknown>;
  change(doc);
  try {
    parseSurvey(stringify(doc), 'survey.yaml');
  } catch (e) {
    if (e instanceof InputError) return e.problems.map((p) => `${p.path ?? ''}: ${p.rule}`);
    throw e;
  }
  return [];
}

type Doc = Record<string, unknown> & {
  indicators: Record<string, unknown>[];
  questions: Record<string, unknown>[];
  segments: Record<string, unknown>[];
  charts: Record<string, unknown>[];
  maturity: { competencies: Record<string, unknown>[]; stages: Record<string, unknown>[] };
  groupings: { bands: Record<string, unknown>[] }[];
  composites: { of: string[] }[];
  title: Record<string, unknown>;
};
const edit = (f: (d: Doc) => void) => problemsOf((d) => f(d as Doc));

describe('survey definition', () => {
  it('parses the sample surveys', () => {
    const s = parseSurvey(readFileSync('data/cx-management/survey.yaml', 'utf8'), 'survey.yaml');
    expect(s.questions.filter((q) => q.id.startsWith('skill_'))).toHaveLength(20);
    expect(s.maturity?.competencies.map((c) => c.id)).toEqual(['comp_lead', 'comp_realize', 'comp_activate', 'comp_enlighten', 'comp_respond', 'comp_disrupt']);
    const mini = parseSurvey(miniText, 'survey.yaml');
    expect(mini.min_base).toBe(5);
    expect(mini.questions[0]).toMatchObject({ id: 'sat', missing: [9], scale: { good: 'high', top_box: 2 } });
  });

  it('fills in the documented defaults', () => {
    const doc = parse(miniText) as Record<string, unknown>;
    delete doc.min_base;
    delete doc.suppress_below;
    const s = parseSurvey(stringify(doc), 'survey.yaml');
    expect([s.min_base, s.suppress_below]).toEqual([30, 10]);
  });

  it('names the path of a missing translation', () => {
    expect(edit((d) => delete d.title.en)).toEqual(['title.en: Invalid input: expected string, received undefined']);
  });

  it('rejects a reference to an unknown question', () => {
    expect(edit((d) => (d.indicators[0]!.measure = 'nope'))).toEqual(['indicators[0].measure: unknown question or measure "nope"']);
  });

  it('rejects an indicator kind that does not fit its question', () => {
    expect(edit((d) => (d.indicators[0]!.measure = 'channel'))).toEqual(['indicators[0].kind: top_box cannot be computed from a categorical measure ("channel")']);
  });

  it('rejects maturity weights that do not sum to 1', () => {
    expect(edit((d) => (d.maturity.competencies[0]!.weight = 0.6))).toEqual(['maturity.competencies: weights sum to 1.1, not 1']);
  });

  it('rejects stages out of order', () => {
    expect(edit((d) => (d.maturity.stages[1]!.from = 0))).toEqual(['maturity.stages[1].from: stages must be in ascending order of from']);
  });

  it('rejects a top box as large as the scale', () => {
    expect(edit((d) => ((d.questions[0]!.scale as Record<string, unknown>).top_box = 5))).toEqual(['questions[0].scale.top_box: must be smaller than the number of points (5)']);
  });

  it('rejects duplicate ids', () => {
    expect(edit((d) => (d.questions[1]!.id = 'sat'))).toContain('questions[1].id: duplicate id "sat": questions, segments and measures share one namespace');
  });

  it('reserves the ids a filtered link uses for the wave and for what is compared', () => {
    expect(edit((d) => (d.segments[0]!.id = 'compare'))).toContain('segments[0].id: "compare" is reserved');
    expect(edit((d) => (d.questions[1]!.id = 'wave'))).toContain('questions[1].id: "wave" is reserved');
  });

  it('rejects a chart of an unknown indicator', () => {
    expect(edit((d) => (d.charts[0]!.indicator = 'missing'))).toEqual(['charts[0].indicator: unknown indicator "missing"']);
  });

  it('rejects bands with a gap', () => {
    expect(edit((d) => (d.groupings[0]!.bands[1]!.from = 0.6))).toEqual(['groupings[0].bands[1].from: must be 0.5: bands must follow each other']);
  });

  it('rejects a composite over a question that is not numeric, or one that cannot be rescaled', () => {
    expect(edit((d) => (d.composites[0]!.of = ['sat', 'channel']))).toEqual(['composites[0].of[1]: "channel" is not a rating, nps question']);
    expect(edit((d) => (d.composites[1]!.of = ['skill_a', 'spend']))).toEqual([]);
    expect(edit((d) => (d.composites[0]!.of = ['sat', 'spend']))).toEqual(['composites[0].of[1]: "spend" is not a rating, nps question']);
  });

  it('rejects an unknown key, naming it', () => {
    expect(edit((d) => (d.colour = 'blue'))).toEqual(['(top level): Unrecognized key: "colour"']);
  });

  it('gives the line of a problem in the YAML file', () => {
    const text = miniText.replace('min_base: 5', 'min_base: -5');
    const line = text.split('\n').findIndex((l) => l.startsWith('min_base')) + 1;
    expect(() => parseSurvey(text, 'data/x/survey.yaml')).toThrow(`data/x/survey.yaml:${line}: at min_base, value "-5": Too small: expected number to be >0`);
  });

  it('refuses a file whose aliases expand without end, naming the limit', () => {
    // "Billion laughs": each line nine copies of the one before, 9^7 strings in all.
    const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (const [prev, name] of [...'abcdef'].map((c, i) => [c, 'bcdefg'[i]!])) lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    expect(() => parseSurvey(`${lines.join('\n')}\nid: x\n`, 'data/x/survey.yaml')).toThrow(
      'data/x/survey.yaml: invalid YAML: aliases (*name) expand too many times (the limit is 100): write the repeated values out',
    );
    // A few aliases, as a definition may use them, are fine.
    expect(problemsOf((d) => d)).toEqual([]);
  });

  it('limits options, waves and the combinations of segments to what a row can hold', () => {
    const options = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `o${i}`, code: `c${i}`, label: { zh: '项', en: 'Option' } }));
    const segment = (id: string, n: number) => ({ id, column: id, label: { zh: '段', en: 'Segment' }, options: options(n) });
    expect(edit((d) => (d.segments[0]!.options = options(255)))).toEqual([]);
    expect(edit((d) => (d.segments[0]!.options = options(256)))).toEqual(['segments[0].options: has 256 options; at most 255 are supported: merge some of them']);
    expect(edit((d) => (d.questions[2]!.options = options(256)))).toEqual(['questions[2].options: has 256 options; at most 255 are supported: merge some of them']);
    // Waves 3 (2 and a blank) x region 3 x tier 3 x four segments of 256 (255 and a blank) = 27·256⁴ = 1.16e11 > 2^31.
    expect(edit((d) => d.segments.push(...['a', 'b', 'c'].map((id) => segment(id, 255))))).toEqual([]);
    expect(edit((d) => d.segments.push(...['a', 'b', 'c', 'e'].map((id) => segment(id, 255))))).toEqual([
      'segments: the waves, segments and groupings make 1.16e+11 combinations; at most 2147483648 are supported: drop a segment or merge its options',
    ]);
  });

  it('limits the measures the indicators read', () => {
    // The mini survey's indicators read 13 measures (sat, rec, channel, reasons, perks, spend, member, stage,
    // maturity_score, experience, skill_a, skill_b, skill_mean); n more ratings with a mean each make 13 + n.
    const more = (n: number) => (d: Doc) => {
      for (let i = 0; i < n; i++) {
        d.questions.push({ id: `extra_${i}`, type: 'rating', column: `Extra ${i}`, label: { zh: '额', en: 'Extra' }, scale: { min: 1, max: 5 } });
        d.indicators.push({ id: `extra_${i}`, kind: 'mean', measure: `extra_${i}` });
      }
    };
    expect(edit(more(987))).toEqual([]);
    expect(edit(more(988))).toEqual(['indicators: read 1001 questions and measures; at most 1000 are supported: split the survey into several reports']);
  });

  it('reports invalid YAML with its line', () => {
    expect(() => parseSurvey('id: x\ntitle: [unclosed\n', 'survey.yaml')).toThrow(/survey\.yaml:\d+: invalid YAML/);
  });

  it('commits the JSON Schema generated from the zod schema', () => {
    const committed: unknown = JSON.parse(readFileSync('schemas/survey.schema.json', 'utf8'));
    expect(committed).toEqual(surveyJsonSchema());
    expect(readFileSync('data/cx-management/survey.yaml', 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../../schemas/survey.schema.json');
  });
});
