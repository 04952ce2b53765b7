/** Synthetic runs from known constants with seeded log-normal noise, for recovery tests. */
import type { Run } from "../../src/io/runs.js";
import { seededRandom } from "../../src/fit/bootstrap.js";
import { huber } from "../../src/fit/huberLse.js";

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

/**
 * [a, b, e, alpha, beta] where the Approach-3 objective is checked: near the optimum, at grid
 * corners, where e^(a − α ln N) or B/D^β overflows or underflows, and where E does.
 */
export const OBJECTIVE_THETAS = [
  [6.17, 7.65, 0.59, 0.34, 0.37],
  [0, 0, -1, 0, 0],
  [25, 25, 1, 2, 2],
  [25, 0, 1, 0, 0.5],
  [800, 5, 0, 0.5, 0.5],
  [5, -800, 0, 0.5, 0.01],
  [3, 4, 800, 0.3, 0.3],
  [1, 2, -800, 0.3, 0.3],
];

/**
 * Σ Huber_δ(log(e^(a − α ln N) + e^(b − β ln D) + e^e) − ln L) transcribed from its formula
 * (laws.md, "Fit"): the log-sum-exp shifted by its largest term, Math.exp throughout, no shared terms.
 */
export function directHuberLse(x: ArrayLike<number>, lnN: Float64Array, lnD: Float64Array, lnL: Float64Array, delta: number): number {
  let total = 0;
  for (let i = 0; i < lnL.length; i++) {
    const terms = [x[0]! - x[3]! * lnN[i]!, x[1]! - x[4]! * lnD[i]!, x[2]!];
    const top = Math.max(...terms);
    const lse = top + Math.log(terms.reduce((sum, t) => sum + Math.exp(t - top), 0));
    total += huber(lse - lnL[i]!, delta);
  }
  return total;
}

/** For the Approach-3 objective's tests: 24 points: 6 model sizes × 4 token counts (repeated N and D, as in real sweeps), losses near a Chinchilla law. */
export function repeatedPoints() {
  const random = seededRandom(3);
  const lnN: number[] = [];
  const lnD: number[] = [];
  const lnL: number[] = [];
  for (const n of [1e7, 4e7, 1e8, 5e8, 1e9, 7e9])
    for (const d of [1e9, 1e10, 5e10, 3e11]) {
      lnN.push(Math.log(n));
      lnD.push(Math.log(d));
      lnL.push(Math.log((1.8 + 480 / n ** 0.34 + 2100 / d ** 0.37) * Math.exp(0.01 * (random() - 0.5))));
    }
  return { lnN: Float64Array.from(lnN), lnD: Float64Array.from(lnD), lnL: Float64Array.from(lnL) };
}

/** For the grid fit's tests: 60 points, 10 sizes × 6 token counts, on Hoffmann's fitted law with 1% noise in ln L. */
export function noisyHoffmannPoints() {
  const random = seededRandom(11);
  const lnN: number[] = [];
  const lnD: number[] = [];
  const lnL: number[] = [];
  for (let i = 0; i < 10; i++)
    for (let k = 0; k < 6; k++) {
      const n = 1e7 * 10 ** (i / 3);
      const d = 1e9 * 10 ** (k / 2);
      lnN.push(Math.log(n));
      lnD.push(Math.log(d));
      lnL.push(Math.log(1.69 + 406.4 / n ** 0.34 + 410.7 / d ** 0.28) + 0.01 * normal(random));
    }
  return { lnN: Float64Array.from(lnN), lnD: Float64Array.from(lnD), lnL: Float64Array.from(lnL) };
}
