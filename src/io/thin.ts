/**
 * Thinning a learning curve: `--every k` keeps every k-th point, `--max-points n` keeps at most
 * n points evenly spaced in log-step (the early, fast-changing part of a curve keeps its
 * detail). The first and last points are always kept.
 */

/**
 * Indices of the points to keep, ascending.
 * @param x - steps (or tokens) of each point, sorted ascending
 * @example thinIndices(Float64Array.of(1, 2, 3, 4, 5), { every: 2 }) // [0, 2, 4]
 */
export function thinIndices(x: Float64Array, options: { every?: number; maxPoints?: number }): number[] {
  const count = x.length;
  let keep: number[] = [];
  const every = options.every ?? 1;
  for (let i = 0; i < count; i += every) keep.push(i);
  if (count > 0 && keep[keep.length - 1] !== count - 1) keep.push(count - 1);
  const maxPoints = options.maxPoints;
  if (maxPoints !== undefined && keep.length > maxPoints) keep = logSpaced(x, keep, maxPoints);
  return keep;
}

function logSpaced(x: Float64Array, candidates: number[], maxPoints: number): number[] {
  if (maxPoints <= 1) return [candidates[candidates.length - 1]!];
  // A curve that starts at step 0 is measured as log(1 + x), so step 0 has a place on the scale.
  const offset = x[candidates[0]!]! > 0 ? 0 : 1;
  const position = (i: number): number => Math.log(Math.max(0, x[i]!) + offset);
  const lo = position(candidates[0]!);
  const hi = position(candidates[candidates.length - 1]!);
  const chosen: number[] = [];
  let c = 0;
  for (let k = 0; k < maxPoints; k++) {
    const target = lo + ((hi - lo) * k) / (maxPoints - 1);
    while (c + 1 < candidates.length && Math.abs(position(candidates[c + 1]!) - target) <= Math.abs(position(candidates[c]!) - target)) c++;
    if (chosen[chosen.length - 1] !== candidates[c]) chosen.push(candidates[c]!);
  }
  return chosen;
}
