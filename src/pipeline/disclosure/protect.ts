import { MAX_FILTERED_DIMS } from '../../filters/where.ts';
import { relationsOf, type Layer, type PublishedCounts, type Relation } from './relations.ts';

/** What the published cube withholds: per layer (see `PublishedCounts.layers`), the slices whose base it withholds. */
export interface Withheld {
  cells: Set<number>[];
  /** Slices every base of which is withheld: published as one marker for the whole slice. */
  slices: Set<number>;
}

/** What protection withheld from the published cube, over which counts, and how long it took (ms). */
export interface Disclosure {
  counts: PublishedCounts;
  withheld: Withheld;
  ms: number;
}

/**
 * The least a withheld cell can be given what is published: 1 (its marker shows that it exists), or, split by
 * any dimension, its published children, blanks and the least of each withheld child.
 */
function leastOf(layer: Layer, splits: Map<number, Relation[]>, withheld: Set<number>, cell: number): number {
  let least = 1;
  for (const r of splits.get(cell) ?? []) {
    const sum = r.children.reduce((s, c) => s + (withheld.has(c) ? leastOf(layer, splits, withheld, c) : layer.bases.get(c)!), r.blank);
    least = Math.max(least, sum);
  }
  return least;
}

/**
 * The cell a relation asks to withhold next, if it leaves one of its withheld cells with too little room. With
 * the parent published, the withheld children's total is known: a child can rise only as far as the others can
 * fall, each to the least it can be (see `leastOf`), and fall to its own least; the room either way must reach
 * the threshold. With the parent withheld, the parent can fall only as far as its withheld children can.
 * The answer is the smallest published child (ties: the first slice), or the parent when none is left.
 */
function nextCell(layer: Layer, r: Relation, withheld: Set<number>, splits: Map<number, Relation[]>, threshold: number): number | undefined {
  const hidden = r.children.filter((c) => withheld.has(c));
  const room = hidden.reduce((sum, c) => sum + layer.bases.get(c)! - leastOf(layer, splits, withheld, c), 0);
  const parentHidden = withheld.has(r.parent);
  if (parentHidden ? room >= threshold : hidden.length === 0 || (hidden.length >= 2 && room >= threshold)) return undefined;
  let pick: number | undefined;
  for (const c of r.children) if (!withheld.has(c) && (pick === undefined || layer.bases.get(c)! < layer.bases.get(pick)!)) pick = c;
  // With the parent withheld and every child too, the parent's other relations must give it room.
  if (pick === undefined && parentHidden) return undefined;
  return pick ?? r.parent;
}

/**
 * Secondary suppression of one layer: starting from the primary cells, until no relation is unsafe, each
 * unsafe relation withholds its smallest published child (ties: the first slice), or its parent when every
 * child is withheld already. Relations are revisited whenever one of their cells is withheld, in a fixed order.
 */
export function protectLayer(counts: PublishedCounts, layer: Layer, primary: Set<number>, threshold: number): Set<number> {
  const relations = relationsOf(counts, layer);
  const touching = new Map<number, number[]>();
  const splits = new Map<number, Relation[]>();
  for (const r of relations) splits.set(r.parent, [...(splits.get(r.parent) ?? []), r]);
  relations.forEach((r, i) => {
    for (const cell of [r.parent, ...r.children]) {
      const list = touching.get(cell);
      if (list) list.push(i);
      else touching.set(cell, [i]);
    }
  });
  const withheld = new Set(primary);
  const queue: number[] = [];
  const queued = new Set<number>();
  // A cell withheld changes the least its ancestors can be: their relations are looked at again too.
  const enqueue = (cell: number, depth = 0) => {
    for (const i of touching.get(cell) ?? []) {
      const r = relations[i]!;
      if (depth < MAX_FILTERED_DIMS && r.parent !== cell) enqueue(r.parent, depth + 1);
      if (queued.has(i)) continue;
      queued.add(i);
      queue.push(i);
    }
  };
  [...primary].sort((a, b) => a - b).forEach(enqueue);
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head]!;
    queued.delete(i);
    const r = relations[i]!;
    const cell = nextCell(layer, r, withheld, splits, threshold);
    if (cell === undefined) continue;
    withheld.add(cell);
    enqueue(cell);
    // The relation is looked at again: one more cell may not be enough.
    if (!queued.has(i)) {
      queued.add(i);
      queue.push(i);
    }
  }
  return withheld;
}

/**
 * The cells the published cube withholds: primary ones, the bases under `threshold` and every base of a slice
 * whose size is under it; then, layer by layer, further cells so that no withheld base can be worked out from
 * what is published (see `protectLayer`). A slice with every base withheld is withheld whole, so that a
 * slice's marker does not tell a small slice from one withheld for protection.
 */
export function protectCounts(counts: PublishedCounts, threshold: number): Withheld {
  const cells = counts.layers.map((layer) => {
    const primary = new Set<number>();
    for (const [slice, n] of layer.bases) if (n < threshold || counts.sizes[slice]! < threshold) primary.add(slice);
    return protectLayer(counts, layer, primary, threshold);
  });
  return { cells, slices: wholeSlices(counts, cells) };
}

/** The slices every base of which is withheld. */
function wholeSlices(counts: PublishedCounts, cells: Set<number>[]): Set<number> {
  const open = new Set<number>();
  counts.layers.forEach((layer, i) => {
    for (const slice of layer.bases.keys()) if (!cells[i]!.has(slice)) open.add(slice);
  });
  const slices = new Set<number>();
  counts.slices.forEach((_, slice) => !open.has(slice) && slices.add(slice));
  return slices;
}

/**
 * Withholds more where the audit found a base pinned: in every relation of each pinned cell and of the cells it
 * adds up to (its parents and theirs), whose room bounds it, the smallest published child (or the parent when
 * every child is withheld); then protects the layer again from there.
 */
export function widenPinned(counts: PublishedCounts, withheld: Withheld, pinned: { layer: number; slice: number }[], threshold: number): Withheld {
  const cells = [...withheld.cells];
  for (const [i, layer] of counts.layers.entries()) {
    const here = new Set(pinned.filter((p) => p.layer === i).map((p) => p.slice));
    if (!here.size) continue;
    const relations = relationsOf(counts, layer);
    for (let level = 0; level < MAX_FILTERED_DIMS; level++) for (const r of relations) if (r.children.some((c) => here.has(c))) here.add(r.parent);
    const start = new Set(cells[i]);
    for (const r of relations) {
      if (!here.has(r.parent) && !r.children.some((c) => here.has(c))) continue;
      let pick: number | undefined;
      for (const c of r.children) if (!start.has(c) && (pick === undefined || layer.bases.get(c)! < layer.bases.get(pick)!)) pick = c;
      start.add(pick ?? r.parent);
    }
    cells[i] = protectLayer(counts, layer, start, threshold);
  }
  return { cells, slices: wholeSlices(counts, cells) };
}
