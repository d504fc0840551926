import { readFileSync } from 'node:fs';

/** One figure of test/real/expected.json, computed by expected.py from the original files. */
export interface Expected {
  survey: string;
  indicator: string;
  wave: string;
  filters: Record<string, string[]>;
  group: string | null;
  key: string;
  value: number;
  n: number;
}

/** Every figure expected.py computed. */
export const expected = JSON.parse(readFileSync('test/real/expected.json', 'utf8')) as Expected[];
