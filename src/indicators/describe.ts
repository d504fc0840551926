import { dimensionsOf } from '../survey/dimensions.ts';
import { findMeasure } from '../survey/measures.ts';
import type { Indicator } from '../survey/report.ts';
import type { Survey } from '../survey/survey.ts';
import type { Lang } from '../survey/text.ts';
import { NPS_DETRACTOR_MAX, NPS_PROMOTER_MIN } from './compile.ts';
import { CONFIDENCE } from './significance.ts';

/** For a composite score: which questions it averages, and how, as the opening of its definition. */
function composite(survey: Survey, id: string, lang: Lang): string | undefined {
  const c = survey.composites.find((x) => x.id === id);
  if (!c) return undefined;
  const parts = c.of.map((q) => `“${findMeasure(survey, q)!.label[lang]}”`).join(lang === 'zh' ? '、' : ', ');
  const rescaled = c.scale === '0-100';
  return lang === 'zh'
    ? `“${c.label.zh}”为每个${survey.unit.zh}所答 ${parts} 的平均${rescaled ? '（各题先换算为 0–100 分）' : ''}。`
    : `"${c.label.en}" is each ${survey.unit.en.replace(/s$/, '')}'s mean of ${parts}${rescaled ? ', each rescaled to 0-100 first' : ''}. `;
}

/** A battery indicator: which items, on which scale, and that each item is computed as the kind says on its own base. */
function describeBattery(survey: Survey, indicator: Indicator, lang: Lang): string {
  const battery = survey.batteries.find((b) => b.id === indicator.battery)!;
  const items = battery.items.map((id) => findMeasure(survey, id)!);
  const s = items[0]!.scale!;
  const names = items.map((m) => (lang === 'zh' ? `“${m.label.zh}”` : `"${m.label.en}"`)).join(lang === 'zh' ? '、' : ', ');
  const points = s.good === 'high' ? `${s.max - s.top_box + 1}–${s.max}` : `${s.min}–${s.min + s.top_box - 1}`;
  const zh = lang === 'zh';
  const what = {
    top_box: zh ? `回答 ${points} 分的比例（前 ${s.top_box} 格）` : `the share answering ${points} (top ${s.top_box} box)`,
    mean: zh ? '平均分' : 'the mean',
    share: zh ? '各分值的比例（分布）' : 'the share of each point (its distribution)',
  }[indicator.kind as 'top_box' | 'mean' | 'share'];
  const dim = dimensionsOf(survey).find((d) => d.id === indicator.by);
  const by = dim === undefined ? '' : zh ? `，按“${dim.label.zh}”分组比较` : `, compared across ${dim.label.en.toLowerCase()}`;
  return zh
    ? `“${battery.label.zh}”（${s.min}–${s.max} 分量表）：${names}各题分别计算${what}，基数为该题作出有效回答的${survey.unit.zh}；“不适用/不知道”不计入基数${by}。`
    : `"${battery.label.en}" (a ${s.min}–${s.max} scale): for each of ${names}, ${what}, over the ${survey.unit.en} with a valid answer to that item; "not applicable" and "don't know" leave its base${by}.`;
}

/**
 * For key drivers: what R² says, and for a yes/no outcome how it is modelled: a linear probability model,
 * the same Shapley decomposition over the R² of the outcome coded 1 and 0.
 */
function outcomeNote(survey: Survey, indicator: Indicator, lang: Lang): string {
  const zh = lang === 'zh';
  const r2 = zh ? '图表、表格和 CSV 同时给出模型的 R²（全部因素共同解释的方差比例）。' : " The chart, its table and its CSV give the model's R² (the share of variance all drivers explain together).";
  if (indicator.outcome === undefined || indicator.measure === undefined) return r2;
  const m = findMeasure(survey, indicator.measure)!;
  const yes = indicator.outcome === 'top_box' ? (zh ? `前 ${m.scale?.top_box ?? 2} 格` : `the top ${m.scale?.top_box ?? 2} box`) : m.choices.find((c) => c.id === indicator.outcome)?.label[lang];
  return (zh
    ? `结果为是否回答“${yes}”：是记为 1，其他回答记为 0（线性概率模型），R² 及其分解按此 0/1 变量计算。`
    : ` The outcome is whether the answer is "${yes}": 1 if so, 0 for any other answer (a linear probability model); R² and its decomposition are those of this 0/1 outcome.`) + r2;
}

/** How an indicator is computed, in words, for the methodology page. */
export function describeIndicator(survey: Survey, indicator: Indicator, lang: Lang): string {
  if (indicator.battery !== undefined) return describeBattery(survey, indicator, lang);
  const m = findMeasure(survey, indicator.measure!)!;
  const q = m.label[lang];
  const zh = lang === 'zh';
  const dim = dimensionsOf(survey).find((d) => d.id === indicator.by);
  const by = dim === undefined ? '' : zh ? `，按“${dim.label.zh}”分组比较` : `, compared across ${dim.label.en.toLowerCase()}`;
  switch (indicator.kind) {
    case 'share':
      if (m.scale) {
        return (zh
          ? `回答“${q}”（${m.scale.min}–${m.scale.max} 分量表）的${survey.unit.zh}中回答各分值的比例（分布）；“不适用/不知道”不计入基数`
          : `Share of ${survey.unit.en} answering "${q}" who gave each point of its ${m.scale.min}–${m.scale.max} scale (its distribution); "not applicable" and "don't know" leave the base`) + by + (zh ? '。' : '.');
      }
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
      return (composite(survey, indicator.measure!, lang) ?? '') + (m.scale
        ? zh ? `“${q}”的平均分（${m.scale.min}–${m.scale.max} 分量表）` : `Mean of "${q}" on its ${m.scale.min}–${m.scale.max} scale`
        : zh ? `“${q}”的平均值` : `Mean of "${q}"`) + by + (zh ? '。' : '.');
    case 'percentile': {
      const at = Math.round((indicator.at ?? 0.5) * 100);
      const name = at === 50 ? (zh ? '中位数' : 'Median') : zh ? `第 ${at} 百分位数` : `${at}th percentile`;
      const within = m.bin === undefined ? '' : zh ? `（按 ${m.bin} 的区间计数，精确到一个区间）` : ` (values counted in bins of ${m.bin}, so exact to one bin)`;
      // A bin of one respondent would publish that respondent's value: small bins are pooled (see the pipeline's pooled bins).
      const pooled = m.bin === undefined
        ? ''
        : zh ? `每个区间至少有 ${survey.suppress_below} 位${survey.unit.zh}：更少的区间与相邻区间合并后公布，中位数与百分位数按合并后的区间读取，合并区间的取值为其中各值的加权平均。`
        : ` Every bin holds at least ${survey.suppress_below} ${survey.unit.en}: smaller bins are pooled with their neighbours before publication, and medians and percentiles are read off the pooled bins, each valued at the weighted mean of its values.`;
      return (zh ? `“${q}”的${name}：累计权重达到 ${at}% 的最小取值${within}` : `${name} of "${q}": the smallest value whose cumulative weight reaches ${at}%${within}`) + by + (zh ? '。' : '.') + pooled;
    }
    case 'drivers': {
      const names = (indicator.drivers ?? []).map((d) => findMeasure(survey, d)!.label[lang]).join(zh ? '、' : ', ');
      return zh
        ? `关键驱动因素：${names}对“${q}”的重要性。重要性按 Shapley 分解计算：把以全部因素回归“${q}”所解释的方差（R²）分摊到各因素，对所有因素进入模型的先后顺序取平均，因此各因素之间的相关不会让结果摇摆；各因素的重要性合计为 100%。表现为该因素的平均分（评分题换算为 0–100）。相关系数在同时回答两题的${survey.unit.zh}中计算。` + outcomeNote(survey, indicator, lang)
        : `Key drivers: how much ${names} matter for "${q}". Importance is a Shapley decomposition: the variance of "${q}" explained by all drivers together (R²) is shared out among them, averaged over every order in which they could enter the model, so correlated drivers do not make it swing; importances add up to 100%. Performance is each driver's mean (0-100 for a rating). Correlations use the ${survey.unit.en} answering both questions.` + outcomeNote(survey, indicator, lang);
    }
    case 'nps':
      return (zh
        ? `净推荐值 = 推荐者（${NPS_PROMOTER_MIN}–10 分）比例 − 贬损者（0–${NPS_DETRACTOR_MAX} 分）比例，取值 −100 至 100`
        : `Net Promoter Score = % promoters (${NPS_PROMOTER_MIN}–10) − % detractors (0–${NPS_DETRACTOR_MAX}), from −100 to 100`) + by + (zh ? '。' : '.');
  }
}

/** What a figure's base is and when it is marked or withheld, in words, for the methodology. */
export function describeBases(survey: Survey, lang: Lang): string {
  return lang === 'zh'
    ? `每个数值的基数（n）为对该题作出有效回答的${survey.unit.zh}人数（不加权）；“不适用”“不知道”等代码不计入基数。基数低于 ${survey.min_base} 的数值标注 †，仅供参考；低于 ${survey.suppress_below} 的数值在图表、表格、指标卡和正文中均不显示。百分比四舍五入到整数，因此合计可能不等于 100%。`
    : `The base (n) of every figure is the unweighted number of ${survey.unit.en} with a valid answer; codes for "not applicable" or "don't know" leave the base. Figures with a base under ${survey.min_base} are marked † and indicative only; under ${survey.suppress_below} they are shown nowhere: not in charts, tables, tiles or text. Percentages are rounded to whole numbers, so totals may differ from 100%.`;
}

/** How small counts are protected from being worked out from the others, in words, for the methodology. */
export function describeProtection(survey: Survey, lang: Lang): string {
  return lang === 'zh'
    ? `为防止小数值被推算出来：基数低于 ${survey.suppress_below} 的数值不公布；此外还会隐去其他一些数值，使任何隐去的数值都无法由公布的合计与其余部分相减得出。`
    : `Small figures are protected from being worked out: bases under ${survey.suppress_below} are withheld, and further figures are withheld so that no withheld figure follows from a published total minus the published parts.`;
}

/** How intervals and significance are computed, in words, for the methodology page: one paragraph each. */
export function describeStatistics(survey: Survey, lang: Lang): string[] {
  const level = Math.round(CONFIDENCE * 100);
  const weighted = survey.weight_column !== undefined;
  if (lang === 'zh') {
    return [
      `区间：每个数值都附有 ${level}% 置信区间（见各图数据表）。比例采用 Wilson 区间；平均值采用 t 分布区间（自由度 n − 1）；净推荐值按推荐者 +1、中立者 0、贬损者 −1 计分，方差为 p + d − (p − d)²，区间截断在 −100 至 100 之间。`,
      `显著性：与上一年相比，比例采用双比例 z 检验（合并比例），平均值采用 Welch t 检验，净推荐值采用 z = 差值 / √(SE₁² + SE₂²)。分组图中，每组与其余${survey.unit.zh}相比（而非与总体相比，因为两者包含同一批${survey.unit.zh}）。读者并排对比多个对象时，其余对象均与第一个对象比较。双侧检验，显著性水平 ${100 - level}%；图中以 ▲▼ 标出，指标卡注明“显著”或“不显著”。同时进行多项比较时，偶然出现的显著结果难以避免，请结合样本量解读。`,
      weighted
        ? `加权：比例和平均值均为加权值；区间和检验使用 Kish 有效样本量 (Σw)² / Σw²，而非未加权样本量。`
        : `本调查未加权：有效样本量即样本量。`,
    ];
  }
  return [
    `Intervals: every figure has a ${level}% confidence interval (see each chart's data table). Shares use the Wilson interval; means the t interval with n − 1 degrees of freedom; the NPS scores promoters +1, passives 0 and detractors −1, with variance p + d − (p − d)², and its interval is clipped to −100…100.`,
    `Significance: against the previous wave, shares are compared with the two-proportion z-test (pooled), means with Welch's t-test, and NPS with z = difference / √(SE₁² + SE₂²). In charts by group, each group is compared with the rest of the ${survey.unit.en} (not with the total, which contains the same people). When a reader compares slices side by side, each is tested against the first. Tests are two-sided at the ${100 - level}% level; charts mark significant differences ▲▼ and tiles say "significant" or "not significant". With many comparisons some will be significant by chance: read them with their bases.`,
    weighted
      ? `Weights: shares and means are weighted; intervals and tests use the Kish effective base (Σw)² / Σw², not the unweighted base.`
      : `This survey is unweighted: the effective base is the base.`,
  ];
}
