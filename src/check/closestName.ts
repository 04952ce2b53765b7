/**
 * The known name a misspelt one was most likely meant to be, for "did you mean ...?" hints:
 * first a name equal but for case and separators (`batch_Tokens` -> `batchTokens`), else the
 * nearest by Levenshtein distance (insertions, deletions, substitutions, each costing 1) when
 * at most 2 edits and under half the name's length away.
 * @example closestName("tokenz", ["params", "tokens"]) // "tokens"
 * @example closestName("vocab_size", ["params", "tokens"]) // undefined
 */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  const bare = (text: string): string => text.toLowerCase().replace(/[-_.\s]/g, "");
  const candidates = [...known];
  const loose = candidates.find((candidate) => bare(candidate) === bare(name));
  if (loose !== undefined) return loose;
  let best: string | undefined;
  let bestDistance = Math.min(2, Math.ceil(name.length / 2) - 1);
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance <= bestDistance && (best === undefined || distance < bestDistance)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance of two strings, by the two-row dynamic programme. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
