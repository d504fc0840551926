/** A rating question of a draft, where its column sits in the file and the scale it was drafted on. */
export interface DraftedRating {
  id: string;
  column: string;
  /** The question's text: the column name, or the variable label of an SPSS file. */
  label: string;
  position: number;
  scale: { min: number; max: number };
}

/** Ratings a draft reports together: what they share (a column stem or the words their names begin with), and why. */
export interface DraftedBattery {
  name: string;
  items: string[];
  note: string;
}

/** A column's name without its item number: `Q5_14` → `Q5`, `serv_q1` → `serv_q`; the name itself when it ends in no number. */
export const columnStem = (name: string): string => name.replace(/[_ .-]*\d+$/, '');

const scaleKey = (r: DraftedRating) => `${r.scale.min}-${r.scale.max}`;

/** The words two or more names begin with (at least two of them), or "" when they share fewer. */
function sharedWords(names: string[]): string {
  let prefix = names[0]!;
  for (const n of names) while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  // Cut at the last whole word: "…cuisine of Al" and "…cuisine of Ar" share "…cuisine of".
  const words = names.every((n) => n.length === prefix.length || /[\s\u00a0]/.test(n[prefix.length]!)) ? prefix : prefix.replace(/[^\s\u00a0]*$/, '');
  const trimmed = words.replace(/[\s\u00a0:.,?-]+$/, '');
  return trimmed.split(/\s+/).length >= 2 ? trimmed : '';
}

/**
 * Ratings that look like one battery: the items of one column stem on one scale (`Q5_1` … `Q5_14`, wherever
 * they sit); among the rest, ratings on one scale that sit side by side in the file (the 40 cuisines of a grid,
 * whose names share their first words); then ratings on one scale whose texts begin with the same three words
 * ("How satisfied are you with …"), wherever they sit. Each needs two items; a rating joins one battery at most.
 */
export function draftBatteries(ratings: DraftedRating[]): DraftedBattery[] {
  const batteries: DraftedBattery[] = [];
  const taken = new Set<string>();
  const byStem = new Map<string, DraftedRating[]>();
  const put = (groups: Map<string, DraftedRating[]>, key: string, r: DraftedRating) => groups.set(key, [...(groups.get(key) ?? []), r]);
  for (const r of ratings) {
    const stem = columnStem(r.column);
    if (stem && stem !== r.column) put(byStem, `${stem}\0${scaleKey(r)}`, r);
  }
  for (const [key, items] of byStem) {
    if (items.length < 2) continue;
    const stem = key.slice(0, key.indexOf('\0'));
    items.forEach((r) => taken.add(r.id));
    batteries.push({ name: stem, items: items.map((r) => r.id), note: `${items.length} ratings of column stem "${stem}" on the scale ${scaleKey(items[0]!)}: a battery` });
  }
  const rest = ratings.filter((r) => !taken.has(r.id));
  let run: DraftedRating[] = [];
  const close = () => {
    if (run.length >= 2) {
      const words = sharedWords(run.map((r) => r.label));
      const first = run[0]!.column;
      const last = run.at(-1)!.column;
      batteries.push({
        name: words || `${first} to ${last}`,
        items: run.map((r) => r.id),
        note: `${run.length} ratings side by side on the scale ${scaleKey(run[0]!)}${words ? `, each starting "${words}"` : ''}: a battery`,
      });
    }
    run = [];
  };
  for (const r of rest) {
    const prev = run.at(-1);
    if (prev && (r.position !== prev.position + 1 || scaleKey(r) !== scaleKey(prev))) close();
    run.push(r);
  }
  close();
  const left = rest.filter((r) => !batteries.some((b) => b.items.includes(r.id)));
  const byWords = new Map<string, DraftedRating[]>();
  for (const r of left) {
    const first = r.label.trim().split(/\s+/);
    if (first.length > 3) put(byWords, `${first.slice(0, 3).join(' ').toLowerCase()}\0${scaleKey(r)}`, r);
  }
  for (const items of byWords.values()) {
    const words = items.length >= 2 ? sharedWords(items.map((r) => r.label)) : '';
    if (words) batteries.push({ name: words, items: items.map((r) => r.id), note: `${items.length} ratings on the scale ${scaleKey(items[0]!)}, each starting "${words}": a battery` });
  }
  return batteries;
}
