/**
 * The candidate closest to a misspelt name, if it is close enough to be what was meant: at most one
 * edit per three characters, so `hrr` suggests `hr` but `it` does not suggest `hr`. A name of three
 * characters or more that starts a candidate is a shorthand for it (`obj` for `object`).
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const lowerName = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    const allowed = Math.max(1, Math.floor(Math.max(name.length, candidate.length) / 3));
    const shorthand = name.length >= 3 && lower.startsWith(lowerName);
    // Lengths apart by more than a distance the candidate could win with: no alignment needed.
    const gap = Math.abs(lowerName.length - lower.length);
    if (!shorthand && (gap > allowed || gap >= bestDistance)) continue;
    const distance = shorthand ? 1 : editDistance(lowerName, lower);
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
  // Row i, column j: the distance between the first i characters of a and the first j of b. The
  // borders are the distance from an empty prefix: the other prefix's length.
  const table = new Array<number>((a.length + 1) * width);
  for (let j = 0; j < width; j++) table[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = i * width;
    table[row] = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      const up = (table[row - width + j] as number) + 1;
      const left = (table[row + j - 1] as number) + 1;
      const diagonal = (table[row - width + j - 1] as number) + substitution;
      let distance = Math.min(up, left, diagonal);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, (table[row - 2 * width + j - 2] as number) + 1);
      }
      table[row + j] = distance;
    }
  }
  return table[a.length * width + b.length] as number;
}
