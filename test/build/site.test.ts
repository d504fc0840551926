import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { tableFromIPC } from 'apache-arrow';
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SliceResults } from '../../src/indicators/result.ts';
import { buildSite } from '../../src/pipeline/build.ts';
import { readSurvey } from '../../src/pipeline/run.ts';
import { filesUnder } from '../files.ts';

const root = process.cwd();
const out = mkdtempSync(join(tmpdir(), 'cx-site-'));
const dist = join(out, 'dist');
const survey = readSurvey(resolve('data/cx-management'), root);

const read = (path: string) => readFileSync(join(dist, path), 'utf8');

beforeAll(async () => {
  await buildSite(root, dist, { log: () => undefined });
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the built site', () => {
  it('has a home page, a report page per language and the methodology page', () => {
    expect(read('index.html')).toContain('href="/zh/cx-management/"');
    expect(read('zh/cx-management/index.html')).toContain(survey.title.zh);
    const methodology = read('zh/cx-management/methodology/index.html');
    expect(methodology.match(/<dt id="indicator-/g)).toHaveLength(survey.indicators.length);
    for (const stage of survey.maturity!.stages) expect(methodology).toContain(stage.label.zh);
  });

  it('renders every declared chart exactly once, as an SVG with a data table', () => {
    // The whole-report print page repeats every chapter: it is checked in pdf.test.ts.
    const pages = filesUnder(join(dist, 'zh', 'cx-management')).filter((f) => f.endsWith('.html') && !f.includes('/print/')).map((f) => readFileSync(f, 'utf8'));
    for (const chart of survey.charts) {
      const figures = pages.flatMap((p) => p.split('<figure class="cx-chart"').slice(1)).filter((f) => f.includes(`data-chart="${chart.id}"`));
      expect(figures, chart.id).toHaveLength(1);
      expect(figures[0]).toMatch(/<svg[^>]*viewBox/);
      expect(figures[0]).toContain('<table>');
      expect(figures[0]).toContain('n = ');
    }
  });

  it('prints seed figures where the chapter quotes them', () => {
    // The overview quotes the share of organisations in the Investigate stage: 29% in the seed.
    expect(read('zh/cx-management/overview/index.html')).toMatch(/data-indicator="stages"\s+data-key="investigate"[^>]*>29%</);
  });

  it('publishes no PII and no free text', () => {
    const csv = readFileSync('data/cx-management/2025.csv', 'utf8');
    const emails = csv.match(/[\w.+-]+@[\w.-]+/g) ?? [];
    expect(emails.length).toBeGreaterThan(100);
    const published = filesUnder(dist).map((f) => readFileSync(f).toString('latin1') + readFileSync(f, 'utf8'));
    for (const email of emails.slice(0, 50)) expect(published.some((p) => p.includes(email)), email).toBe(false);
    expect(published.some((p) => p.includes('@example.'))).toBe(false);
  });

  it('publishes the cube as Arrow IPC compressed with gzip, with sufficient statistics and no respondent rows', () => {
    const read = (file: string) => {
      const table = tableFromIPC(gunzipSync(readFileSync(join(dist, 'data', 'cx-management', file))));
      expect(table.schema.fields.map((f) => f.name), file).toEqual(['wave', 'industry', 'region', 'company_size', 'business_model', 'cx_group', 'measure', 'value', 'x', 'n', 'w', 'w2', 'wx', 'wxx', 'wy', 'wyy', 'wxy']);
      return table.toArray() as Record<string, string | number | null>[];
    };
    // The rows of slices of up to one filter and a "by" in one file; those of two filters and a "by" apart.
    const dimensionsSet = (r: Record<string, string | number | null>) => ['industry', 'region', 'company_size', 'business_model', 'cx_group'].filter((d) => r[d] !== null).length;
    const near = read('cube.arrow.gz');
    const deep = read('cube-deep.arrow.gz');
    expect(new Set(near.map(dimensionsSet))).toEqual(new Set([0, 1, 2]));
    expect(new Set(deep.map(dimensionsSet))).toEqual(new Set([3]));
    const rows = [...near, ...deep];
    const measures = new Set(rows.map((r) => r.measure));
    expect(measures.has('email')).toBe(false);
    expect(measures.has('comments')).toBe(false);
    // Every respondent answered the culture question: its base over the whole 2025 wave (every dimension
    // rolled up) is the sample, and no published base is under suppress_below.
    const dims = ['industry', 'region', 'company_size', 'business_model', 'cx_group'];
    const whole = rows.filter((r) => r.wave === '2025' && r.measure === 'culture' && r.value === null && dims.every((d) => r[d] === null));
    expect(whole.map((r) => r.n)).toEqual([223]);
    expect(rows.filter((r) => r.value === null && typeof r.n === 'number' && r.n < survey.suppress_below)).toEqual([]);
  });

  it('publishes ready-made views, a file per dimension, with no figure on a base under suppress_below', () => {
    const dir = join(dist, 'data', 'cx-management', 'slices');
    const dims = ['business_model', 'company_size', 'cx_group', 'industry', 'region'];
    expect(readdirSync(dir).sort()).toEqual(['_all.json', ...dims.flatMap((d) => [`${d}.json`, `${d}@2024.json`, `${d}@2025.json`])].sort());
    const industries = JSON.parse(readFileSync(join(dir, 'industry.json'), 'utf8')) as Record<string, SliceResults>;
    expect(Object.keys(industries).sort()).toEqual(['financial', 'healthcare', 'manufacturing', 'public_sector', 'retail', 'technology']);
    let shown = 0;
    for (const file of readdirSync(dir)) {
      const views = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, SliceResults>;
      for (const results of Object.values(views))
        for (const figures of Object.values(results).flatMap((byWave) => Object.values(byWave)))
          for (const f of figures.filter((x) => x.value !== null)) {
            shown++;
            expect(f.n, file).toBeGreaterThanOrEqual(survey.suppress_below);
          }
    }
    expect(shown).toBeGreaterThan(1000);
  });
});

describe('the English edition and the published site', () => {
  const reports = ['auto-service', 'cx-management', 'satisfaction-loyalty'];
  const chapters = (lang: string) => reports.flatMap((r) => readdirSync(join('content', r, lang)).map((f) => `${r}/${f.replace(/\.mdx$/, '')}`)).sort();

  it('has every chapter in English, in English, with a switch to the same chapter in Chinese', () => {
    expect(chapters('en')).toEqual(chapters('zh'));
    const page = read('en/cx-management/maturity/index.html');
    expect(page).toContain('<html lang="en"');
    expect(page).toContain('<title>CX maturity · State of CX Management</title>');
    expect(page).toMatch(/<a class="lang-switch" href="\/zh\/cx-management\/maturity\/" hreflang="zh-CN" lang="zh-CN" data-keep-filters[^>]*>\s*中文\s*<\/a>/);
    // Reading on: the chapters before and after, in the report's order; the last leads to the methodology.
    expect(page).toMatch(/<a class="chapter-prev" href="\.\.\/overview\/" rel="prev"><span>Previous<\/span>Overview<\/a>/);
    expect(page).toMatch(/<a class="chapter-next" href="\.\.\/leadership\/" rel="next"><span>Next<\/span>Leadership, teams and investment<\/a>/);
    expect(read('zh/cx-management/technology/index.html')).toMatch(/<a class="chapter-next" href="\.\.\/methodology\/" rel="next"><span>下一章<\/span>研究方法<\/a>/);
    // The stage names are the definition's English labels; numbers use English conventions.
    for (const stage of survey.maturity!.stages) expect(page).toContain(stage.label.en);
    expect(read('en/cx-management/index.html')).toContain('Sample (respondents): 2024: n = 234; 2025: n = 223');
    expect(read('en/satisfaction-loyalty/index.html')).toMatch(/n = 5,040/);
  });

  it('every page is valid HTML, with a title and a description', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
    const pages = filesUnder(dist).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(150);
    for (const page of pages) {
      // Every page a search engine may index has its own title and description, in its language.
      const html = readFileSync(page, 'utf8');
      if (!html.includes('<meta name="robots" content="noindex"')) {
        expect(html, page).toMatch(/<title>[^<]+<\/title>/);
        expect(html, page).toMatch(/<meta name="description" content="[^"]+"/);
      }
      const report = await validator.validateFile(page);
      expect(report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`)), page).toEqual([]);
    }
  });

  it('lists every indexable page, in both languages, in a sitemap named by robots.txt', () => {
    const map = read('sitemap.xml');
    const locs = [...map.matchAll(/<loc>http:\/\/127\.0\.0\.1:4321(\/[^<]*)<\/loc>/g)].map((m) => m[1]);
    // The home page, and per language each report's front page, methodology, data quality and chapters.
    expect(locs).toHaveLength(1 + 2 * (3 * reports.length + chapters('zh').length));
    expect(locs).toContain('/en/auto-service/ranking/');
    expect(locs.filter((l) => l!.includes('/print/') || l!.startsWith('/embed/'))).toEqual([]);
    expect(map).toContain('<xhtml:link rel="alternate" hreflang="zh-CN" href="http://127.0.0.1:4321/zh/auto-service/ranking/"/>');
    expect(read('robots.txt')).toContain('Sitemap: http://127.0.0.1:4321/sitemap.xml');
  });

  it('turns Jekyll off, so that GitHub Pages publishes the folders whose names start with an underscore', () => {
    expect(read('.nojekyll')).toBe('');
    expect(readdirSync(dist).filter((f) => f.startsWith('_')).sort()).toEqual(['_astro', '_engine']);
  });
});

describe('the data-quality page', () => {
  it('counts responses per wave and segment, and blank answers, as the data files hold them', () => {
    const page = read('en/cx-management/data-quality/index.html');
    expect(page).toMatch(/<th scope="row">2024<\/th><td>234<\/td>/);
    expect(page).toMatch(/<th scope="row">2025<\/th><td>223<\/td>/);
    // Counted here from the CSV itself: respondents per industry code, and the share of blank comments.
    const rows = csvRows(readFileSync('data/cx-management/2025.csv', 'utf8'));
    const column = (name: string) => rows[0]!.indexOf(name);
    const industry = survey.segments.find((s) => s.id === 'industry')!;
    const financial = rows.slice(1).filter((r) => r[column(industry.column)] === String(industry.options[0]!.code)).length;
    expect(financial).toBeGreaterThan(0);
    expect(page).toMatch(new RegExp(`<th scope="row">Financial services</th><td>\\d+</td><td>${financial}</td>`));
    const comments = survey.questions.find((q) => q.type === 'text')!;
    const blank = rows.slice(1).filter((r) => r[column(comments.column!)] === '').length / (rows.length - 1);
    expect(page).toContain(`<td>${(100 * blank).toFixed(1)}%</td>`);
  });
});

describe('a build of other data', () => {
  it('publishes only the reports it has data for, leaving other chapters out', () => {
    // Data files must sit inside the project: a scratch folder under .cx/ (ignored by git).
    const data = join(root, '.cx', `one-survey-${process.pid}`);
    try {
      cpSync('data/cx-management', join(data, 'cx-management'), { recursive: true });
      const site = join(out, 'one-site');
      const run = spawnSync(process.execPath, [resolve('scripts/build.ts'), '--data', data, '--out', site], { cwd: root, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      expect(existsSync(join(site, 'zh', 'cx-management', 'index.html'))).toBe(true);
      expect(readdirSync(join(site, 'zh')).sort()).toEqual(['cx-management']);
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });
});

describe('a second build of the same inputs', () => {
  it('gives byte-identical files', async () => {
    const again = join(out, 'again');
    await buildSite(root, again, { log: () => undefined });
    const rel = (dir: string) => filesUnder(dir).map((f) => f.slice(dir.length)).sort();
    expect(rel(again)).toEqual(rel(dist));
    for (const f of rel(dist)) expect(readFileSync(join(again, f)).equals(readFileSync(join(dist, f))), f).toBe(true);
  });
});

describe('a failed build', () => {
  it('exits non-zero, names file, line, column, value and rule, and leaves the last site untouched', () => {
    const project = mkdtempSync(join(tmpdir(), 'cx-fail-'));
    try {
      cpSync('test/fixtures/mini', join(project, 'data', 'mini'), { recursive: true });
      const csv = join(project, 'data', 'mini', '2025.csv');
      writeFileSync(csv, readFileSync(csv, 'utf8').replace('\n3,S,3,8,', '\n3,S,6,8,'));
      mkdirSync(join(project, 'dist'));
      writeFileSync(join(project, 'dist', 'index.html'), 'last good site');
      const run = spawnSync(process.execPath, [resolve('scripts/build.ts')], { cwd: project, encoding: 'utf8' });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('data/mini/2025.csv:4: column "Satisfaction / 满意度", value "6": above the maximum 5');
      expect(readFileSync(join(project, 'dist', 'index.html'), 'utf8')).toBe('last good site');
      expect(readdirSync(project).sort()).toEqual(['.cx', 'data', 'dist']);
      expect(readdirSync(join(project, '.cx'))).toEqual([]);
      expect(existsSync(join(project, 'dist.tmp'))).toBe(false);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});

describe('a build for an address that is not one', () => {
  it('exits non-zero naming CX_SITE_URL, its value and the rule, before writing anything', () => {
    const project = mkdtempSync(join(tmpdir(), 'cx-address-'));
    try {
      mkdirSync(join(project, 'dist'));
      writeFileSync(join(project, 'dist', 'index.html'), 'last good site');
      const run = spawnSync(process.execPath, [resolve('scripts/build.ts')], { cwd: project, encoding: 'utf8', env: { ...process.env, CX_SITE_URL: 'reports/cx' } });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('CX_SITE_URL: value "reports/cx": must be an absolute address, for example https://example.org/reports/');
      expect(run.stderr).not.toContain('    at ');
      expect(readFileSync(join(project, 'dist', 'index.html'), 'utf8')).toBe('last good site');
      expect(readdirSync(project).sort()).toEqual(['dist']);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});

describe('the methodology page', () => {
  it('names comparison groups by their label, not their id', () => {
    const page = read('zh/cx-management/methodology/index.html');
    expect(page).toContain('按“领先者与落后者”分组比较');
    expect(page).not.toContain('cx_group');
  });

  it('says which intervals and tests the report uses, and at which level', () => {
    const page = read('zh/cx-management/methodology/index.html');
    for (const name of ['Wilson', 'Welch', '95%', '双比例 z 检验']) expect(page).toContain(name);
  });
});

describe('statistics on the pages', () => {
  it('every KPI tile with a change says whether it is significant', () => {
    const page = read('zh/cx-management/index.html');
    const changes = page.match(/class="cx-kpi-change"/g) ?? [];
    expect(changes.length).toBeGreaterThan(0);
    expect((page.match(/（显著）|（不显著）/g) ?? []).length).toBe(changes.length);
  });

  it('data tables give each figure its 95% interval', () => {
    const page = read('zh/cx-management/maturity/index.html');
    expect(page).toContain('95% 置信区间');
    expect(page).toMatch(/<td>\d+%–\d+%<\/td>/);
  });
});

/** Width and height from a PNG's header (IHDR), read by hand. */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

/** Rows of a CSV file (RFC 4180 quoting, CRLF or LF line ends), without its byte-order mark. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      if (ch === '\r') i++;
    } else cell += ch;
  }
  return rows;
}

describe('downloads for presenters', () => {
  const dir = 'downloads/cx-management/zh';
  const results = () => JSON.parse(readFileSync(join(root, '.cx', 'artifacts', 'cx-management', 'results.json'), 'utf8')) as { indicators: Record<string, Record<string, { key: string; group: string | null; value: number | null; n: number }[]>> };

  it('has every chart as SVG, PNG at twice its size, CSV and a 1200 x 630 share image', () => {
    for (const chart of survey.charts) {
      const svg = read(`${dir}/${chart.id}.svg`);
      expect(svg).toMatch(/^<\?xml[^>]*>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(svg).toContain(`<title>${chart.title.zh}</title>`);
      expect(svg).toContain('筛选条件：年份：2025；全部受访者');
      const [w, h] = [Number(/width="(\d+)"/.exec(svg)![1]), Number(/height="(\d+)"/.exec(svg)![1])];
      expect(pngSize(readFileSync(join(dist, `${dir}/${chart.id}.png`)))).toEqual([2 * w, 2 * h]);
      expect(pngSize(readFileSync(join(dist, `${dir}/${chart.id}.share.png`)))).toEqual([1200, 630]);
    }
  });

  it('gives in each CSV exactly the figures the chart plots, with provenance above them', () => {
    const { indicators } = results();
    const wave = survey.waves.at(-1)!.id;
    const chart = survey.charts.find((c) => c.id === 'barriers')!;
    const rows = csvRows(read(`${dir}/barriers.csv`));
    expect(rows[0]).toEqual([`# ${chart.title.zh}`]);
    expect(rows.filter((r) => r[0]!.startsWith('#')).map((r) => r.join(','))).toContain('# 筛选条件：年份：2025；全部受访者');
    const header = rows.find((r) => !r[0]!.startsWith('#'))!;
    expect(header.slice(0, 2)).toEqual(['项目', '数值（比例，0-1）']);
    const body = rows.slice(rows.indexOf(header) + 1);
    const question = survey.questions.find((q) => q.id === 'barriers')!;
    const options = question.type === 'multi' ? question.options : [];
    const figures = indicators[chart.indicator]![wave]!;
    expect(body).toHaveLength(options.length);
    for (const row of body) {
      const option = options.find((o) => o.label.zh === row[0])!;
      const figure = figures.find((f) => f.key === option.id && f.group === null)!;
      expect(Number(row[1])).toBeCloseTo(figure.value!, 10);
      expect(Number(row[5])).toBe(figure.n);
    }
  });

  it('has a slide deck per report that LibreOffice opens: a title slide, a slide per chart, the methodology', () => {
    const deck = join(dist, `${dir}/cx-management.pptx`);
    const listing = spawnSync('unzip', ['-Z1', deck], { encoding: 'utf8' }).stdout;
    expect(listing.split('\n').filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f))).toHaveLength(survey.charts.length + 2);
    const home = mkdtempSync(join(tmpdir(), 'cx-deck-'));
    try {
      const run = spawnSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', home, deck], { env: { ...process.env, HOME: home }, encoding: 'utf8', timeout: 170_000 });
      expect(run.status, run.stderr).toBe(0);
      const pdf = readFileSync(join(home, 'cx-management.pdf')).toString('latin1');
      expect(pdf.match(/\/Type\s*\/Page(?![a-zA-Z])/g)).toHaveLength(survey.charts.length + 2);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 180_000);

  it('gives each chapter page its first chart as preview image (an absolute address, as Open Graph requires), and an embed page per chart', () => {
    const page = read('zh/cx-management/barriers/index.html');
    expect(page).toContain('<meta property="og:image" content="http://127.0.0.1:4321/downloads/cx-management/zh/barriers.share.png">');
    for (const chart of survey.charts) expect(read(`embed/zh/cx-management/${chart.id}/index.html`)).toContain(`data-chart="${chart.id}"`);
  });
});
