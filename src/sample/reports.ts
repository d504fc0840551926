import type { Survey } from '../survey/survey.ts';
import { generateAutoService } from './auto-service.ts';
import { generateCxManagement } from './cx-management.ts';
import { generateSatisfactionLoyalty } from './satisfaction-loyalty.ts';

/** One wave of a sample report as committed under data/<report>/: fixed seeds, so regenerating changes nothing. */
export interface CommittedWave {
  wave: string;
  rows: number;
  seed: number;
  file: string;
}

/** What each generator is asked for: a wave of the report's definition, a number of rows, a seed. */
export interface SampleOptions {
  wave: string;
  rows: number;
  seed: number;
}

/** A sample report's seeded generator of synthetic rows (data columns in the order of its survey.yaml). */
export interface SampleReport {
  id: string;
  committed: CommittedWave[];
  generate(survey: Survey, options: SampleOptions): Iterable<string[]>;
}

/** Every sample report with a generator; `npm run sample-data` writes each one's committed waves. */
export const SAMPLE_REPORTS: SampleReport[] = [
  {
    id: 'cx-management',
    committed: [
      { wave: '2024', rows: 234, seed: 2024, file: '2024.csv' },
      { wave: '2025', rows: 223, seed: 2025, file: '2025.csv' },
    ],
    generate: (survey, { wave, rows, seed }) => {
      if (wave !== '2024' && wave !== '2025') throw new Error(`cx-management has waves 2024 and 2025, not ${wave}`);
      return generateCxManagement(survey, { wave, respondents: rows, seed });
    },
  },
  {
    id: 'auto-service',
    committed: [{ wave: '2025', rows: 1000, seed: 2025, file: '2025.csv' }],
    generate: (survey, { wave, rows, seed }) => {
      if (wave !== '2025') throw new Error(`auto-service has wave 2025, not ${wave}`);
      return generateAutoService(survey, { wave, evaluations: rows, seed });
    },
  },
  {
    id: 'satisfaction-loyalty',
    committed: [
      { wave: '2024', rows: 4880, seed: 2024, file: '2024.csv' },
      { wave: '2025', rows: 5040, seed: 2025, file: '2025.csv' },
    ],
    generate: (survey, { wave, rows, seed }) => {
      if (wave !== '2024' && wave !== '2025') throw new Error(`satisfaction-loyalty has waves 2024 and 2025, not ${wave}`);
      return generateSatisfactionLoyalty(survey, { wave, respondents: rows, seed });
    },
  },
];
