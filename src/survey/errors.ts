import type { z } from 'zod';

/** One problem in an input file, located as precisely as the input allows. */
export interface InputProblem {
  file: string;
  /** 1-based line in the file, when known. */
  line?: number;
  /** Where the row is when the file has no lines: `sheet "Sheet1", row 12` in a workbook, `case 12` in an SPSS file. */
  place?: string;
  /** Column name, in a data file. */
  column?: string;
  /** Dotted path, in a YAML file. */
  path?: string;
  value?: string;
  rule: string;
}

/** Thrown when input is invalid; carries every problem found, not just the first. */
export class InputError extends Error {
  readonly problems: InputProblem[];
  constructor(problems: InputProblem[], total = problems.length) {
    const more = total > problems.length ? `\n... and ${total - problems.length} more` : '';
    super(`${total} problem${total === 1 ? '' : 's'} in the input:\n${problems.map(formatProblem).join('\n')}${more}`);
    this.name = 'InputError';
    this.problems = problems;
  }
}

/** `file:line: column "x", value "v": rule`, with the parts that are known. */
export function formatProblem(p: InputProblem): string {
  const where = p.place !== undefined ? `${p.file}: ${p.place}` : p.line === undefined ? p.file : `${p.file}:${p.line}`;
  const parts = [p.path === undefined ? undefined : `at ${p.path}`, p.column === undefined ? undefined : `column "${p.column}"`, p.value === undefined ? undefined : `value "${p.value}"`].filter(
    (x): x is string => x !== undefined,
  );
  return `${where}: ${parts.length ? parts.join(', ') + ': ' : ''}${p.rule}`;
}

/** A dotted path such as `questions[3].scale.max`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('') || '(top level)';
}

/** Turns zod issues into problems naming the path in the file (and its line, through `lineOf`). */
export function problemsFromZod(error: z.ZodError, file: string, lineOf: (path: PropertyKey[]) => number | undefined): InputProblem[] {
  return error.issues.map((i) => {
    const value = 'input' in i && i.input !== undefined && typeof i.input !== 'object' ? String(i.input) : undefined;
    return { file, line: lineOf(i.path), path: formatPath(i.path), value, rule: i.message };
  });
}
