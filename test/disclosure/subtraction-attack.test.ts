import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publish, repeat, segment } from './small-sites.ts';
import { attackSite } from './subtraction-attack.ts';

describe('the subtraction attack', () => {
  it('works out nothing of the hand-made survey whose small cells each have a published complement, once protected', async () => {
    // The survey of unprotected-attack.test.ts (north·basic 12, north·premium 8, south·basic 5): with its
    // complements withheld too (north beside south, basic beside premium, ...), no relation leaves one unknown.
    const dist = await publish(
      'complement-protected',
      segment('region', 'Region', ['north', 'south']) + segment('plan', 'Plan', ['basic', 'premium']),
      [...repeat(6, ['north', 'basic', '5']), ...repeat(6, ['north', 'basic', '4']), ...repeat(8, ['north', 'premium', '3']), ...repeat(2, ['south', 'basic', '1']), ...repeat(3, ['south', 'basic', '2'])],
    );
    const [report] = attackSite(dist);
    // More than the 4 small slices are withheld, and none of them is worked out.
    expect(report!.withheldSlices).toBeGreaterThan(4);
    expect(report).toMatchObject({ recoveredSlices: 0, recoveredMeasures: 0, readyMadeRecovered: 0 });
  });

  it('works out nothing on a site whose cube is published with secondary suppression', async () => {
    let run = 0;
    const option = (names: string[]) => fc.constantFrom(...names);
    // Two segments of uneven sizes and a few dozen respondents: small cells beside large ones.
    const respondents = fc.array(fc.tuple(option(['north', 'north', 'north', 'south', 'west']), option(['basic', 'basic', 'premium']), fc.integer({ min: 1, max: 5 })), { minLength: 20, maxLength: 120 });
    await fc.assert(
      fc.asyncProperty(respondents, async (rows) => {
        const dist = await publish(`random-${run++}`, segment('region', 'Region', ['north', 'south', 'west']) + segment('plan', 'Plan', ['basic', 'premium']), rows.map((r) => r.map(String)));
        for (const report of attackSite(dist)) expect(report.cells, report.survey).toEqual([]);
      }),
      { numRuns: 10, seed: 20261204, endOnFailure: true },
    );
  });
});
