import { describe, expect, it } from 'vitest';
import { progressLine } from '../../src/pipeline/progress.ts';

describe('the progress line', () => {
  it('rewrites one line in place, with counts and elapsed time, and keeps messages above it', () => {
    let written = '';
    const out = { write: (s: string) => ((written += s), true) } as unknown as NodeJS.WriteStream;
    const line = progressLine(out, performance.now());
    line.update('surveys', 1, 3);
    line.log('cx-management: 457 rows');
    line.update('surveys', 2, 3);
    line.clear();
    expect(written).toMatch(/^surveys 1\/3 · \d+\.\d s\r\x1b\[2Kcx-management: 457 rows\nsurveys 1\/3 · \d+\.\d s\r\x1b\[2Ksurveys 2\/3 · \d+\.\d s\r\x1b\[2K$/);
  });
});
