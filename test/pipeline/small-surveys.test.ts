import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSurvey } from '../../src/pipeline/run.ts';

const root = mkdtempSync(join(tmpdir(), 'cx-small-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const HEAD = `title: { zh: 小, en: Small }
description: { zh: 小, en: Small }
source: { zh: 测试, en: Test }
unit: { zh: 人, en: respondents }
id_column: ID
suppress_below: 1
min_base: 1
`;

/** Writes a survey of the given definition body and wave files under data/<id>/ and runs the pipeline on it. */
function run(id: string, body: string, files: Record<string, string>) {
  const dir = join(root, 'data', id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'survey.yaml'), `id: ${id}\n${HEAD}${body}`);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return runSurvey(dir, root);
}

const CHANNEL = `  - id: ch
    type: single
    column: Ch
    label: { zh: 渠道, en: Channel }
    options:
      - { id: web, code: 1, label: { zh: 网, en: Web } }
      - { id: store, code: 2, label: { zh: 店, en: Store } }
`;

describe('surveys without some part of the cube', () => {
  it('builds a survey of ratings and single choices only, with share indicators only and no segments', async () => {
    const out = await run(
      'plain',
      `waves: [{ id: "2025", file: 2025.csv }]
questions:
  - { id: sat, type: rating, column: Sat, label: { zh: 满意, en: Sat }, scale: { min: 1, max: 5 } }
${CHANNEL}indicators:
  - { id: ch, kind: share, measure: ch }
`,
      { '2025.csv': 'ID,Sat,Ch\n1,4,1\n2,5,2\n3,3,1\n' },
    );
    // Rows 1 and 3 chose web (code 1), row 2 the store: 2/3 and 1/3.
    const ch = out.results.indicators.ch!['2025']!;
    expect(ch.find((f) => f.key === 'web')!.value).toBeCloseTo(2 / 3, 12);
    expect(ch.find((f) => f.key === 'store')!.value).toBeCloseTo(1 / 3, 12);
    expect(out.deepCube.byteLength).toBeGreaterThan(0);
  });

  it('builds a survey with no indicators at all', async () => {
    const out = await run(
      'bare',
      `waves: [{ id: "2025", file: 2025.csv }]
segments:
  - { id: region, column: Region, label: { zh: 区, en: Region }, options: [{ id: north, code: N, label: { zh: 北, en: North } }] }
questions:
${CHANNEL}`,
      { '2025.csv': 'ID,Region,Ch\n1,N,1\n2,N,2\n' },
    );
    expect(out.results.indicators).toEqual({});
    expect(out.results.counts).toEqual({ '2025': 2 });
  });
});

describe('shares at 0% and 100%', () => {
  it('builds weighted data where one group chose one option only', async () => {
    // Everyone in the north chose web. Testing the south against the rest of the slice takes the north's
    // share as (Σw·share of all − Σw·share of the south) / (Σw of all − Σw of the south) = (6.2·(5.4/6.2) −
    // 3.1·(2.3/3.1)) / 3.1, which floating point makes 1.0000000000000002 (worked out in Python).
    const out = await run(
      'full',
      `weight_column: W
waves: [{ id: "2025", file: 2025.csv }]
segments:
  - id: region
    column: Region
    label: { zh: 区, en: Region }
    options: [{ id: north, code: N, label: { zh: 北, en: North } }, { id: south, code: S, label: { zh: 南, en: South } }]
questions:
${CHANNEL}indicators:
  - { id: ch, kind: share, measure: ch, by: region }
`,
      { '2025.csv': 'ID,Region,Ch,W\n1,N,1,0.5\n2,N,1,2.6\n3,S,1,2.3\n4,S,2,0.8\n' },
    );
    const ch = out.results.indicators.ch!['2025']!;
    expect(ch.find((f) => f.group === 'north' && f.key === 'web')!.value).toBe(1);
    expect(ch.find((f) => f.group === 'north' && f.key === 'store')!.value).toBe(0);
    // South: web 2.3 of 3.1.
    expect(ch.find((f) => f.group === 'south' && f.key === 'web')!.value).toBeCloseTo(2.3 / 3.1, 12);
  });
});

describe('one column read by two questions', () => {
  it('reads a rating and its banded copy as a single choice from the same column', async () => {
    const out = await run(
      'banded',
      `waves: [{ id: "2025", file: 2025.csv }]
questions:
  - { id: sat, type: rating, column: Sat, label: { zh: 满意, en: Sat }, scale: { min: 1, max: 5 } }
  - id: sat_band
    type: single
    column: Sat
    label: { zh: 档, en: Band }
    missing: [1, 2]
    options:
      - { id: mid, code: 3, label: { zh: 中, en: Mid } }
      - { id: high, code: 4, label: { zh: 高, en: High } }
      - { id: top, code: 5, label: { zh: 顶, en: Top } }
indicators:
  - { id: sat, kind: mean, measure: sat }
  - { id: band, kind: share, measure: sat_band }
`,
      { '2025.csv': 'ID,Sat\n1,4\n2,5\n3,3\n4,4\n5,1\n' },
    );
    // Mean of 4, 5, 3, 4, 1 = 17/5; bands without the missing code 1: mid 1, high 2, top 1 of 4.
    expect(out.results.indicators.sat!['2025']![0]!.value).toBeCloseTo(17 / 5, 12);
    const band = out.results.indicators.band!['2025']!;
    expect(band.map((f) => [f.key, f.value])).toEqual([
      ['mid', 0.25],
      ['high', 0.5],
      ['top', 0.25],
    ]);
  });
});
