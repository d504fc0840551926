import { join } from 'node:path';
import type { Lang } from '../survey/text.ts';

/** The folder of a report's downloads in one language (charts, deck, PDF), inside the site folder `out`. */
export const downloadsDir = (out: string, report: string, lang: Lang) => join(out, 'downloads', report, lang);
