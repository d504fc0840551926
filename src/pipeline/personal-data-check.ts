import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { openNativeEngine } from '../engine/native.ts';
import type { Survey } from '../survey/survey.ts';
import { waveView } from '../survey/waves.ts';
import { columnStats } from './infer.ts';
import { personalData } from './personal-data.ts';

/**
 * `npm run check`'s warnings for questions declared `number` or `text` whose column looks like personal data
 * by its header or its values, in any wave, as `file:line: warning: …`. A number is published in the cube and
 * text is easily turned into a number later: either way a phone number or postcode would reach the site.
 */
export async function personalDataWarnings(root: string, dir: string, survey: Survey): Promise<string[]> {
  const file = join(dir, 'survey.yaml');
  const lines = readFileSync(file, 'utf8').split('\n');
  // Question ids are snake_case: safe inside a pattern.
  const lineOf = (id: string) => lines.findIndex((l) => new RegExp(`\\bid: *["']?${id}["']?\\s*(,|}|$)`).test(l)) + 1;
  const warned = new Set<string>();
  const warnings: string[] = [];
  const engine = await openNativeEngine();
  try {
    for (const wave of survey.waves) {
      const asked = waveView(survey, wave.id).survey.questions.filter((q) => (q.type === 'number' || q.type === 'text') && !warned.has(q.id));
      if (!asked.length) continue;
      const path = resolve(dir, wave.file);
      const stats = await columnStats(engine, {
        path,
        label: relative(root, path),
        sheet: wave.sheet,
      });
      for (const q of asked) {
        const column = stats.find((s) => 'column' in q && s.name === q.column);
        const why = column && personalData(column);
        if (!why) continue;
        warned.add(q.id);
        const line = lineOf(q.id);
        warnings.push(
          `${relative(root, file)}${line ? `:${line}` : ''}: warning: question "${q.id}" (column "${column.name}", type ${q.type}) looks like personal data (${why}): declare it type: pii so that it is never published`,
        );
      }
    }
  } finally {
    await engine.close();
  }
  return warnings;
}
