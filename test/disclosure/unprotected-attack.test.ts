import { describe, expect, it, vi } from 'vitest';
import type { PublishedCounts } from '../../src/pipeline/disclosure/relations.ts';
import { publish, repeat, segment } from './small-sites.ts';
import { attackSite } from './subtraction-attack.ts';

// The attack's own proof, on sites published as they were before secondary suppression: primary suppression
// only (a base under the threshold, and every base of a slice under it; a small slice is one marker).
vi.mock('../../src/pipeline/disclosure/protect.ts', async (original) => ({
  ...(await original<typeof import('../../src/pipeline/disclosure/protect.ts')>()),
  protectCounts: (counts: PublishedCounts, threshold: number) => {
    const small = new Set(counts.sizes.flatMap((n, slice) => (n < threshold ? [slice] : [])));
    const cells = counts.layers.map((l) => new Set([...l.bases].filter(([slice, n]) => n < threshold || small.has(slice)).map(([slice]) => slice)));
    return { cells, slices: small };
  },
}));

describe('the subtraction attack on a cube withheld without protection', () => {
  it('works out every small cell of a survey whose small cells each have a published complement', async () => {
    // Region north/south by plan basic/premium, satisfaction 1-5, T = 10:
    //   north·basic 12 (six 5s, six 4s), north·premium 8 (eight 3s), south·basic 5 (two 1s, three 2s), south·premium 0.
    // Published: all 25, north 20, basic 17, north·basic 12. Withheld (under 10): south 5, premium 8,
    // north·premium 8, south·basic 5; south·premium holds nobody, so it is simply absent (known to be 0).
    // all − north = south = 5 {1: 2, 2: 3}; all − basic = premium = 8 {3: 8}; north − north·basic = north·premium
    // = 8 {3: 8}; basic − north·basic = south·basic = 5 {1: 2, 2: 3}: 4 slices, 4 cells (one measure, sat).
    const dist = await publish(
      'complement',
      segment('region', 'Region', ['north', 'south']) + segment('plan', 'Plan', ['basic', 'premium']),
      [...repeat(6, ['north', 'basic', '5']), ...repeat(6, ['north', 'basic', '4']), ...repeat(8, ['north', 'premium', '3']), ...repeat(2, ['south', 'basic', '1']), ...repeat(3, ['south', 'basic', '2'])],
    );
    const [report] = attackSite(dist);
    expect(report).toMatchObject({ withheldSlices: 4, recoveredSlices: 4, withheldMeasures: 0, recoveredMeasures: 0 });
    const found = Object.fromEntries(report!.cells.map((c) => [Object.entries(c.slice).map((e) => e.join('=')).join('&'), { base: c.base, counts: c.counts }]));
    expect(found).toEqual({
      'region=south': { base: 5, counts: { '1': 2, '2': 3 } },
      'plan=premium': { base: 8, counts: { '3': 8 } },
      'region=north&plan=premium': { base: 8, counts: { '3': 8 } },
      'region=south&plan=basic': { base: 5, counts: { '1': 2, '2': 3 } },
    });
    // The ready-made views withhold the same four cells: the mean of south, of premium, and by region of
    // basic's south and premium's north.
    expect(report).toMatchObject({ readyMadeWithheld: 4, readyMadeRecovered: 4 });
  });

  it('works out nothing where two small cells share one relation', async () => {
    // Region north 20, south 5, west 3 and no other dimension: all − north = south + west, two unknowns.
    const dist = await publish(
      'pair',
      segment('region', 'Region', ['north', 'south', 'west']) + segment('plan', 'Plan', ['basic']),
      [...repeat(20, ['north', 'basic', '4']), ...repeat(5, ['south', 'basic', '2']), ...repeat(3, ['west', 'basic', '1'])],
    );
    const [report] = attackSite(dist);
    // Withheld: south, west, and the same two under plan=basic (which holds everyone).
    expect(report).toMatchObject({ withheldSlices: 4, recoveredSlices: 0, recoveredMeasures: 0 });
  });

});
