import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportResults } from '../../src/indicators/result.ts';
import { runSurvey } from '../../src/pipeline/run.ts';

// The published figures of the seed study (Qualtrics XM Institute, State of CX Management 2025, and the
// 2024 study for the earlier wave). The committed synthetic data must reproduce each within 1 point.
let results: ReportResults;
beforeAll(async () => {
  ({ results } = await runSurvey(resolve('data/cx-management'), process.cwd()));
});

function figure(indicator: string, key: string, wave = '2025', group: string | null = null): number {
  const f = results.indicators[indicator]?.[wave]?.find((x) => x.key === key && x.group === group);
  if (!f || f.value === null) throw new Error(`no figure ${indicator}/${key}/${wave}/${group}`);
  return f.value;
}
const within1pp = (actual: number, published: number) => expect(Math.abs(actual - published)).toBeLessThanOrEqual(0.01);

describe('the sample report reproduces the seed study', () => {
  it('has 234 respondents in 2024 and 223 in 2025', () => {
    expect(results.counts).toEqual({ '2024': 234, '2025': 223 });
  });

  it.each([
    ['investigate', 0.29],
    ['initiate', 0.36],
    ['mobilize', 0.21],
    ['embed', 0.03],
  ])('2025 maturity stage %s: %d', (stage, published) => within1pp(figure('stages', stage), published));

  it.each([
    ['investigate', 0.41],
    ['initiate', 0.3],
    ['mobilize', 0.18],
    ['scale', 0.09],
    ['embed', 0.02],
  ])('2024 maturity stage %s: %d', (stage, published) => within1pp(figure('stages', stage, '2024'), published));

  it('NPS is used as a core metric by 69%, down on 2024', () => {
    within1pp(figure('metrics', 'nps'), 0.69);
    expect(figure('metrics', 'nps', '2024')).toBeGreaterThan(figure('metrics', 'nps'));
  });

  it('experience culture strong or very strong: 51%, 57% in 2024', () => {
    within1pp(figure('culture', 'top_box'), 0.51);
    within1pp(figure('culture', 'top_box', '2024'), 0.57);
  });

  it.each([
    ['other_priorities', 0.63],
    ['poor_integration', 0.48],
    ['exec_support', 0.41],
    ['culture', 0.22],
    ['no_barriers', 0.04],
  ])('barrier %s: %d', (barrier, published) => within1pp(figure('barriers', barrier), published));

  it.each([
    ['relationship', 0.75],
    ['interaction', 0.73],
    ['journey', 0.51],
  ])('listening post %s: %d', (post, published) => within1pp(figure('listening', post), published));

  it('executives strong champions: 72% overall, 92% of leaders, 61% of laggards', () => {
    within1pp(figure('exec_support', 'top_box'), 0.72);
    within1pp(figure('exec_support_by_group', 'top_box', '2025', 'leaders'), 0.92);
    within1pp(figure('exec_support_by_group', 'top_box', '2025', 'laggards'), 0.61);
  });

  it('no senior CX executive: 39%; economic value recognised: 17%', () => {
    within1pp(figure('senior_leader', 'no_leader'), 0.39);
    within1pp(figure('economic_value', 'recognised'), 0.17);
  });

  it.each([
    ['chatbots', 0.47],
    ['analytics', 0.31],
    ['content', 0.19],
  ])('AI %s: %d', (use, published) => within1pp(figure('ai_uses', use), published));
});
