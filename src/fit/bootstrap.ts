/**
 * Seeded resampling: a small deterministic generator (mulberry32), resamples of runs with
 * replacement, and percentile intervals (the 95% interval is the 2.5th to 97.5th percentile
 * of the refitted constants).
 */

/** mulberry32: a 32-bit seeded generator of uniforms in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `runs.length` runs drawn with replacement. */
export function resample(runs: readonly number[], random: () => number): number[] {
  return runs.map(() => runs[Math.floor(random() * runs.length)]!);
}

/** The q-quantile (0 ≤ q ≤ 1) of sorted values, linearly interpolated (numpy's default). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (position - below) * (sorted[above]! - sorted[below]!);
}

/** The 95% percentile interval of each named constant over the samples. */
export function percentileIntervals(samples: ReadonlyArray<Record<string, number>>, names: readonly string[]): Record<string, [number, number]> {
  const intervals: Record<string, [number, number]> = {};
  for (const name of names) {
    const sorted = samples.map((s) => s[name]!).sort((a, b) => a - b);
    intervals[name] = [quantileSorted(sorted, 0.025), quantileSorted(sorted, 0.975)];
  }
  return intervals;
}
