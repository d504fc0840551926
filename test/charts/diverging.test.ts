import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divergingSegments } from '../../src/charts/diverging.ts';
import type { ChartSpec, Mark } from '../../src/charts/spec.ts';

/** A diverging spec of items whose distributions over `points` scale points are given as counts. */
function specOf(counts: number[][], points: number): ChartSpec {
  const series = Array.from({ length: points }, (_, i) => `p${i + 1}`);
  const marks: Mark[] = counts.flatMap((row, item) => {
    const n = row.reduce((a, b) => a + b, 0);
    return row.map((c, p): Mark => ({ key: `i${item}:${p + 1}`, label: `item ${item}`, series: series[p]!, value: n ? c / n : null, n, low_base: false, suppressed: n === 0 }));
  });
  return {
    id: 'd', type: 'diverging', lang: 'en', title: 't', question: 'q', unit: 'share', marks, keys: counts.map((_, i) => `item ${i}`), series,
    target: null, min_base: 1, suppress_below: 1, note: null, compare: null, population: 'respondents',
  };
}

describe('diverging segments, over generated distributions', () => {
  it('tile each item from its left end to its right without gap, 100% wide, split at the midpoint', () => {
    const distribution = (points: number) => fc.array(fc.array(fc.nat(50), { minLength: points, maxLength: points }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 11 }).chain((points) => fc.tuple(fc.constant(points), distribution(points))),
        ([points, counts]) => {
          const segments = divergingSegments(specOf(counts, points));
          const mid = (points - 1) / 2;
          counts.forEach((row, item) => {
            const own = segments.filter((s) => s.mark.label === `item ${item}`);
            const n = row.reduce((a, b) => a + b, 0);
            if (n === 0) return expect(own).toHaveLength(0);
            expect(own).toHaveLength(points);
            // Left of zero: the points below the midpoint, and half the midpoint itself on an odd scale.
            const left = row.reduce((sum, c, p) => sum + (p < mid ? c : p === mid ? c / 2 : 0), 0) / n;
            expect(own[0]!.x1).toBeCloseTo(-left, 9);
            expect(own.at(-1)!.x2 - own[0]!.x1).toBeCloseTo(1, 9);
            own.forEach((s, p) => {
              if (p > 0) expect(s.x1).toBeCloseTo(own[p - 1]!.x2, 12);
              expect(s.x2 - s.x1).toBeCloseTo(row[p]! / n, 12);
              if (p < mid) expect(s.x2).toBeLessThanOrEqual(1e-12);
              if (p > mid) expect(s.x1).toBeGreaterThanOrEqual(-1e-12);
            });
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
