/**
 * "Did you mean …?" for a mistyped flag or command: the known name nearest by edit distance
 * (a swap of two neighbouring letters counts as one edit, so `--prot` finds `--port`), or one
 * that starts with what was typed (`--allow-remote`).
 */

/** The known name closest to `typed`, or undefined when none is close enough to be a typo. */
export function closestName(typed: string, known: readonly string[]): string | undefined {
  const word = typed.toLowerCase();
  if (word.length < 2) return undefined;
  // A third of the word may be wrong: `jsn` → `json`, `recapcha` → `recaptcha`, `colour` → none.
  const allowed = Math.max(1, Math.floor(word.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(word, name.toLowerCase());
    if (distance <= allowed && (best === undefined || distance < best.distance))
      best = { name, distance };
  }
  if (best) return best.name;
  const extending = known.filter((name) => name.startsWith(word));
  return extending.length === 1 ? extending[0] : undefined;
}

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
function editDistance(a: string, b: string): number {
  // Three rows of the dynamic-programming table: two back is what a swap needs.
  let twoBack: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, (twoBack[j - 2] ?? 0) + 1);
      current.push(value);
    }
    twoBack = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}
