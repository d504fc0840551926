import * as Plot from '@observablehq/plot';
import { TEXT } from './layout.ts';
import type { ChartSpec } from './spec.ts';

/** A chart's target as a dashed line across the value axis, labelled above the frame. */
export function targetMarks(spec: ChartSpec): Plot.Markish[] {
  if (!spec.target) return [];
  const target = [spec.target];
  return [
    Plot.ruleX(target, { x: 'value', stroke: '#D55E00', strokeDasharray: '4,3', strokeWidth: 1.5 }),
    Plot.text(target, { x: 'value', text: 'label', frameAnchor: 'top', dy: -12, fill: '#D55E00', fontSize: TEXT }),
  ];
}
