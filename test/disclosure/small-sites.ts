// Small surveys published as a built site publishes them (dist/data/<id>/), for the subtraction attack's tests.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { writeArtifacts } from '../../src/pipeline/build.ts';

const scratch = mkdtempSync(join(tmpdir(), 'cx-attack-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const HEAD = `title: { zh: 小, en: Small }
description: { zh: 小, en: Small }
source: { zh: 测试, en: Test }
unit: { zh: 人, en: respondents }
id_column: ID
suppress_below: 10
min_base: 10
waves: [{ id: "2025", file: 2025.csv }]
questions:
  - { id: sat, type: rating, column: Sat, label: { zh: 满意, en: Sat }, scale: { min: 1, max: 5 } }
indicators:
  - { id: sat_mean, kind: mean, measure: sat }
  - { id: sat_by_region, kind: mean, measure: sat, by: region }
segments:
`;
export const segment = (id: string, column: string, options: string[]) =>
  `  - id: ${id}\n    column: ${column}\n    label: { zh: ${id}, en: ${id} }\n    options:\n${options.map((o) => `      - { id: ${o}, code: ${o}, label: { zh: ${o}, en: ${o} } }`).join('\n')}\n`;

/** Publishes a survey's files as a built site does (dist/data/<id>/) and returns the site's folder. */
export async function publish(name: string, segments: string, rows: string[][]): Promise<string> {
  const root = join(scratch, name);
  const dir = join(root, 'data', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'survey.yaml'), `id: ${name}\n${HEAD}${segments}`);
  writeFileSync(join(dir, '2025.csv'), ['ID,Region,Plan,Sat', ...rows.map((r, i) => [i + 1, ...r].join(','))].join('\n'));
  const dist = join(root, 'dist');
  await writeArtifacts(root, join(root, 'data'), join(dist, 'data'), { log: () => undefined }, true);
  return dist;
}

export const repeat = (n: number, row: string[]) => Array.from({ length: n }, () => row);

