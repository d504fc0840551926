import { dimensionsOf } from '../survey/dimensions.ts';
import { findMeasure } from '../survey/measures.ts';
import type { Indicator } from '../survey/report.ts';
import type { Survey } from '../survey/survey.ts';
import type { Lang } from '../survey/text.ts';
import { NPS_DETRACTOR_MAX, NPS_PROMOTER_MIN } from './compile.ts';

/** How an indicator is computed, in words, for the methodology page. */
export function describeIndicator(survey: Survey, indicator: Indicator, lang: Lang): string {
  const m = findMeasure(survey, indicator.measure)!;
  const q = m.label[lang];
  const zh = lang === 'zh';
  const dim = dimensionsOf(survey).find((d) => d.id === indicator.by);
  const by = dim === undefined ? '' : zh ? `，按“${dim.label.zh}”分组比较` : `, compared across ${dim.label.en.toLowerCase()}`;
  switch (indicator.kind) {
    case 'share':
      return (zh
        ? `回答“${q}”的${survey.unit.zh}中选择各选项的比例（多选题各选项分别计算）；“不适用/不知道”不计入基数`
        : `Share of ${survey.unit.en} answering "${q}" who chose each option (each option on its own for multiple choice); "not applicable" and "don't know" leave the base`) + by + (zh ? '。' : '.');
    case 'top_box': {
      const s = m.scale!;
      const points = s.good === 'high' ? `${s.max - s.top_box + 1}–${s.max}` : `${s.min}–${s.min + s.top_box - 1}`;
      return (zh
        ? `“${q}”（${s.min}–${s.max} 分量表）中回答 ${points} 分的比例（前 ${s.top_box} 格）`
        : `Share answering ${points} on the ${s.min}–${s.max} scale of "${q}" (top ${s.top_box} box)`) + by + (zh ? '。' : '.');
    }
    case 'mean':
      return (m.scale
        ? zh ? `“${q}”的平均分（${m.scale.min}–${m.scale.max} 分量表）` : `Mean of "${q}" on its ${m.scale.min}–${m.scale.max} scale`
        : zh ? `“${q}”的平均值` : `Mean of "${q}"`) + by + (zh ? '。' : '.');
    case 'percentile': {
      const at = Math.round((indicator.at ?? 0.5) * 100);
      const name = at === 50 ? (zh ? '中位数' : 'Median') : zh ? `第 ${at} 百分位数` : `${at}th percentile`;
      const within = m.bin === undefined ? '' : zh ? `（按 ${m.bin} 的区间计数，精确到一个区间）` : ` (values counted in bins of ${m.bin}, so exact to one bin)`;
      return (zh ? `“${q}”的${name}：累计权重达到 ${at}% 的最小取值${within}` : `${name} of "${q}": the smallest value whose cumulative weight reaches ${at}%${within}`) + by + (zh ? '。' : '.');
    }
    case 'drivers': {
      const names = (indicator.drivers ?? []).map((d) => findMeasure(survey, d)!.label[lang]).join(zh ? '、' : ', ');
      return zh
        ? `关键驱动因素：${names}对“${q}”的重要性。重要性按 Shapley 分解计算：把以全部因素回归“${q}”所解释的方差（R²）分摊到各因素，对所有因素进入模型的先后顺序取平均，因此各因素之间的相关不会让结果摇摆；各因素的重要性合计为 100%。表现为该因素的平均分（评分题换算为 0–100）。相关系数在同时回答两题的${survey.unit.zh}中计算。`
        : `Key drivers: how much ${names} matter for "${q}". Importance is a Shapley decomposition: the variance of "${q}" explained by all drivers together (R²) is shared out among them, averaged over every order in which they could enter the model, so correlated drivers do not make it swing; importances add up to 100%. Performance is each driver's mean (0-100 for a rating). Correlations use the ${survey.unit.en} answering both questions.`;
    }
    case 'nps':
      return (zh
        ? `净推荐值 = 推荐者（${NPS_PROMOTER_MIN}–10 分）比例 − 贬损者（0–${NPS_DETRACTOR_MAX} 分）比例，取值 −100 至 100`
        : `Net Promoter Score = % promoters (${NPS_PROMOTER_MIN}–10) − % detractors (0–${NPS_DETRACTOR_MAX}), from −100 to 100`) + by + (zh ? '。' : '.');
  }
}
