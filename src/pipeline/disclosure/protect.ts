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
 * Whether a relation leaves its withheld cells protected on its own: with the parent published, the withheld
 * children's total is known, so there must be two of them with room for T between them (each is at least 1,
 * since its marker shows that it exists); with the parent withheld, one withheld child suffices (it moves
 * with the parent), none leaves the parent equal to what is published.
 */
function unsafe(layer: Layer, r: Relation, withheld: Set<number>, threshold: number): boolean {
  const hidden = r.children.filter((c) => withheld.has(c));
  if (withheld.has(r.parent)) return hidden.length === 0;
  if (hidden.length === 0) return false;
  const room = hidden.reduce((sum, c) => sum + layer.bases.get(c)! - 1, 0);
  return hidden.length < 2 || room < threshold;
}

/**
 * Secondary suppression of one layer: starting from the primary cells, until no relation is unsafe, each
 * unsafe relation withholds its smallest published child (ties: the first slice), or its parent when every
 * child is withheld already. Relations are revisited whenever one of their cells is withheld, in a fixed order.
 */
function protectLayer(counts: PublishedCounts, layer: Layer, primary: Set<number>, threshold: number): Set<number> {
  const relations = relationsOf(counts, layer);
  const touching = new Map<number, number[]>();
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
  const enqueue = (cell: number) => {
    for (const i of touching.get(cell) ?? []) {
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
    if (!unsafe(layer, r, withheld, threshold)) continue;
    let pick: number | undefined;
    for (const c of r.children) if (!withheld.has(c) && (pick === undefined || layer.bases.get(c)! < layer.bases.get(pick)!)) pick = c;
    const cell = pick ?? r.parent;
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
  const open = new Set<number>();
  counts.layers.forEach((layer, i) => {
    for (const slice of layer.bases.keys()) if (!cells[i]!.has(slice)) open.add(slice);
  });
  const slices = new Set<number>();
  counts.slices.forEach((_, slice) => !open.has(slice) && slices.add(slice));
  return { cells, slices };
}
