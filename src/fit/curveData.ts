/**
 * Points for the laws fitted to learning curves (Kaplan et al. 2020, sec. 5): B_crit(L) from
 * the steps and tokens each batch size needed to reach a loss (eq. 5.4 region), L(N, S_min)
 * (eq. 1.6) with S_min = S/(1 + B_crit(L)/B), and the lower envelope of L against
 * C_min = 6 N E_min (eq. 1.3), E_min = E/(1 + B/B_crit(L)).
 */
import { ScalingError } from "../errors.js";
import type { Run } from "../io/runs.js";
import { FLOPS_PER_PF_DAY } from "../io/units.js";
import { criticalBatchTokens } from "../laws/kaplan.js";
import type { LawBcrit } from "../laws/types.js";
import { levenbergMarquardt } from "./levenbergMarquardt.js";
import { distinctCount } from "./lawData.js";
import { linearRegression } from "./leastSquaresFit.js";
import type { LogData } from "./logData.js";

type Curve = { run: Run; index: number; nParams: number; batchTokens: number; steps: Float64Array; loss: Float64Array };

function curvesOf(runs: readonly Run[]): Curve[] {
  return runs.flatMap((run, index) =>
    run.nParams !== null && run.batchTokens !== null && run.steps !== null && run.loss.length > 1
      ? [{ run, index, nParams: run.nParams, batchTokens: run.batchTokens, steps: run.steps, loss: run.loss }]
      : [],
  );
}

/** Steps a curve needed to first reach `target` (running minimum, log-log interpolation), or null. */
export function stepsToReach(steps: Float64Array, loss: Float64Array, target: number): number | null {
  let best = Infinity;
  for (let i = 0; i < loss.length; i++) {
    const previous = best;
    best = Math.min(best, loss[i]!);
    if (best <= target && steps[i]! > 0) {
      if (i === 0 || !Number.isFinite(previous) || steps[i - 1]! <= 0) return steps[i]!;
      const t = (Math.log(previous) - Math.log(target)) / (Math.log(previous) - Math.log(best));
      return Math.exp(Math.log(steps[i - 1]!) + t * (Math.log(steps[i]!) - Math.log(steps[i - 1]!)));
    }
  }
  return null;
}

/**
 * S_min and E_min at one loss target from runs at several batch sizes: S = S_min + E_min/B
 * (equivalent to (S/S_min − 1)(E/E_min − 1) = 1), fitted in log space from the linear
 * regression of S on 1/B. Null when the fit gives no positive S_min, E_min.
 */
export function minStepsAndTokens(batchTokens: number[], steps: number[]): { minSteps: number; minTokens: number } | null {
  const [intercept, slope] = linearRegression(batchTokens.map((b) => 1 / b), steps);
  const start = [Math.log(Math.max(intercept, 1e-3 * Math.min(...steps))), Math.log(Math.max(slope, 1e-3 * Math.min(...steps) * Math.min(...batchTokens)))];
  const lnS = steps.map(Math.log);
  const result = levenbergMarquardt(
    {
      nParams: 2,
      nResiduals: steps.length,
      evaluate(theta, r, jac) {
        const sMin = Math.exp(theta[0]!);
        const eMin = Math.exp(theta[1]!);
        for (let i = 0; i < steps.length; i++) {
          const model = sMin + eMin / batchTokens[i]!;
          r[i] = Math.log(model) - lnS[i]!;
          if (jac !== null) {
            jac[2 * i] = sMin / model;
            jac[2 * i + 1] = eMin / batchTokens[i]! / model;
          }
        }
      },
    },
    start,
  );
  if (!result.converged) return null;
  return { minSteps: Math.exp(result.theta[0]!), minTokens: Math.exp(result.theta[1]!) };
}

/** One loss target of a batch sweep: the steps and tokens each run took to reach it. */
export interface BatchSweep {
  lossNats: number;
  /** The model size of the sweep's runs (figures colour sweeps by it; optional for hand-made sweeps). */
  nParams?: number;
  runs: readonly { steps: number; tokens: number }[];
  /** S_min and E_min fitted for this target (S = S_min + E_min/B). */
  minSteps: number;
  minTokens: number;
}

/**
 * The batch sweeps behind B_crit(L): for each model size with runs at 3 or more batch sizes,
 * at 8 loss targets log-spaced between the highest loss every run has passed after minStep and
 * the lowest all reach, the steps and tokens each run took and the S_min, E_min fitted to them.
 * `mostBatchSizes` is the largest number of batch sizes any model size has.
 */
export function batchSweeps(runs: readonly Run[], minStep: number): { sweeps: BatchSweep[]; mostBatchSizes: number } {
  const bySize = new Map<number, Curve[]>();
  for (const curve of curvesOf(runs)) bySize.set(curve.nParams, [...(bySize.get(curve.nParams) ?? []), curve]);
  const sweeps: BatchSweep[] = [];
  let mostBatchSizes = 0;
  for (const curves of bySize.values()) {
    const batches = distinctCount(curves.map((c) => c.batchTokens));
    mostBatchSizes = Math.max(mostBatchSizes, batches);
    if (batches < 3) continue;
    const after = (c: Curve): number[] => Array.from(c.loss).filter((_, i) => c.steps[i]! >= minStep);
    const upper = Math.min(...curves.map((c) => Math.max(...after(c))));
    const lower = Math.max(...curves.map((c) => Math.min(...c.loss)));
    if (!(upper > lower)) continue;
    for (let k = 0; k < 8; k++) {
      const target = Math.exp(Math.log(lower * 1.002) + ((k + 0.5) / 8) * (Math.log(upper) - Math.log(lower * 1.002)));
      const needed = curves.map((c) => stepsToReach(c.steps, c.loss, target));
      if (needed.some((s) => s === null)) continue;
      const steps = needed as number[];
      const fit = minStepsAndTokens(curves.map((c) => c.batchTokens), steps);
      if (fit === null) continue;
      const sweepRuns = curves.map((c, i) => ({ steps: steps[i]!, tokens: steps[i]! * c.batchTokens }));
      sweeps.push({ lossNats: target, nParams: curves[0]!.nParams, ...fit, runs: sweepRuns });
    }
  }
  return { sweeps, mostBatchSizes };
}

/** B_crit(L) points: B_crit = E_min/S_min at each target of the batch sweeps. */
export function dataBcrit(runs: readonly Run[], minStep: number): LogData {
  const { sweeps, mostBatchSizes: most } = batchSweeps(runs, minStep);
  const lnLoss = sweeps.map((sweep) => Math.log(sweep.lossNats));
  const lnBcrit = sweeps.map((sweep) => Math.log(sweep.minTokens / sweep.minSteps));
  if (most < 3) throw new ScalingError("data", `B_crit(L) needs learning curves of one model size at 3 or more batch sizes; got ${most === 0 ? "no learning curves with params and batch size" : `at most ${most}`}`);
  if (lnLoss.length < 3) throw new ScalingError("data", `B_crit(L) needs 3 loss targets that every batch size reaches; got ${lnLoss.length}`);
  // The bootstrap resamples model sizes: a size's targets all come from the same runs (its
  // batch sweep), so resampling the targets one by one would treat 8 correlated points as 8
  // independent ones and give intervals too narrow.
  const sizes = [...new Set(sweeps.map((sweep) => sweep.nParams))];
  return { lnX: [Float64Array.from(lnLoss)], lnL: Float64Array.from(lnBcrit), runOf: Int32Array.from(sweeps, (sweep) => sizes.indexOf(sweep.nParams)) };
}

/** L(N, S_min) points: every learning-curve point after minStep, S_min = S/(1 + B_crit(L)/B). */
export function dataNS(runs: readonly Run[], minStep: number, bcrit: LawBcrit): LogData {
  const curves = curvesOf(runs);
  const sizes = distinctCount(curves.map((c) => c.nParams));
  if (sizes < 3) throw new ScalingError("data", `L(N,S_min) needs learning curves (steps, batch size) of at least 3 model sizes; got ${sizes}`);
  const lnN: number[] = [];
  const lnS: number[] = [];
  const lnL: number[] = [];
  const runOf: number[] = [];
  for (const c of curves) {
    for (let i = 0; i < c.loss.length; i++) {
      if (c.steps[i]! < minStep || !(c.loss[i]! > 0)) continue;
      const minSteps = c.steps[i]! / (1 + criticalBatchTokens(bcrit, c.loss[i]!) / c.batchTokens);
      lnN.push(Math.log(c.nParams));
      lnS.push(Math.log(minSteps));
      lnL.push(Math.log(c.loss[i]!));
      runOf.push(c.index);
    }
  }
  return { lnX: [Float64Array.from(lnN), Float64Array.from(lnS)], lnL: Float64Array.from(lnL), runOf: Int32Array.from(runOf) };
}

/** L(C_min) points: the lower envelope of loss against C_min (PF-days) over all curve points. */
export function dataCmin(runs: readonly Run[], minStep: number, bcrit: LawBcrit): LogData {
  const points: Array<{ c: number; loss: number; run: number }> = [];
  for (const c of curvesOf(runs)) {
    const tokens = c.run.tokens;
    if (tokens === null) continue;
    for (let i = 0; i < c.loss.length; i++) {
      if (c.steps[i]! < minStep || !(c.loss[i]! > 0) || !(tokens[i]! > 0)) continue;
      const minTokens = tokens[i]! / (1 + c.batchTokens / criticalBatchTokens(bcrit, c.loss[i]!));
      points.push({ c: (6 * c.nParams * minTokens) / FLOPS_PER_PF_DAY, loss: c.loss[i]!, run: c.index });
    }
  }
  points.sort((a, b) => a.c - b.c);
  const lower: typeof points = [];
  for (const p of points) if (lower.length === 0 || p.loss < lower[lower.length - 1]!.loss) lower.push(p);
  // The envelope is the frontier only where it passes between model sizes: below the first
  // hand-over it is the smallest model's early curve, above the last one the largest model's
  // converging curve (both bend the fit: alphaC 0.064 instead of B.7's 0.052 on Kaplan's curves).
  const first = lower.findIndex((p) => p.run !== lower[0]!.run);
  const last = lower.findLastIndex((p) => p.run !== lower[lower.length - 1]!.run);
  const envelope = first < 0 ? [] : lower.slice(first - 1, last + 2);
  if (envelope.length < 3) {
    throw new ScalingError(
      "data",
      `L(C_min) needs learning curves of several model sizes whose lower envelope passes from one size to the next; got ${envelope.length} points where it does`,
    );
  }
  return {
    lnX: [Float64Array.from(envelope, (p) => Math.log(p.c))],
    lnL: Float64Array.from(envelope, (p) => Math.log(p.loss)),
    runOf: Int32Array.from(envelope, (p) => p.run),
  };
}
