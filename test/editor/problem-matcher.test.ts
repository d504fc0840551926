import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The Problems panel of VS Code runs the check task's matchers (.vscode/tasks.json) over what `npm run
// check` prints. Each bad-input case's expected.txt is that output, exactly: every problem line must be
// caught by one matcher, at a file of the project and, where the line names one, at that line.
interface Pattern {
  regexp: string;
  kind?: 'file' | 'location';
  file: number;
  line?: number;
  severity?: number;
  message: number;
}
const root = process.cwd();
const tasks = JSON.parse(readFileSync(join(root, '.vscode', 'tasks.json'), 'utf8')) as { tasks: { label: string; problemMatcher: { pattern: Pattern }[] }[] };
const matchers = tasks.tasks.find((t) => t.label === 'check')!.problemMatcher.map((m) => m.pattern);
const corpus = join(root, 'test', 'fixtures', 'bad-inputs');
const cases = readdirSync(corpus, { withFileTypes: true }).filter((d) => d.isDirectory());

/** What VS Code reads off a line: the first matcher whose pattern matches wins. */
function match(text: string): { file: string; line?: number; severity?: string; message: string } | undefined {
  for (const p of matchers) {
    const m = new RegExp(p.regexp).exec(text);
    if (m) return { file: m[p.file]!, line: p.line ? Number(m[p.line]) : undefined, severity: p.severity ? m[p.severity] : undefined, message: m[p.message]! };
  }
  return undefined;
}

describe('the check task’s problem matcher', () => {
  it('puts every problem of the bad-input corpus at its file and line', () => {
    let problems = 0;
    for (const c of cases) {
      const [header, ...lines] = readFileSync(join(corpus, c.name, 'expected.txt'), 'utf8').trimEnd().split('\n');
      expect(match(header!), header).toBeUndefined();
      for (const text of lines) {
        const found = match(text);
        expect(found, text).toBeDefined();
        // A missing wave file is itself the problem: its folder is there.
        expect(existsSync(join(root, found!.file)) || existsSync(dirname(join(root, found!.file))), found!.file).toBe(true);
        // The line number is the one printed after the file name, and the message is the rest.
        const printed = /^[^:]*:(\d+): /.exec(text)?.[1];
        expect(found!.line).toBe(printed === undefined ? undefined : Number(printed));
        expect(text.endsWith(found!.message)).toBe(true);
        problems++;
      }
    }
    expect(problems).toBeGreaterThanOrEqual(cases.length);
  });

  it('reads a warning as a warning, and leaves the summary lines alone', () => {
    expect(match('data/x/survey.yaml:12: warning: guessed code 9 = "don\'t know": review it')).toEqual({
      file: 'data/x/survey.yaml',
      line: 12,
      severity: 'warning',
      message: 'guessed code 9 = "don\'t know": review it',
    });
    expect(match('customers: 40 respondents, definition, data and chapters valid')).toBeUndefined();
    expect(match('... and 3 more')).toBeUndefined();
  });
});
