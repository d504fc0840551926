import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportResults } from '../../src/indicators/result.ts';
import { runSurvey } from '../../src/pipeline/run.ts';

// The mini survey, with its 2024 wave asked differently: the spend column renamed, "web" coded W, the
// membership question not asked, and "phone" offered only from 2025 (nobody chose it in 2024).
const root = mkdtempSync(join(tmpdir(), 'cx-waves-'));
let results: ReportResults;
beforeAll(async () => {
  const dir = join(root, 'data', 'mini');
  cpSync('test/fixtures/mini', dir, { recursive: true });
  writeFileSync(
    join(dir, '2024.csv'),
    [
      'ID,Region,Satisfaction / 满意度,推荐 0-10,Channel,Reasons,Perk: A,Perk: B,Perk: none,Spend (2024),Note,Mail,Skill A,Skill B,Skill C',
      '1,N,4,9,W,P,1,0,0,10,,,3,3,3',
      '2,S,5,10,2,Q,0,1,0,20,,,4,4,4',
      '3,N,2,5,W,P;Q,0,0,1,30,,,2,2,2',
      '4,S,3,7,0,S,1,1,0,40,,,1,1,1',
      '',
    ].join('\n'),
  );
  const doc = parseDocument(readFileSync(join(dir, 'survey.yaml'), 'utf8'));
  const index = (id: string) => (doc.toJS() as { questions: { id: string }[] }).questions.findIndex((q) => q.id === id);
  doc.setIn(['questions', index('spend'), 'waves'], { '2024': { column: 'Spend (2024)' } });
  doc.setIn(['questions', index('member'), 'waves'], { '2024': false });
  doc.setIn(['questions', index('channel'), 'waves'], { '2024': { codes: { web: 'W' } } });
  doc.setIn(['questions', index('channel'), 'options', 2, 'since'], '2025');
  writeFileSync(join(dir, 'survey.yaml'), doc.toString());
  ({ results } = await runSurvey(dir, root));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const figure = (id: string, wave: string, key: string) => results.indicators[id]![wave]!.find((f) => f.key === key)!;

describe('questions asked differently between waves', () => {
  it('read a renamed column: 2024 spend 10, 20, 30, 40 has mean 25', () => {
    expect(figure('spend', '2024', 'mean')).toMatchObject({ value: 25, n: 4 });
  });

  it('read a wave-specific code: web coded W is 2 of the 3 valid 2024 answers (row 4 is n/a)', () => {
    expect(figure('channel', '2024', 'web').value).toBeCloseTo(2 / 3, 12);
    expect(figure('channel', '2024', 'store').value).toBeCloseTo(1 / 3, 12);
  });

  it('show no figure for an option not yet offered, rather than 0', () => {
    expect(figure('channel', '2024', 'phone')).toMatchObject({ value: null, n: 3 });
    // 2025 channel answers (0 = n/a): 1, 2, 1, 3, 2, 1, 1 -> phone 1 of 7.
    expect(figure('channel', '2025', 'phone').value).toBeCloseTo(1 / 7, 12);
  });

  it('leave a question that was not asked without a base, so no change is computed', () => {
    expect(figure('member', '2024', 'yes')).toMatchObject({ value: null, n: 0 });
    // 2025 membership: yes on rows 1, 3, 5, 6, 8 of 8.
    expect(figure('member', '2025', 'yes').value).toBeCloseTo(5 / 8, 12);
  });
});
