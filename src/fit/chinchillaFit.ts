/**
 * Fitting L(N,D) = E + A/N^alpha + B/D^beta by Hoffmann et al. 2022's Approach 3, exactly
 * (laws.md, "Hoffmann et al. 2022"): minimise Σ Huber_δ(LSE(a − α ln N, b − β ln D, e) − ln L)
 * with δ = 1e-3, by L-BFGS from every point of a grid of initialisations, keeping the best.
 * The default grid is Hoffmann's, as replicated by Besiroglu et al. 2024: α, β ∈ {0, 0.5, …, 2},
 * e ∈ {−1, −0.5, …, 1}, a, b ∈ {0, 5, …, 25}: 4,500 starts. Every start is run to the screen
 * tolerance (gridScreen.ts: in native code when it is built, else spread over worker threads from
 * PARALLEL_STARTS starts up; the same result on any number of threads), then the best few are
 * polished in JavaScript.
 */
import { ScalingError } from "../errors.js";
import { nativeReader } from "../io/native.js";
import type { LawChinchilla } from "../laws/types.js";
import { defaultScreenThreads, screenStarts } from "./gridScreen.js";
import { huberLseObjective } from "./huberLse.js";
import type { LbfgsOptions } from "./lbfgs.js";
import { Lbfgs } from "./lbfgs.js";

export interface ChinchillaPoints {
  /** N of each point (parameters as the data counts them). */
  nParams: ArrayLike<number>;
  /** D of each point, tokens. */
  nTokens: ArrayLike<number>;
  /** Loss of each point, nats/token. */
  lossNats: ArrayLike<number>;
}

export interface ChinchillaFitOptions {
  /** @default 1e-3 (Hoffmann et al. 2022) */
  huberDelta?: number;
  /** Starts as [a, b, e, alpha, beta]. @default HOFFMANN_GRID */
  starts?: ReadonlyArray<ArrayLike<number>>;
  /** Tolerances of the final polish of the best starts. @default L-BFGS defaults */
  lbfgs?: LbfgsOptions;
  /** Tolerances of the first pass over all starts. @default { ftol: 1e-10, gtol: 1e-8 } */
  screen?: LbfgsOptions;
  /**
   * Threads for the first pass (gridScreen.ts); the result is the same for any number.
   * @default the available cores (at most 8) from PARALLEL_STARTS starts up, else 1
   */
  threads?: number;
  /**
   * Screen in native code when the addon is built (native/grid.c): about 3x faster a start, the
   * same optimum. False: JavaScript only (the CLI's SCALING_NATIVE=0). @default true
   */
  native?: boolean;
}

/** How many of the best screened starts are polished. */
const POLISHED = 5;

/** Fewer starts than this are screened on one thread: a worker costs ~30 ms to start. */
export const PARALLEL_STARTS = 400;

export interface ChinchillaFitResult {
  law: LawChinchilla;
  /** [a, b, e, alpha, beta] at the optimum. */
  theta: Float64Array;
  /** Σ Huber at the optimum. */
  objective: number;
  /** L-BFGS iterations of the best start (screen and polish). */
  iterations: number;
  converged: boolean;
  /** Starts tried, and how many converged to within 1e-6 (relative) of the best objective. */
  starts: number;
  startsAtOptimum: number;
  /** Threads the first pass ran on (it does not change the result). */
  threads: number;
  /** Where the first pass ran (ChinchillaFitOptions.native). */
  screenEngine: "native" | "javascript";
}

function range(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let v = from; v <= to + 1e-9; v += step) values.push(Math.round(v * 1e9) / 1e9);
  return values;
}

/** Hoffmann's grid of initialisations (Besiroglu et al. 2024, data_analysis.ipynb cell 18). */
export function hoffmannGrid(): Float64Array[] {
  const starts: Float64Array[] = [];
  for (const alpha of range(0, 2, 0.5))
    for (const beta of range(0, 2, 0.5))
      for (const e of range(-1, 1, 0.5))
        for (const a of range(0, 25, 5)) for (const b of range(0, 25, 5)) starts.push(Float64Array.of(a, b, e, alpha, beta));
  return starts;
}

export function thetaToChinchilla(theta: ArrayLike<number>): LawChinchilla {
  return { E: Math.exp(theta[2]!), A: Math.exp(theta[0]!), B: Math.exp(theta[1]!), alpha: theta[3]!, beta: theta[4]! };
}

/** Log arrays of the points, checked positive and finite. */
export function chinchillaLogs(points: ChinchillaPoints): { lnN: Float64Array; lnD: Float64Array; lnL: Float64Array } {
  const count = points.lossNats.length;
  const lnN = new Float64Array(count);
  const lnD = new Float64Array(count);
  const lnL = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    lnN[i] = Math.log(points.nParams[i]!);
    lnD[i] = Math.log(points.nTokens[i]!);
    lnL[i] = Math.log(points.lossNats[i]!);
    if (!Number.isFinite(lnN[i]!) || !Number.isFinite(lnD[i]!) || !Number.isFinite(lnL[i]!)) {
      throw new ScalingError("data", `chinchilla fit: point ${i} has a non-positive or non-finite N, D or loss`);
    }
  }
  return { lnN, lnD, lnL };
}

/**
 * The Approach-3 fit. Throws ScalingError("fit") when no start converges.
 * @example fitChinchilla({ nParams, nTokens, lossNats }).law // { E, A, B, alpha, beta }
 */
export function fitChinchilla(
  points: ChinchillaPoints | { lnN: Float64Array; lnD: Float64Array; lnL: Float64Array },
  options: ChinchillaFitOptions = {},
): ChinchillaFitResult {
  const delta = options.huberDelta ?? 1e-3;
  const { lnN, lnD, lnL } = "lnL" in points ? points : chinchillaLogs(points);
  const starts = options.starts ?? hoffmannGrid();
  // Every start to the screen tolerance, then the best few polished to a tight one: the same
  // optimum for a fraction of the iterations (issue 7).
  // A single start (the bootstrap's warm start, a test from one grid point) runs tight at once.
  const screen: LbfgsOptions = starts.length > POLISHED ? { ftol: 1e-10, gtol: 1e-8, ...options.screen } : (options.lbfgs ?? {});
  const flatStarts = new Float64Array(5 * starts.length);
  for (const [index, start] of starts.entries()) {
    if (start.length !== 5) throw new ScalingError("fit", `chinchilla fit: start ${index} has ${start.length} values, not 5`);
    flatStarts.set(start, 5 * index);
  }
  const threads = options.threads ?? (starts.length >= PARALLEL_STARTS ? defaultScreenThreads() : 1);
  // Five starts or fewer (the bootstrap's single warm start) run tight at once in JavaScript:
  // the screen is then the fit itself, and there is nothing to gain from native code.
  const native = starts.length > POLISHED ? nativeReader(options) : null;
  const screened = screenStarts({ lnN, lnD, lnL, huberDelta: delta, starts: flatStarts, screen }, threads, native);
  const { objectives, ends } = screened;
  const ranked = [...objectives.keys()].filter((i) => objectives[i]! < Infinity).sort((i, j) => objectives[i]! - objectives[j]!);
  const objective = huberLseObjective(lnN, lnD, lnL, delta);
  const solver = new Lbfgs(5);
  let best: { theta: Float64Array; objective: number; iterations: number } | null = null;
  for (const index of ranked.slice(0, POLISHED)) {
    const result = solver.minimize(objective, ends.subarray(5 * index, 5 * index + 5), options.lbfgs);
    result.iterations += screened.iterations[index]!;
    if (result.converged && result.objective < (best?.objective ?? Infinity)) best = result;
  }
  if (best === null) {
    throw new ScalingError("fit", `chinchilla fit did not converge from any of ${starts.length} starts`);
  }
  let startsAtOptimum = 0;
  for (const value of objectives) if (value <= best.objective * (1 + 1e-6)) startsAtOptimum++;
  return {
    law: thetaToChinchilla(best.theta),
    theta: best.theta,
    objective: best.objective,
    iterations: best.iterations,
    converged: true,
    starts: starts.length,
    startsAtOptimum,
    threads: screened.threads,
    screenEngine: screened.engine,
  };
}
