/** Lower case, without accents: "Équipement" and "equipement" are the same word to a search box. */
function folded(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** Whether every word of `query` is in one of `texts` (an empty query matches everything). */
export function matches(query: string, ...texts: readonly (string | null | undefined)[]): boolean {
  const haystack = folded(texts.filter(Boolean).join(' '));
  return folded(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}
