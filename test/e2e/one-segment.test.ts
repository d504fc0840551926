import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/pipeline/build.ts';
import { launchChromium } from '../../src/pipeline/chromium.ts';
import { serve } from '../../src/pipeline/serve.ts';

// A survey of one segment (gender, with "not stated" codes 9 and 3) and one grouping (tier): a reader filters
// on one and on two dimensions. Every expected figure is counted from the CSV by
// test/fixtures/one-segment/data/duo/make.py (python3 make.py), not by the pipeline.
const fixture = resolve('test/fixtures/one-segment');
let out: string;
let site: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'cx-one-segment-'));
  await buildSite(process.cwd(), join(out, 'dist'), { log: () => undefined }, join(fixture, 'data'), { content: join(fixture, 'content') });
  site = await serve(join(out, 'dist'));
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

const chapter = '/en/duo/overview/';
const settled = (search: string) => page.waitForSelector(`html[data-cx-state="${search}"]:not([data-cx-busy])`, { timeout: 60_000 });

/** Opens the chapter on a view (the whole report as the build drew it) and reads its satisfaction tile: value and base. */
async function tile(search: string): Promise<[string | null, string | null]> {
  await page.goto(`${site.url}${chapter}${search}`);
  if (search) await settled(search);
  return [await page.textContent('.cx-kpi-value'), await page.textContent('.cx-kpi-base')];
}

/** The rows of the "satisfaction by gender" data table: group, value, count of satisfied, base. */
const byGender = () =>
  page.$$eval('[data-chart=sat_by_gender] table tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)).map((r) => [r[1], r[2], r[4], r[5]]));

describe('a survey of one segment and one grouping, in the browser', () => {
  it('offers the listed values of the segment as filters, not its "not stated" codes', async () => {
    await page.goto(`${site.url}${chapter}`);
    const values = await page.$$eval('input[name=gender]', (els) => els.map((e) => (e as HTMLInputElement).value));
    expect(values).toEqual(['male', 'female', 'other']);
  }, 60_000);

  it('counts every respondent, "not stated" included, in the whole report', async () => {
    // 67 of 160 answered 4 or 5.
    expect(await tile('')).toEqual(['42%', 'n = 160']);
  }, 60_000);

  it('shows a group under the threshold as withheld in the table the build drew, never its count, with the note why', async () => {
    await page.goto(`${site.url}${chapter}`);
    // Other: 8 respondents (code 4 in make.py), under suppress_below (10).
    expect((await byGender()).find((r) => r[0] === 'Other')).toEqual(['Other', 'withheld', '—', 'withheld']);
    expect(await page.textContent('[data-chart=sat_by_gender] .cx-chart-meta')).toContain('Withheld: its base is under 10, or it would let a smaller figure be worked out.');
  }, 60_000);

  it('filters on one dimension', async () => {
    // Female (code 2, 60 respondents) is withheld to protect Other (8): with the whole report (160), Male (64) and
    // the "not stated" codes (28, taken as known) published, Female would give Other away (160 - 64 - 60 - 28 = 8).
    // Withheld cells are published alike, the smaller published sibling (Female 60 < Male 64) first.
    expect((await tile('?gender=female'))[0]).toBe('withheld');
    // Tier high (the upper half of spend): 33 of 80, of any gender, "not stated" included.
    expect(await tile('?tier=high')).toEqual(['41%', 'n = 80']);
    // Male or female: a part (Female) withheld, so the figure is withheld; its base at least Male's 64.
    expect(await tile('?gender=male,female')).toEqual(['withheld', 'n ≥ 64']);
    // The chosen values are the chart's groups; "other" is not chosen, so none of its respondents is in the view.
    // Male: 31 of 64.
    expect(await byGender()).toEqual([
      ['Male', '48%', '31', '64'],
      ['Female', 'withheld', '—', 'withheld'],
      ['Other', 'withheld', '—', 'withheld'],
    ]);
  }, 120_000);

  it('filters on two dimensions, in tiles and in charts', async () => {
    // Female in the high tier: 11 of 32.
    expect(await tile('?gender=female&tier=high')).toEqual(['34%', 'n = 32']);
    // Male in the high tier (29) is withheld to protect Other in it (the smaller of its published siblings,
    // 29 < 32): male or female in the high tier is then withheld, its base at least the 32 women.
    expect(await tile('?gender=male,female&tier=high')).toEqual(['withheld', 'n ≥ 32']);
    expect(await byGender()).toEqual([
      ['Male', 'withheld', '—', 'withheld'],
      ['Female', '34%', '11', '32'],
      ['Other', 'withheld', '—', 'withheld'],
    ]);
    expect(errors).toEqual([]);
  }, 120_000);
});

describe('the data-quality page of that survey', () => {
  it('counts each value and each "not stated" code of the segment, withholding counts under suppress_below', async () => {
    await page.goto(`${site.url}/en/duo/data-quality/`);
    const rows = await page.$$eval('h2:has-text("By gender") + table tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    // Codes in the file: 1 ×64, 2 ×60, 4 ×8 (under 10: withheld), 9 ×20, 3 ×8 (withheld).
    expect(rows).toEqual([
      ['Male', '64'],
      ['Female', '60'],
      ['Other', 'n<10'],
      ['Not stated (code 9)', '20'],
      ['Not stated (code 3)', 'n<10'],
    ]);
  }, 60_000);
});
