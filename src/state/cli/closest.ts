/** "Did you mean": the known words closest to a mistyped one (commands, field paths, key fields). */

/** Levenshtein distance (words here are short). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Up to `max` candidates close to `word`, closest first: within a third of
 * the word's length (at least 2 edits), or one that starts with it or that it
 * starts with (`prov` → `providers`, `providerss` → `providers`).
 */
export function closestWords(word: string, candidates: readonly string[], max = 1): string[] {
  const w = word.toLowerCase();
  const limit = Math.max(2, Math.floor(w.length / 3));
  return [...new Set(candidates)]
    .map((c) => {
      const lc = c.toLowerCase();
      const prefix = w.length >= 3 && (lc.startsWith(w) || w.startsWith(lc)) ? 1 : Infinity;
      return { c, score: Math.min(editDistance(w, lc), prefix) };
    })
    .filter((s) => s.score <= limit)
    .sort((a, b) => a.score - b.score || a.c.localeCompare(b.c))
    .slice(0, max)
    .map((s) => s.c);
}

/** `; did you mean 'x'?` (or `'x' or 'y'`), or '' when nothing is close. */
export function didYouMean(word: string, candidates: readonly string[], max = 1): string {
  const near = closestWords(word, candidates, max);
  if (near.length === 0) return '';
  return `: did you mean ${near.map((n) => `'${n}'`).join(' or ')}?`;
}
