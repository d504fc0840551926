import { LineCounter, parseDocument } from 'yaml';
import { InputError, problemsFromZod } from './errors.ts';
import { SurveySchema } from './schema.ts';
import type { Survey } from './survey.ts';

/** How many times aliases may be expanded in one file: a definition needs few, a "billion laughs" file millions. */
export const MAX_ALIAS_COUNT = 100;

/** Parses and validates the text of a `survey.yaml`; errors name the file, line and path. */
export function parseSurvey(text: string, file: string): Survey {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new InputError(doc.errors.map((e) => ({ file, line: lines.linePos(e.pos[0]).line, rule: `invalid YAML: ${e.message.split('\n')[0]}` })));
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // The yaml package stops expanding aliases past the limit (a "billion laughs" file would fill memory).
    if (!(e instanceof ReferenceError)) throw e;
    throw new InputError([{ file, rule: `invalid YAML: aliases (*name) expand too many times (the limit is ${MAX_ALIAS_COUNT}): write the repeated values out` }]);
  }
  const result = SurveySchema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  const lineOf = (path: PropertyKey[]): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return lines.linePos(node.range[0]).line;
    }
    return undefined;
  };
  throw new InputError(problemsFromZod(result.error, file, lineOf));
}
