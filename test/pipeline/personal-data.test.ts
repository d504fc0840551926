import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkAll } from '../../src/pipeline/check.ts';
import { createSurvey } from '../../src/pipeline/new-survey.ts';
import { personalData } from '../../src/pipeline/personal-data.ts';
import { parseSurvey } from '../../src/survey/parse.ts';

/** A column of `values` as the drafting reads it: filled cells, distinct values, the distinct values in order. */
const column = (name: string, values: string[]) => ({
  name,
  filled: values.length,
  distinct: new Set(values).size,
  sample: [...new Set(values)].sort(),
});

const digit = fc.integer({ min: 0, max: 9 }).map(String);
const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((d) => d.join(''));
const upper = fc.constantFrom(...'ABCDEFGHJKLMNPRSTUVWXY');

// Phone numbers as several countries write them.
const PHONES = {
  uk: fc.tuple(digits(4), digits(6)).map(([a, b]) => `+44 ${a} ${b}`),
  usDashed: fc.tuple(fc.integer({ min: 201, max: 989 }), digits(3), digits(4)).map(([a, b, c]) => `(${a}) ${b}-${c}`),
  france: fc.tuple(fc.integer({ min: 1, max: 9 }), digits(8)).map(([a, b]) => `0${a}${b}`),
  franceDotted: fc.array(digits(2), { minLength: 4, maxLength: 4 }).map((p) => `06.${p.join('.')}`),
  cnMobile: fc.tuple(fc.integer({ min: 3, max: 9 }), digits(9)).map(([a, b]) => `1${a}${b}`),
  cnInternational: fc.tuple(fc.integer({ min: 30, max: 99 }), digits(4), digits(4)).map(([a, b, c]) => `+86 1${a} ${b} ${c}`),
  germany: fc.tuple(fc.integer({ min: 30, max: 89 }), digits(7)).map(([a, b]) => `0${a}-${b}`),
};
const POSTCODES = {
  // US ZIP codes of the north-east start with 0.
  usZip: digits(4).map((d) => `0${d}`),
  uk: fc.tuple(upper, upper, fc.integer({ min: 1, max: 99 }), digit, upper, upper).map(([a, b, n, d, x, y]) => `${a}${b}${n} ${d}${x}${y}`),
  canada: fc.tuple(upper, digit, upper, digit, upper, digit).map(([a, b, c, d, e, f]) => `${a}${b}${c} ${d}${e}${f}`),
  zip4: fc.tuple(digits(5), digits(4)).map(([a, b]) => `${a}-${b}`),
};
const EMAIL = fc.emailAddress();
const IPV4 = fc.ipV4();
const IPV6 = fc.ipV6().filter((v) => v.includes('::') || v.split(':').length === 8);

/** A column of 20 to 80 distinct values of one kind, with one of them written as a postcode with a leading zero when needed. */
const columnOf = (value: fc.Arbitrary<string>) => fc.uniqueArray(value, { minLength: 20, maxLength: 80 });

describe('personal data judged by its values', () => {
  for (const [kind, value] of Object.entries(PHONES))
    it(`phone numbers (${kind}) are personal data under any header`, () => {
      fc.assert(
        fc.property(columnOf(value), (vs) => {
          expect(personalData(column('Q7', vs))).toBe('phone numbers');
        }),
      );
    });

  for (const [kind, value] of Object.entries(POSTCODES))
    it(`postcodes (${kind}) are personal data`, () => {
      fc.assert(
        fc.property(columnOf(value), (vs) => {
          expect(personalData(column('Q7', vs))).toMatch(/^postcodes/);
        }),
      );
    });

  it('e-mail and IP addresses are personal data', () => {
    fc.assert(
      fc.property(columnOf(EMAIL), (vs) => {
        expect(personalData(column('contact', vs))).toBe('e-mail addresses');
      }),
    );
    fc.assert(
      fc.property(columnOf(IPV4), (vs) => {
        expect(personalData(column('source', vs))).toBe('IP addresses');
      }),
    );
    fc.assert(
      fc.property(columnOf(IPV6), (vs) => {
        expect(personalData(column('source', vs))).toBe('IP addresses');
      }),
    );
  });

  it('a different customer number on every row is an identifier', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 100000, max: 999999 }).map(String), {
          minLength: 20,
          maxLength: 80,
        }),
        (vs) => {
          expect(personalData(column('Q12', vs))).toBe('a different identifier on every row');
        },
      ),
    );
  });

  // Answers that are numbers: ages, amounts, waiting times, ratings. They repeat, carry no leading zero or
  // mark, and are never taken for personal data, however many there are.
  const AGES = fc.integer({ min: 16, max: 99 }).map(String);
  const AMOUNTS = fc.integer({ min: 0, max: 5_000_000 }).map((c) => (c / 100).toFixed(2));
  const SECONDS = fc.oneof(
    fc.integer({ min: 0, max: 3600 }).map(String),
    fc.double({ min: 0, max: 600, noNaN: true }).map((v) => v.toFixed(1)),
  );
  const RATINGS = fc.integer({ min: 1, max: 10 }).map(String);
  const NUMBERS = {
    Age: AGES,
    Amount: AMOUNTS,
    'Waiting time (s)': SECONDS,
    'Satisfaction 1-10': RATINGS,
  };
  for (const [name, value] of Object.entries(NUMBERS))
    it(`${name}: never personal data`, () => {
      fc.assert(
        fc.property(fc.array(value, { minLength: 1, maxLength: 300 }), (vs) => {
          expect(personalData(column(name, vs))).toBeUndefined();
        }),
        { numRuns: 300 },
      );
    });
});

describe('personal data judged by its header', () => {
  it.each([
    'Phone',
    'Mobile No.',
    'Tel',
    '手机号码',
    '联系电话',
    'Zip code',
    'Postcode',
    '邮编',
    'E-mail',
    'Customer email',
    '邮箱',
    'Name',
    'Full name',
    '姓名',
    'IP address',
    'Customer number',
    'Account no',
    'Member ID',
  ])('%s is personal data whatever its values', (name) => {
    // Values that alone look like ages.
    expect(personalData(column(name, ['23', '45', '31', '23']))).toBeDefined();
  });

  it.each(['Phone support satisfaction', 'Plan name', 'Waiting time', 'Age', 'Zip through checkout (1-5)', 'Store'])('%s is not, by its header alone', (name) => {
    expect(personalData(column(name, ['1', '2', '3', '4', '5', '3']))).toBeUndefined();
  });
});

// The commands on a file of phone numbers (plain digits) and ZIP codes (no leading zeros in this sample):
// drafted as pii, and a definition that declares them number or text gets a warning from npm run check.
const root = process.cwd();
const work = join(root, '.cx', `personal-data-${process.pid}`);
mkdirSync(work, { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

const rows = Array.from({ length: 40 }, (_, i) => [
  `r${i + 1}`,
  `1${3 + (i % 7)}${String(10_000_000 + i * 7919).padStart(9, '0')}`,
  String(90_000 + i * 37),
  `+44 20 7946 ${String(1000 + i).slice(-4)}`,
  String(20 + (i % 50)),
  String(1 + (i % 10)),
]);
const csv = `id,Contact,Zip,Q9,Age,Rating\n${rows.map((r) => r.join(',')).join('\n')}\n`;

describe('npm run new-survey and npm run check', () => {
  it('drafts phone numbers and postcodes as pii, never as numbers, and warns when they are declared numbers', async () => {
    const file = join(work, 'customers-2025.csv');
    writeFileSync(file, csv);
    const dirs = {
      dataDir: join(work, 'data'),
      contentDir: join(work, 'content'),
    };
    const { definition } = await createSurvey(root, 'customers', file, dirs);
    const yaml = readFileSync(definition, 'utf8');
    const survey = parseSurvey(yaml, 'survey.yaml');
    const typeOf = (c: string) => survey.questions.find((q) => 'column' in q && q.column === c)?.type;
    expect([typeOf('Contact'), typeOf('Zip'), typeOf('Q9'), typeOf('Age')]).toEqual(['pii', 'pii', 'pii', 'number']);
    // The analyst declares the phone numbers a number and the ZIP codes text: the check warns at each
    // question's line, and passes.
    const changed = yaml.replace('column: Contact\n    type: pii', 'column: Contact\n    type: number').replace('column: Zip\n    type: pii', 'column: Zip\n    type: text');
    expect(changed).not.toBe(yaml);
    writeFileSync(definition, changed);
    const report = await checkAll(root, dirs.dataDir, dirs.contentDir);
    expect(report.problems).toEqual([]);
    const personal = report.warnings.filter((w) => w.includes('looks like personal data'));
    const lines = changed.split('\n');
    const at = (id: string) => lines.indexOf(`  - id: ${id}`) + 1;
    expect(personal).toEqual([
      `${relative(root, definition)}:${at('contact')}: warning: question "contact" (column "Contact", type number) looks like personal data (phone numbers): declare it type: pii so that it is never published`,
      `${relative(root, definition)}:${at('zip')}: warning: question "zip" (column "Zip", type text) looks like personal data (named like personal data): declare it type: pii so that it is never published`,
    ]);
  });
});
