/**
 * The candidate closest to a misspelt name, if it is close enough to be what was meant: at most one
 * edit per three characters, so `hrr` suggests `hr` but `it` does not suggest `hr`. A name of three
 * characters or more that starts a candidate is a shorthand for it (`obj` for `object`).
 */
function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const shorthand = name.length >= 3 && candidate.toLowerCase().startsWith(name.toLowerCase());
    const distance = shorthand ? 1 : editDistance(name.toLowerCase(), candidate.toLowerCase());
    const allowed = Math.max(1, Math.floor(Math.max(name.length, candidate.length) / 3));
    if (distance <= allowed && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** `did you mean "x"?`, or the list of what exists when nothing is close. */
export function didYouMean(name: string, candidates: readonly string[], what: string): string {
  const match = closest(name, candidates);
  if (match !== undefined) return `did you mean "${match}"?`;
  if (candidates.length === 0) return `there are no ${what}`;
  return `${what}: ${candidates.join(', ')}`;
}

/** Optimal string alignment distance: Levenshtein where swapping two neighbours (`titel`) costs one edit. */
function editDistance(a: string, b: string): number {
  const width = b.length + 1;
  const table: number[] = [];
  // Unfilled cells are the borders: the distance from an empty prefix is the other prefix's length.
  const at = (i: number, j: number): number => table[i * width + j] ?? Math.max(i, j);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, at(i - 2, j - 2) + 1);
      }
      table[i * width + j] = distance;
    }
  }
  return at(a.length, b.length);
}
