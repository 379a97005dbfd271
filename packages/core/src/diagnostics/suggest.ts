/**
 * "Did you mean …": one helper for names, coded values and units, so every suggestion in Eligo
 * follows the same notion of "close".
 */

/** Optimal-string-alignment Damerau–Levenshtein distance: a swap of two neighbours costs one edit. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, prevPrev[j - 2]! + 1);
      row.push(d);
    }
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The candidates close enough to `input` to be worth suggesting, best first (ties keep the
 * candidates' order). Case differences alone always qualify; otherwise a candidate may differ by
 * about a third of the input's length (at least one edit), so short names only match typos.
 */
export function suggest(input: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = input.toLowerCase();
  const threshold = Math.max(1, Math.floor(input.length / 3));
  const scored: { name: string; distance: number; index: number }[] = [];
  let index = 0;
  for (const name of new Set(candidates)) {
    if (name === input) continue;
    const distance = name.toLowerCase() === lower ? 0 : editDistance(lower, name.toLowerCase());
    if (distance <= threshold) scored.push({ name, distance, index });
    index++;
  }
  scored.sort((x, y) => x.distance - y.distance || x.index - y.index);
  return scored.slice(0, limit).map((s) => s.name);
}

/** "'a'", "'a' or 'b'", "'a', 'b' or 'c'" */
export function quoteList(names: readonly string[], conjunction = 'or'): string {
  const quoted = names.map((n) => `'${n}'`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted.at(-1)}`;
}

/** `did you mean 'x'?` or undefined when nothing is close. */
export function didYouMean(suggestions: readonly string[]): string | undefined {
  return suggestions.length > 0 ? `did you mean ${quoteList(suggestions)}?` : undefined;
}
