/** Synthetic runs from known constants with seeded log-normal noise, for recovery tests. */
import type { Run } from "../../src/io/runs.js";
import { seededRandom } from "../../src/fit/bootstrap.js";

/** A standard normal by Box–Muller from a seeded uniform generator. */
export function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** One final-results run: loss = law(N, D) · exp(sigma z). */
export function finalRun(id: string, nParams: number, nTokens: number, lossNats: number): Run {
  return {
    id,
    nParams,
    batchTokens: null,
    steps: null,
    tokens: Float64Array.of(nTokens),
    loss: Float64Array.of(lossNats),
    finalLoss: lossNats,
    bestLoss: lossNats,
    file: "synthetic",
  };
}

/** Final-results runs on a grid of sizes × token counts of a law L(N, D), with noise sigma in ln L. */
export function gridRuns(
  law: (nParams: number, nTokens: number) => number,
  sizes: readonly number[],
  tokenCounts: readonly number[],
  sigma: number,
  seed = 7,
): Run[] {
  const random = seededRandom(seed);
  const runs: Run[] = [];
  for (const n of sizes) {
    for (const d of tokenCounts) {
      runs.push(finalRun(`N=${n} D=${d}`, n, d, law(n, d) * Math.exp(sigma * normal(random))));
    }
  }
  return runs;
}

export const geometric = (from: number, to: number, count: number): number[] =>
  Array.from({ length: count }, (_, i) => from * Math.pow(to / from, i / (count - 1)));
