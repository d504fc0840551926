import { dimensionsOf, WAVE } from '../survey/dimensions.ts';
import type { Survey } from '../survey/survey.ts';
import type { Lang } from '../survey/text.ts';
import type { FilterState } from './state.ts';

/**
 * The filters of a view in words, for the provenance of an exported chart: "年份：2025；行业：零售、科技",
 * "Wave: 2025; Industry: Retail, Technology", and what is compared.
 */
export function describeFilters(survey: Survey, state: FilterState, lang: Lang): string {
  const zh = lang === 'zh';
  const dims = dimensionsOf(survey);
  const name = (id: string) => dims.find((d) => d.id === id)?.label[lang] ?? id;
  const parts: string[] = [];
  const wave = state.compare === WAVE ? undefined : (state.wave ?? survey.waves.at(-1)!.id);
  if (wave !== undefined) parts.push(`${name(WAVE)}${zh ? '：' : ': '}${wave}`);
  for (const d of dims) {
    const chosen = state.dims[d.id] ?? [];
    if (d.id === WAVE || chosen.length === 0) continue;
    const labels = d.choices.filter((c) => chosen.includes(c.id)).map((c) => c.label[lang]);
    parts.push(`${d.label[lang]}${zh ? '：' : ': '}${labels.join(zh ? '、' : ', ')}`);
  }
  if (state.compare !== undefined) parts.push(zh ? `按${name(state.compare)}对比` : `compared by ${name(state.compare).toLowerCase()}`);
  const narrowed = Object.values(state.dims).some((v) => v.length > 0) || state.compare !== undefined;
  if (!narrowed) parts.push(zh ? `全部${survey.unit.zh}` : `all ${survey.unit.en}`);
  return parts.join(zh ? '；' : '; ');
}
