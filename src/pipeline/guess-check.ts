import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The marker of an unreviewed guess in survey.yaml: the analyst deletes the comment once it is checked. */
export const GUESSED = 'guessed:';

/**
 * Guesses of `npm run new-survey` still in a definition: each `# guessed:` comment the analyst has not yet
 * deleted, as `file:line: warning: …`. They warn, never fail: the guess may well be right.
 */
export function unreviewedGuesses(root: string, surveyDir: string): string[] {
  const file = join(surveyDir, 'survey.yaml');
  const label = relative(root, file);
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      const at = line.indexOf(`# ${GUESSED}`);
      return at < 0 ? [] : [`${label}:${i + 1}: warning: unreviewed guess of npm run new-survey:${line.slice(at + 2 + GUESSED.length)} (delete the comment once checked)`];
    });
}
