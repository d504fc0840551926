/** Okabe-Ito colours: distinguishable with the common forms of colour blindness. */
export const CATEGORICAL = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
/** One series: the report's accent colour. */
export const ACCENT = '#0072B2';
/** Earlier waves recede; the latest wave carries the accent. */
export function waveColours(count: number): string[] {
  const greys = ['#BBBBBB', '#999999', '#777777'];
  return [...greys.slice(0, Math.max(0, count - 1)).reverse(), ACCENT].slice(-count);
}
