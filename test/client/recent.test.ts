import { describe, expect, it } from 'vitest';
import { keepRecent } from '../../src/client/recent.ts';

describe('keepRecent', () => {
  it('keeps the entries used last, up to the limit', () => {
    const map = new Map<string, number>();
    for (const [k, v] of [['a', 1], ['b', 2], ['c', 3]] as const) keepRecent(map, k, v, 2);
    expect([...map]).toEqual([['b', 2], ['c', 3]]);
  });

  it('counts using an entry again as its latest use', () => {
    const map = new Map<string, number>();
    keepRecent(map, 'a', 1, 2);
    keepRecent(map, 'b', 2, 2);
    keepRecent(map, 'a', 1, 2);
    keepRecent(map, 'c', 3, 2);
    expect([...map.keys()]).toEqual(['a', 'c']);
  });

  it('drops nothing while under the limit', () => {
    const map = new Map<string, number>([['x', 0]]);
    keepRecent(map, 'y', 1, 3);
    expect(map.size).toBe(2);
  });
});
