import { readReport, type Report } from '../pipeline/artifacts.ts';
import type { Lang } from '../survey/text.ts';

/** The report and language that the current page renders, for MDX components. */
export function reportContext(locals: App.Locals): Report & { lang: Lang } {
  if (!locals.report) throw new Error('<Chart>, <Kpi> and <Num> can only be used in a report chapter');
  return { ...readReport(locals.report.id), lang: locals.report.lang };
}
