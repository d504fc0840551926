import highsLoader, { type Highs } from 'highs';
import { InputError } from '../../survey/errors.ts';
import type { Survey } from '../../survey/survey.ts';
import { describeSlice, relationsOf, type Layer, type PublishedCounts } from './relations.ts';
import { widenPinned, type Withheld } from './protect.ts';

/** A withheld base that what is published narrows to a range narrower than the threshold. */
export interface Exposure {
  layer: number;
  slice: number;
  min: number;
  max: number;
}

/** The linear program of one connected part of a layer: withheld bases as variables, relations as equalities. */
interface Program {
  cells: number[];
  rows: { vars: number[]; coefs: number[]; rhs: number }[];
  lower: number[];
  upper: number[];
}

// Solver tolerance: a range this much short of the threshold still counts as wide enough.
const EPSILON = 1e-6;

/**
 * The programs of one layer, one per connected part of its withheld cells. Every relation with a withheld cell
 * is an equality over them (published cells and blanks are constants); every withheld base is at least 1
 * (its marker shows it exists) and at most the size of its wave (the largest base of the wave's whole slice).
 */
function programsOf(counts: PublishedCounts, layer: Layer, hidden: Set<number>): Program[] {
  const index = new Map([...hidden].sort((a, b) => a - b).map((cell, i) => [cell, i]));
  const cells = [...index.keys()];
  const parentOf = cells.map((_, i) => i);
  const find = (i: number): number => (parentOf[i] === i ? i : (parentOf[i] = find(parentOf[i]!)));
  const rows: Program['rows'] = [];
  for (const r of relationsOf(counts, layer)) {
    const vars: number[] = [];
    const coefs: number[] = [];
    let rhs = -r.blank;
    if (index.has(r.parent)) {
      vars.push(index.get(r.parent)!);
      coefs.push(-1);
    } else rhs += layer.bases.get(r.parent)!;
    for (const c of r.children) {
      if (index.has(c)) {
        vars.push(index.get(c)!);
        coefs.push(1);
      } else rhs -= layer.bases.get(c)!;
    }
    if (!vars.length) continue;
    rows.push({ vars, coefs, rhs });
    for (const v of vars.slice(1)) parentOf[find(v)] = find(vars[0]!);
  }
  const waveSize = new Map<string, number>();
  counts.slices.forEach((s, i) => s.values.every((v) => v === null) && waveSize.set(s.wave, counts.sizes[i]!));
  const parts = new Map<number, Program>();
  const local = new Map<number, number>();
  cells.forEach((cell, i) => {
    const root = find(i);
    let part = parts.get(root);
    if (!part) parts.set(root, (part = { cells: [], rows: [], lower: [], upper: [] }));
    local.set(i, part.cells.length);
    part.cells.push(cell);
    part.lower.push(1);
    part.upper.push(waveSize.get(counts.slices[cell]!.wave)!);
  });
  for (const row of rows) parts.get(find(row.vars[0]!))!.rows.push({ ...row, vars: row.vars.map((v) => local.get(v)!) });
  return [...parts.values()];
}

/**
 * The range each cell of a program can take: bounds first from a few solutions (the true bases, and the
 * extremes of their total), which prove most ranges wide enough at once; a cell they do not prove gets its own
 * minimum and maximum.
 */
function narrowCells(highs: Highs, p: Program, truth: number[], threshold: number): { cell: number; min: number; max: number }[] {
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of p.rows) {
    indices.push(...row.vars);
    values.push(...row.coefs);
    starts.push(indices.length);
  }
  const model = highs.createModel({
    numCols: p.cells.length,
    numRows: p.rows.length,
    colCost: p.cells.map(() => 1),
    colLower: p.lower,
    colUpper: p.upper,
    rowLower: p.rows.map((r) => r.rhs),
    rowUpper: p.rows.map((r) => r.rhs),
    matrix: { format: 'csr', numRows: p.rows.length, numCols: p.cells.length, starts, indices, values },
  });
  try {
    model.options.set({ output_flag: false });
    const lo = [...truth];
    const hi = [...truth];
    // Every solution is a feasible point: it widens the range known for every cell, not only the one solved for.
    const solve = (sense: 'minimize' | 'maximize'): Float64Array | undefined => {
      model.changeObjectiveSense(highs.constants.objectiveSense[sense]);
      model.run();
      if (model.getModelStatus() !== highs.constants.modelStatus.optimal) return undefined;
      const x = model.getSolution().colValue;
      x.forEach((v, i) => {
        lo[i] = Math.min(lo[i]!, v);
        hi[i] = Math.max(hi[i]!, v);
      });
      return x;
    };
    // The extremes of the total, then of alternating signs in a few patterns, find far-apart points cheaply.
    for (const pattern of [0, 1, 2, 3]) {
      p.cells.forEach((_, i) => model.changeColCost(i, pattern === 0 ? 1 : ((i >> (pattern - 1)) & 1) * 2 - 1));
      solve('minimize');
      solve('maximize');
    }
    const narrow: { cell: number; min: number; max: number }[] = [];
    p.cells.forEach((_, i) => model.changeColCost(i, 0));
    p.cells.forEach((cell, i) => {
      if (hi[i]! - lo[i]! >= threshold - EPSILON) return;
      model.changeColCost(i, 1);
      const min = solve('minimize')?.[i] ?? lo[i]!;
      const max = solve('maximize')?.[i] ?? hi[i]!;
      model.changeColCost(i, 0);
      if (max - min < threshold - EPSILON) narrow.push({ cell, min, max });
    });
    return narrow;
  } finally {
    model.dispose();
  }
}

/**
 * The pinned bases of the layers audited so far, by their bases and withheld cells: measures every respondent
 * of a slice answers have the same bases and so the same programs, and a layer that protection did not change
 * since the last round needs no new audit.
 */
type Solved = Map<string, { slice: number; min: number; max: number }[]>;

/**
 * Audits what the published cube withholds: for every withheld base, its smallest and largest value under
 * every relation the published cube holds (linear programming over each connected part of each layer). Returns
 * the bases narrowed to a range under `threshold`: none when protection worked.
 */
export async function auditWithheld(counts: PublishedCounts, withheld: Withheld, threshold: number, solved: Solved = new Map()): Promise<Exposure[]> {
  const highs = await highsLoader();
  const found: Exposure[] = [];
  counts.layers.forEach((layer, i) => {
    const hidden = withheld.cells[i]!;
    if (!hidden.size) return;
    const key = JSON.stringify([layer.wave, [...layer.bases], [...hidden]]);
    let narrow = solved.get(key);
    if (!narrow) {
      narrow = [];
      for (const program of programsOf(counts, layer, hidden)) {
        const truth = program.cells.map((c) => layer.bases.get(c)!);
        for (const { cell, min, max } of narrowCells(highs, program, truth, threshold)) narrow.push({ slice: cell, min, max });
      }
      solved.set(key, narrow);
    }
    for (const n of narrow) found.push({ layer: i, ...n });
  });
  return found;
}

/** Rounds of audit and widening before protection gives up (each round withholds more, so it ends). */
const MAX_ROUNDS = 20;

/**
 * Protection proved: audits what is withheld and, where a base is pinned, withholds more (`widenPinned`), until
 * the audit finds nothing. Returns what is withheld and what the last audit found (empty unless it gave up).
 */
export async function secureWithheld(counts: PublishedCounts, withheld: Withheld, threshold: number): Promise<{ withheld: Withheld; pinned: Exposure[] }> {
  const solved: Solved = new Map();
  let current = withheld;
  let pinned = await auditWithheld(counts, current, threshold, solved);
  for (let round = 0; pinned.length && round < MAX_ROUNDS; round++) {
    current = widenPinned(counts, current, pinned, threshold);
    pinned = await auditWithheld(counts, current, threshold, solved);
  }
  return { withheld: current, pinned };
}

/** The input error of a survey that protection could not make safe: each pinned base by wave, slice, measure and range. */
export function pinnedError(survey: Survey, counts: PublishedCounts, pinned: Exposure[]): InputError {
  const shown = pinned.slice(0, 20).map((p) => {
    const { wave, slice } = describeSlice(counts, p.slice);
    const measure = counts.layers[p.layer]!.measure;
    return {
      file: `data/${survey.id}/survey.yaml`,
      path: 'suppress_below',
      value: String(survey.suppress_below),
      rule: `survey ${survey.id}, wave ${wave}, slice ${slice}, measure ${measure}: a withheld base can be worked out to between ${p.min.toFixed(1)} and ${p.max.toFixed(1)}, a range narrower than ${survey.suppress_below}`,
    };
  });
  return new InputError(shown, pinned.length);
}
