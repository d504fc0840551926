import type { ColumnStats } from './infer.ts';
import { personalData } from './personal-data.ts';

/** What a draft makes of one column, and the guesses behind it that the analyst should review. */
export interface Reading {
  kind: 'ignore' | 'pii' | 'text' | 'multi' | 'nps' | 'rating' | 'boolean' | 'number' | 'seconds' | 'codes';
  /** Codes set apart from the answers ("don't know", "not applicable"). */
  missing: (number | string)[];
  /** Rating: the conventional scale the answers fit. */
  scale?: { min: number; max: number };
  /** Codes (a segment or single choice), in order. */
  codes?: string[];
  /** Boolean: the codes for yes and no, when they are not the defaults. */
  yes?: (number | string)[];
  no?: (number | string)[];
  notes: string[];
}

/** The words of a column name, lower case: camelCase and any punctuation split. */
function words(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9\u4e00-\u9fff]+/)
    .filter(Boolean);
}
const key = (name: string) => `_${words(name).join('_')}_`;

// A segment's name: a group of respondents rather than an opinion. Long words also match inside a word (servicetype).
const GROUP_WORDS = ['age', 'sex', 'area', 'type', 'plan', 'city', 'race', 'tier', 'district', 'gender', 'region', 'country', 'province', 'state', 'provider', 'education', 'occupation', 'income', 'group', 'segment', 'channel', 'branch', 'store', 'department', 'location', 'marital', 'ethnicity', 'agegroup', 'ageband'];
const GROUP_CJK = /性别|地区|区域|年龄|类型|城市|省份|渠道|门店|部门|学历|职业|收入/;
// A question's text that mentions a group word ("…the cuisine of the United States") names no group: only short
// names count. A band's number is no part of the word (age3: age in three bands).
export function namesGroup(name: string): boolean {
  const named = (w: string) => GROUP_WORDS.some((g) => w === g || (g.length >= 4 && (w.startsWith(g) || w.endsWith(g))));
  return GROUP_CJK.test(name) || (words(name).length <= 4 && words(name).some((w) => named(w) || named(w.replace(/\d+$/, ''))));
}

const ID_NAME = /_(id|uuid|guid|key)_|编号/;
const NPS_NAME = /nps|recommend|likely|推荐/i;
const YES_NO_NAME = /_(is|has|did|was|were|do|does|have|ever|any|yes|no)_|\?|renew|churn|member|subscri|是否/;
const INDEX_NAME = /^$|^\.\.\.\d+$|^unnamed: ?\d+$/i;
const TIME_NAME = /_(timestamp|date|time|datetime|submitted|started|ended|start_?time|end_?time|submit_?time)_|时间|日期/;
const TEXT_NAME = /comment|remark|feedback|note|备注|意见|建议|评论/i;

// High codes exports give to "don't know" or "refused" (negative ones are never answers beside positive ones).
const NO_ANSWER = [97, 98, 99, 997, 998, 999];
// Answers that are no answer: a "not stated", "refused" or "don't know" written as text, or as a code's value label.
const NO_ANSWER_TEXT = /^(n\/?a|no answer|not stated|not answered|no response|refused|don'?t know|dk|not sure|prefer not to (say|answer)|not applicable|missing|unknown|declined?( to answer)?|(iap|inapplicable))$/i;
/** True when a text or a value label says "no answer" rather than giving one. */
export const saysNoAnswer = (label: string): boolean => NO_ANSWER_TEXT.test(label.trim().replace(/[\u2019]/g, "'"));
const YES_NO = new Set(['yes', 'no', 'true', 'false', 'y', 'n', '是', '否']);
// Conventional scales, smallest first: answers fit the first whose top they reach.
const TOPS = [4, 5, 6, 7, 9, 10];

const count = (s: ColumnStats, v: number | string) => s.counts[String(v)] ?? 0;
/** `1 answer`, `3 answers`. */
export const answers = (n: number): string => `${n} answer${n === 1 ? '' : 's'}`;

const noAnswer = (s: ColumnStats, w: string) => `"${w}" = no answer (${answers(count(s, w))}), set apart as missing`;

/** Codes a file sets apart from a scale or a list of codes, with a note for each. */
function setApart(s: ColumnStats, nums: number[]): { missing: number[]; core: number[]; notes: string[] } {
  const missing: number[] = [];
  const notes: string[] = [];
  const take = (vs: number[], what: string) => {
    for (const v of vs) {
      missing.push(v);
      notes.push(`${v} = ${what} (${answers(count(s, v))}), set apart as missing`);
    }
  };
  let core = nums;
  const codes = core.filter((v) => v < 0 || NO_ANSWER.includes(v));
  const kept = core.filter((v) => !codes.includes(v));
  // A negative code beside positive answers, or 99 well above the rest, means no answer.
  if (kept.length >= 2 && codes.length <= 3 && kept[0]! >= 0 && (codes.every((v) => v < 0) || kept.at(-1)! < 50)) {
    take(codes, 'no answer');
    core = kept;
  }
  const small = core.filter((v) => v <= 7);
  const high = core.filter((v) => v > 7);
  // 8 and 9 after a gap above a short scale or list of codes (1, 2 and 9): don't know, refused, not stated.
  if (high.length && small.length >= 2 && high.every((v) => v === 8 || v === 9) && high[0]! - small.at(-1)! >= 2) {
    take(high, "don't know");
    core = small;
  }
  // 0 below a short scale: not applicable when it is at least as frequent as 1, or 1 is never answered.
  if (core[0] === 0 && core.length >= 4 && core.at(-1)! <= 7 && (count(s, 0) >= count(s, 1) || core[1] !== 1)) {
    take([0], 'not applicable');
    core = core.slice(1);
  }
  return { missing, core, notes };
}

/** How to read a column of whole numbers with few distinct values; undefined when they are amounts, not codes. */
function codedNumbers(s: ColumnStats, nums: number[]): Reading | undefined {
  const { missing, core, notes } = setApart(s, nums);
  const lo = core[0]!;
  const hi = core.at(-1)!;
  // Codes as the file writes them (001, not 1): segments and options are compared as text.
  const written = new Map(s.values.map((v) => [Number(v), v]));
  const codes = (why: string): Reading => ({ kind: 'codes', missing, codes: core.map((v) => written.get(v) ?? String(v)), notes: [...notes, why] });
  if (core.length === 2 && lo === 0 && hi === 1) return { kind: 'boolean', missing, notes };
  if (core.length === 2 && lo === 1 && hi === 2 && YES_NO_NAME.test(key(s.name))) return { kind: 'boolean', missing, yes: [1], no: [2], notes: [...notes, '1 = yes, 2 = no'] };
  if (core.length <= 2) return codes(`codes ${core.join(', ')}: a segment, not a scale`);
  if (namesGroup(s.name)) return codes(`codes ${core.join(', ')} named like a group of respondents: a segment, not a scale`);
  const gaps = hi - lo + 1 - core.length;
  if ((hi > 10 || lo < 0) && core.length > 8) return undefined;
  if (hi > 10 || lo < 0) return codes(`codes ${core.join(', ')}: too few values for a number`);
  // A point nobody chose leaves a gap in a scale; codes far apart are not points of one.
  if (gaps > 0 && gaps >= core.length - 1) return codes(`codes ${core.join(', ')} are not contiguous: a segment, not a scale`);
  if (NPS_NAME.test(s.name) && hi >= 9) {
    if (lo === 0 || /0\s*(-|to|–)\s*10/.test(s.name)) return { kind: 'nps', missing, notes };
    notes.push('no one answered 0: a 1-10 rating; make it nps if 0 was offered');
  }
  if (lo === 0) return { kind: 'rating', missing, scale: { min: 0, max: 10 }, notes: hi < 8 ? [...notes, `answers 0-${hi} drafted on a 0-10 scale`] : notes };
  const top = TOPS.find((t) => t >= hi)!;
  if (top !== hi || lo !== 1) notes.push(`scale 1-${top}: answers ${lo}-${hi}`);
  return { kind: 'rating', missing, scale: { min: 1, max: top }, notes };
}

/** What kind of question a column most likely is (see the README's "Adding a survey"). */
export function readColumn(s: ColumnStats): Reading {
  const none = { missing: [] as (number | string)[] };
  const k = key(s.name);
  // R's read.csv names an unnamed column X: only a row index (1..n) under that name is one.
  const rowIndex = s.numeric && s.distinct === s.rows && s.min === 1 && s.max === s.rows;
  if (INDEX_NAME.test(s.name) || (/^x$/i.test(s.name) && rowIndex)) return { kind: 'ignore', ...none, notes: [`a column without a name${rowIndex ? ' (a row index)' : ''}: ignored`] };
  if (s.dated || (TIME_NAME.test(k) && !s.numeric)) return { kind: 'ignore', ...none, notes: ['dates or times: ignored'] };
  const pii = (why: string): Reading => ({ kind: 'pii', ...none, notes: [`${why}: personal data, never published`] });
  if (s.email) return pii('e-mail addresses');
  if (s.phone) return pii('phone numbers');
  if (s.ip) return pii('IP addresses');
  const personal = personalData(s);
  if (personal) return pii(personal);
  const mostlyUnique = s.distinct > s.filled / 2;
  if (ID_NAME.test(k) && mostlyUnique) return pii('an identifier other than the respondent id');
  if (s.zeroPadded && s.numeric && s.distinct > 20) return pii('numbers written with leading zeros (postcodes, phone numbers)');
  if (s.numeric && s.whole && mostlyUnique && s.filled > 1 && Math.abs(s.min ?? 0) >= 1e6) return pii('a different number of 7 or more digits on most rows (an identifier or phone number)');
  if (s.numeric) {
    const nums = s.values.map(Number).sort((a, b) => a - b);
    if (s.whole && nums.length >= 2 && nums.length <= 20 && (nums.at(-1)! - nums[0]! <= 10 || s.distinct <= 8 || nums.some((v) => v < 0 || NO_ANSWER.includes(v)))) {
      const reading = codedNumbers(s, nums);
      if (reading) return reading;
    }
    // Many values: a negative code below answers that are never negative, a high one above all answers.
    const codes = s.rest ? Object.keys(s.sentinels).map(Number).filter((v) => (v < 0 ? s.rest![0] >= 0 : v > s.rest![1])).sort((a, b) => a - b) : [];
    const notes = codes.map((v) => `${v} = no answer (${answers(s.sentinels[String(v)]!)}), set apart as missing`);
    return { kind: /second|秒|wait|duration|时长/i.test(s.name) ? 'seconds' : 'number', missing: codes, notes };
  }
  if (s.values.length && s.values.every((v) => YES_NO.has(v.toLowerCase()))) return { kind: 'boolean', ...none, notes: [] };
  if (TEXT_NAME.test(s.name)) return { kind: 'text', ...none, notes: [] };
  if (s.codes && s.codes.length >= 2) return { kind: 'multi', ...none, notes: [] };
  // A scale with a few text codes (N/A, Don't know) among its points: read as its points, the texts missing.
  const points = s.values.filter((v) => /^-?\d+$/.test(v)).map(Number).sort((a, b) => a - b);
  const labels = s.values.filter((v) => !/^-?\d+$/.test(v));
  const numbers = points.length >= 3 && labels.length <= 3 && points.at(-1)! - points[0]! <= 10 ? codedNumbers(s, points) : undefined;
  if (numbers) return { ...numbers, missing: [...labels, ...numbers.missing], notes: [...labels.map((w) => noAnswer(s, w)), ...numbers.notes] };
  // Answer options recur: a column whose values mostly differ is free text.
  if (s.values.length >= 2 && s.values.length <= 20 && s.distinct <= Math.max(2, s.filled / 4)) {
    const missing = s.values.filter(saysNoAnswer);
    const codes = s.values.filter((v) => !missing.includes(v));
    if (codes.length >= 2) return { kind: 'codes', missing, codes, notes: missing.map((w) => noAnswer(s, w)) };
  }
  return { kind: 'text', ...none, notes: [] };
}
