/**
 * An attacker who reads only the files of a built site (`dist/data/<survey>/`: the published cube as gzipped
 * Arrow IPC, `survey.json`, the ready-made views) and works out withheld cells by subtraction. Written apart
 * from `src/` on purpose: it must not share the product's idea of what it published.
 *
 * Every published slice is a cell of a lattice: each dimension either takes one value or is rolled up ("all").
 * Within a wave, for every measure and every answer value, a slice equals the sum of its children over any
 * rolled-up dimension (plus the respondents blank on that dimension, an unknown part unless the definition or
 * the figures rule blanks out). Wherever such a relation has exactly one unknown part, that part is the
 * parent minus the others (or the sum of the children); this is repeated until nothing more is found.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { tableFromIPC } from 'apache-arrow';

/** Additive columns of the cube: every relation holds for each of them. */
const STATS = ['n', 'w', 'w2', 'wx', 'wxx', 'wy', 'wyy', 'wxy'] as const;
const ALL = '\u0000all';
const BLANK = '\u0000blank';
/** The key of a measure's base row (value NULL) among its value rows. */
const BASE = '';

type Stats = Map<string, number[]>;
interface PublishedMeasure {
  withheld: boolean;
  rows: Stats;
}
interface PublishedSlice {
  withheld: boolean;
  measures: Map<string, PublishedMeasure>;
}

/** One survey's published cube as the attacker reads it. */
interface Published {
  id: string;
  dims: string[];
  values: string[][];
  /** Most dimensions a published slice takes values of. */
  depth: number;
  waves: Map<string, Map<string, PublishedSlice>>;
  /** Dimensions whose every respondent has a value, by the published definition. */
  declaredComplete: Set<string>;
}

/** A withheld cell (a slice's figures for one measure) worked out from the published files. */
export interface RecoveredCell {
  survey: string;
  wave: string;
  slice: Record<string, string>;
  measure: string;
  /** Withheld with its whole slice, or as the one measure of a large slice. */
  withheld: 'slice' | 'measure';
  base: number;
  /** Respondents per answer value (options, scale points, bins) with at least one. */
  counts: Record<string, number>;
}

/** What the attack found in one survey. */
export interface AttackReport {
  survey: string;
  withheldSlices: number;
  /** Withheld slices of which at least one measure's base was worked out. */
  recoveredSlices: number;
  withheldMeasures: number;
  recoveredMeasures: number;
  /** Value counts (n > 0) of recovered cells. */
  recoveredValues: number;
  /** Figures of the ready-made views withheld for their base, and those whose base the attack worked out. */
  readyMadeWithheld: number;
  readyMadeRecovered: number;
  cells: RecoveredCell[];
}

const keyOf = (parts: readonly string[]) => parts.join('\u0001');

function readCube(dir: string, id: string): Published {
  const survey = JSON.parse(readFileSync(join(dir, 'survey.json'), 'utf8')) as {
    segments: { id: string; required?: boolean; missing?: unknown[] }[];
  };
  const declaredComplete = new Set(survey.segments.filter((s) => s.required !== false && !(s.missing?.length ?? 0)).map((s) => s.id));
  const published: Published = { id, dims: [], values: [], depth: 0, waves: new Map(), declaredComplete };
  const values = new Map<string, Set<string>>();
  for (const file of ['cube.arrow.gz', 'cube-deep.arrow.gz']) {
    const table = tableFromIPC(gunzipSync(readFileSync(join(dir, file))));
    const names = table.schema.fields.map((f) => f.name);
    // Dimensions come before the statistics, wave first.
    const dims = names.slice(1, names.indexOf('measure'));
    published.dims = dims;
    const col = (name: string) => table.getChild(name)!;
    const [wave, measure, value] = [col(names[0]!), col('measure'), col('value')];
    const dimCols = dims.map(col);
    const statCols = STATS.map(col);
    for (let i = 0; i < table.numRows; i++) {
      const parts = dimCols.map((c) => (c.get(i) as string | null) ?? ALL);
      parts.forEach((p, d) => {
        if (p !== ALL) values.set(dims[d]!, (values.get(dims[d]!) ?? new Set()).add(p));
      });
      published.depth = Math.max(published.depth, parts.filter((p) => p !== ALL).length);
      const w = String(wave.get(i));
      const slices = published.waves.get(w) ?? published.waves.set(w, new Map()).get(w)!;
      const key = keyOf(parts);
      const slice = slices.get(key) ?? slices.set(key, { withheld: false, measures: new Map() }).get(key)!;
      const m = measure.get(i) as string | null;
      const n = statCols[0]!.get(i) as number | null;
      if (m === null) {
        slice.withheld = true;
        continue;
      }
      const entry = slice.measures.get(m) ?? slice.measures.set(m, { withheld: false, rows: new Map() }).get(m)!;
      if (n === null) entry.withheld = true;
      else entry.rows.set((value.get(i) as string | null) ?? BASE, statCols.map((c) => (c.get(i) as number | null) ?? 0));
    }
  }
  published.values = published.dims.map((d) => [...(values.get(d) ?? [])].sort());
  return published;
}

/** A relation: the parent slice and its children over one rolled-up dimension. */
interface Relation {
  members: string[];
}

/** Works out, for one wave and one pattern of unknown cells, which cells become known and by which relation, in order. */
function derive(p: Published, unknown: Set<string>, blanks: boolean[]): { cell: string; relation: Relation }[] {
  const relations = new Map<string, Relation>();
  const relation = (parent: string[], d: number) => {
    const key = `${keyOf(parent)}|${d}`;
    if (relations.has(key)) return;
    const children = [...p.values[d]!, ...(blanks[d] ? [BLANK] : [])].map((v) => keyOf(parent.map((x, i) => (i === d ? v : x))));
    relations.set(key, { members: [keyOf(parent), ...children] });
  };
  for (const cell of unknown) {
    const parts = cell.split('\u0001');
    const depth = parts.filter((x) => x !== ALL).length;
    parts.forEach((x, d) => {
      if (x !== ALL) relation(parts.map((y, i) => (i === d ? ALL : y)), d);
      else if (depth < p.depth) relation(parts, d);
    });
  }
  const open = new Set(unknown);
  const order: { cell: string; relation: Relation }[] = [];
  let pending = [...relations.values()];
  for (let changed = true; changed; ) {
    changed = false;
    const next: Relation[] = [];
    for (const r of pending) {
      const missing = r.members.filter((m) => open.has(m));
      if (missing.length === 1) {
        open.delete(missing[0]!);
        order.push({ cell: missing[0]!, relation: r });
        changed = true;
      } else if (missing.length > 1) next.push(r);
    }
    pending = next;
  }
  return order;
}

/** Every cell with a blank part whose dimension may hold blanks, down to the published depth. */
function blankCells(p: Published, blanks: boolean[]): string[] {
  const out: string[] = [];
  const walk = (at: number, parts: string[], depth: number, hasBlank: boolean) => {
    if (at === p.dims.length) {
      if (hasBlank) out.push(keyOf(parts));
      return;
    }
    walk(at + 1, [...parts, ALL], depth, hasBlank);
    if (depth === p.depth) return;
    for (const v of p.values[at]!) walk(at + 1, [...parts, v], depth + 1, hasBlank);
    if (blanks[at]) walk(at + 1, [...parts, BLANK], depth + 1, true);
  };
  walk(0, [], 0, false);
  return out;
}

/**
 * Whether each dimension may hold blank respondents in a wave: not when the definition requires a value, nor
 * when, at the top of the wave, every measure's total equals the sum over the dimension's values.
 */
function mayHoldBlanks(p: Published, slices: Map<string, PublishedSlice>, measures: string[]): boolean[] {
  const top = p.dims.map(() => ALL);
  return p.dims.map((dim, d) => {
    if (p.declaredComplete.has(dim)) return false;
    const total = slices.get(keyOf(top));
    if (!total || total.withheld) return true;
    return measures.some((m) => {
      const parent = total.measures.get(m);
      if (!parent || parent.withheld) return true;
      const sum = new Map<string, number>();
      for (const v of p.values[d]!) {
        const child = slices.get(keyOf(top.map((x, i) => (i === d ? v : x))));
        const rows = child?.measures.get(m);
        if (child?.withheld || rows?.withheld) return true;
        for (const [k, s] of rows?.rows ?? []) sum.set(k, (sum.get(k) ?? 0) + s[0]!);
      }
      return [...new Set([...sum.keys(), ...parent.rows.keys()])].some((k) => (sum.get(k) ?? 0) !== (parent.rows.get(k)?.[0] ?? 0));
    });
  });
}

function attackCube(p: Published): RecoveredCell[] {
  const found: RecoveredCell[] = [];
  for (const [wave, slices] of p.waves) {
    const measures = [...new Set([...slices.values()].flatMap((s) => [...s.measures.keys()]))].sort();
    const blanks = mayHoldBlanks(p, slices, measures);
    const blankSet = blankCells(p, blanks);
    const withheldSlices = [...slices].filter(([, s]) => s.withheld).map(([k]) => k);
    // Measures withheld in the same slices share one derivation.
    const byPattern = new Map<string, string[]>();
    for (const m of measures) {
      const own = [...slices].filter(([, s]) => s.measures.get(m)?.withheld).map(([k]) => k);
      const pattern = own.join('\n');
      byPattern.set(pattern, [...(byPattern.get(pattern) ?? []), m]);
    }
    for (const [pattern, group] of byPattern) {
      const own = pattern ? pattern.split('\n') : [];
      const order = derive(p, new Set([...withheldSlices, ...own, ...blankSet]), blanks);
      for (const m of group) {
        const solved = new Map<string, Stats>();
        const statsOf = (cell: string): Stats => solved.get(cell) ?? slices.get(cell)?.measures.get(m)?.rows ?? new Map();
        for (const { cell, relation } of order) {
          const [parent, ...children] = relation.members;
          const sign = cell === parent ? 1 : -1;
          // Unknown parent: Σ children. Unknown child: parent − Σ other children.
          const out: Stats = new Map();
          const add = (rows: Stats, by: number) => {
            for (const [k, s] of rows) out.set(k, (out.get(k) ?? STATS.map(() => 0)).map((x, i) => x + by * s[i]!));
          };
          if (sign === 1) for (const c of children) add(statsOf(c), 1);
          else {
            add(statsOf(parent!), 1);
            for (const c of children) if (c !== cell) add(statsOf(c), -1);
          }
          solved.set(cell, out);
          if (cell.includes(BLANK)) continue;
          const slice = slices.get(cell);
          const withheld = slice?.withheld ? 'slice' : slice?.measures.get(m)?.withheld ? 'measure' : undefined;
          if (!withheld) continue;
          const parts = cell.split('\u0001');
          const counts = Object.fromEntries([...out].filter(([k, s]) => k !== BASE && Math.round(s[0]!) > 0).map(([k, s]) => [k, Math.round(s[0]!)]));
          found.push({
            survey: p.id,
            wave,
            slice: Object.fromEntries(p.dims.flatMap((d, i) => (parts[i] === ALL ? [] : [[d, parts[i]!]]))),
            measure: m,
            withheld,
            base: Math.round(out.get(BASE)?.[0] ?? 0),
            counts,
          });
        }
      }
    }
  }
  return found;
}

interface ReadyMadeFigure {
  group: string | null;
  n: number;
  suppressed: boolean;
}

/** Ready-made figures withheld for their base, each as the cell (wave, slice, measure) it stands for. */
function withheldReadyMade(dir: string, p: Published): string[] {
  const survey = JSON.parse(readFileSync(join(dir, 'survey.json'), 'utf8')) as { indicators: { id: string; measure?: string; battery?: string; by?: string }[] };
  const measureOf = new Map(survey.indicators.filter((i) => i.measure !== undefined && i.battery === undefined).map((i) => [i.id, i]));
  const folder = join(dir, 'slices');
  if (!existsSync(folder)) return [];
  const out = new Set<string>();
  for (const file of readdirSync(folder)) {
    const [dim] = file.replace(/\.json$/, '').split('@');
    const views = JSON.parse(readFileSync(join(folder, file), 'utf8')) as Record<string, Record<string, Record<string, ReadyMadeFigure[]>>>;
    for (const [entry, indicators] of Object.entries(views)) {
      const filter = file.startsWith('_') ? undefined : [dim!, entry] as const;
      for (const [id, waves] of Object.entries(indicators)) {
        const ind = measureOf.get(id);
        if (!ind || (filter && ind.by === filter[0])) continue;
        for (const [wave, figures] of Object.entries(waves)) {
          for (const f of figures) {
            if (!f.suppressed) continue;
            const parts = p.dims.map((d) => (filter?.[0] === d ? filter[1] : ind.by === d && f.group !== null ? f.group : ALL));
            // A figure of nobody (a cell absent from the cube) withholds nothing.
            const slice = p.waves.get(wave)?.get(keyOf(parts));
            if (slice?.withheld || slice?.measures.get(ind.measure!)?.withheld) out.add(`${wave}|${keyOf(parts)}|${ind.measure}`);
          }
        }
      }
    }
  }
  return [...out];
}

/** Runs the attack on every survey of a built site's `dist/`. */
export function attackSite(dist: string): AttackReport[] {
  const root = join(dist, 'data');
  return readdirSync(root)
    .filter((id) => existsSync(join(root, id, 'cube.arrow.gz')))
    .sort()
    .map((id) => {
      const dir = join(root, id);
      const p = readCube(dir, id);
      const cells = attackCube(p);
      const slices = [...p.waves].flatMap(([w, s]) => [...s].map(([k, v]) => ({ key: `${w}|${k}`, v })));
      const withheldSlices = slices.filter((s) => s.v.withheld).length;
      const withheldMeasures = slices.reduce((a, s) => a + [...s.v.measures.values()].filter((m) => m.withheld).length, 0);
      const sliceKey = (c: RecoveredCell) => `${c.wave}|${keyOf(p.dims.map((d) => c.slice[d] ?? ALL))}`;
      const recovered = new Set(cells.map((c) => `${sliceKey(c)}|${c.measure}`));
      const readyMade = withheldReadyMade(dir, p);
      return {
        survey: id,
        withheldSlices,
        recoveredSlices: new Set(cells.filter((c) => c.withheld === 'slice').map(sliceKey)).size,
        withheldMeasures,
        recoveredMeasures: cells.filter((c) => c.withheld === 'measure').length,
        recoveredValues: cells.reduce((a, c) => a + Object.keys(c.counts).length, 0),
        readyMadeWithheld: readyMade.length,
        readyMadeRecovered: readyMade.filter((k) => recovered.has(k)).length,
        cells,
      };
    });
}

// `node test/disclosure/subtraction-attack.ts dist` prints what the attack works out of a built site.
if (import.meta.main) {
  for (const { cells, ...counts } of attackSite(process.argv[2] ?? 'dist')) {
    console.log(JSON.stringify(counts));
    for (const c of cells) console.log(`  ${c.wave} ${JSON.stringify(c.slice)} ${c.measure} (${c.withheld} withheld): n = ${c.base} ${JSON.stringify(c.counts)}`);
  }
}
