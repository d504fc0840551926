import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkAll } from '../../src/pipeline/check.ts';
import { createSurvey } from '../../src/pipeline/new-survey.ts';
import { parseSurvey } from '../../src/survey/parse.ts';

// npm run new-survey on a customer file whose every column's kind is known (test/fixtures/new-survey/): the
// draft names each kind right, and passes every check of the build as it is written.
const root = process.cwd();
const work = join(root, '.cx', `new-survey-test-${process.pid}`);
const options = { dataDir: join(work, 'data'), contentDir: join(work, 'content') };
const FILE = 'test/fixtures/new-survey/customers-2025.csv';
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm run new-survey', () => {
  it('drafts each column as the kind of question it is', async () => {
    const made = await createSurvey(root, 'customers', join(root, FILE), options);
    const survey = parseSurvey(readFileSync(made.definition, 'utf8'), 'survey.yaml');
    expect(survey.id_column).toBe('Customer ID');
    expect(survey.waves).toEqual([{ id: '2025', file: '2025.csv' }]);
    expect(survey.segments.map((s) => [s.column, s.options.map((o) => o.code)])).toEqual([
      ['Region', ['East', 'North', 'South']],
      ['Plan', ['Basic', 'Enterprise', 'Pro']],
    ]);
    const kinds = Object.fromEntries(survey.questions.map((q) => [q.column ?? q.id, q.type]));
    expect(kinds).toEqual({
      'How satisfied are you? (1-5)': 'rating',
      'How likely are you to recommend us? (0-10)': 'nps',
      'Channels used': 'multi',
      Renewed: 'boolean',
      'Wait (seconds)': 'seconds',
      'Monthly spend': 'number',
      Email: 'pii',
      Comments: 'text',
    });
    const rating = survey.questions.find((q) => q.type === 'rating');
    expect(rating?.type === 'rating' && [rating.scale.min, rating.scale.max]).toEqual([1, 5]);
    const multi = survey.questions.find((q) => q.type === 'multi');
    expect(multi?.type === 'multi' && multi.options.map((o) => o.code)).toEqual(['app', 'phone', 'store', 'web']);
    // Free text and personal data are never charted.
    expect(survey.indicators.map((i) => i.measure)).not.toContain('email');
    expect(survey.indicators.map((i) => i.measure)).not.toContain('comments');
  });

  it('writes a survey and chapters that pass every check', async () => {
    const { surveys, problems } = await checkAll(root, options.dataDir, options.contentDir);
    expect(problems).toEqual([]);
    expect(surveys).toEqual([{ id: 'customers', respondents: 40 }]);
    expect(readFileSync(join(options.contentDir, 'customers', 'en', 'overview.mdx'), 'utf8')).toContain('<Chart id="channels_used" />');
  });

  it('refuses to overwrite a survey, and an id that cannot name a folder', async () => {
    await expect(createSurvey(root, 'customers', join(root, FILE), options)).rejects.toThrow('already exists');
    await expect(createSurvey(root, 'Customers 2', join(root, FILE), options)).rejects.toThrow('use lower case letters, digits and -');
  });
});
