import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnStem, draftBatteries, type DraftedRating } from '../../src/pipeline/draft-batteries.ts';

// Which drafted ratings make a battery, over generated lists of ratings: the rules of the README's "Adding a survey".
const rating = fc.record({
  column: fc.oneof(fc.constantFrom('Q5_', 'serv_q', 'sat', 'Rate the staff: ', 'How satisfied are you with ').chain((p) => fc.integer({ min: 1, max: 20 }).map((n) => `${p}${n}`)), fc.stringMatching(/^[a-z]{1,8}$/)),
  top: fc.constantFrom(5, 7, 10),
});

describe('draftBatteries', () => {
  it('puts a rating in one battery at most, each battery of two or more ratings on one scale', () => {
    fc.assert(
      fc.property(fc.array(rating, { maxLength: 30 }), (drawn) => {
        const ratings: DraftedRating[] = drawn.map((r, i) => ({ id: `q${i}`, column: r.column, label: r.column, position: i, scale: { min: 1, max: r.top } }));
        const scaleOf = new Map(ratings.map((r) => [r.id, r.scale.max]));
        const batteries = draftBatteries(ratings);
        const items = batteries.flatMap((b) => b.items);
        expect(new Set(items).size).toBe(items.length);
        for (const b of batteries) {
          expect(b.items.length).toBeGreaterThanOrEqual(2);
          expect(new Set(b.items.map((id) => scaleOf.get(id))).size).toBe(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gathers every rating of a column stem on one scale into one battery, wherever the items sit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 14 }), fc.array(fc.nat({ max: 40 }), { minLength: 14, maxLength: 14 }), (n, spots) => {
        // Q5_1..Q5_n at distinct positions among other ratings on another scale (1-10, named x0, x1...).
        const positions = [...new Set(spots)].slice(0, n).sort((a, b) => a - b);
        const items = positions.map((p, i) => ({ id: `q5_${i + 1}`, column: `Q5_${i + 1}`, label: `Q5_${i + 1}`, position: p, scale: { min: 1, max: 5 } }));
        const others = Array.from({ length: 41 }, (_, p) => p)
          .filter((p) => !positions.includes(p))
          .map((p) => ({ id: `x${p}`, column: `x${p}`, label: `x${p}`, position: p, scale: { min: 1, max: 10 } }));
        const ratings = [...items, ...others].sort((a, b) => a.position - b.position);
        const q5 = draftBatteries(ratings).filter((b) => b.items.some((id) => id.startsWith('q5')));
        expect(q5.map((b) => b.items)).toEqual(items.length >= 2 ? [items.map((r) => r.id)] : []);
      }),
      { numRuns: 200 },
    );
  });

  it('takes the item number off a column name, and nothing from a name without one', () => {
    // Written by hand: the stem is the name without its trailing number and the separator before it.
    expect(['Q5_14', 'serv_q1', 'CUEX3', 'switch-2', 'item 10', 'cusa', 'q0007_0011'].map(columnStem)).toEqual(['Q5', 'serv_q', 'CUEX', 'switch', 'item', 'cusa', 'q0007']);
  });
});
