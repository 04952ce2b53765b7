/**
 * Goodness of fit in log space: RMSE of ln L residuals and R² = 1 − SSR/SST of ln L, and the
 * extrapolation error of a holdout (issue 4: the question users care about most).
 */
import type { LogData } from "./logData.js";

export interface Goodness {
  /** sqrt(mean (ln L_hat − ln L)²). */
  rmse: number;
  /** 1 − Σ (ln L_hat − ln L)² / Σ (ln L − mean ln L)². */
  r2: number;
  points: number;
  runs: number;
}

export type PredictLn = (theta: ArrayLike<number>, lnX: readonly number[]) => number;

export function residualsLn(data: LogData, theta: ArrayLike<number>, predictLn: PredictLn): Float64Array {
  const dims = data.lnX.length;
  const row = new Array<number>(dims);
  return Float64Array.from(data.lnL, (lnL, i) => {
    for (let k = 0; k < dims; k++) row[k] = data.lnX[k]![i]!;
    return predictLn(theta, row) - lnL;
  });
}

export function goodness(data: LogData, theta: ArrayLike<number>, predictLn: PredictLn): Goodness {
  const residuals = residualsLn(data, theta, predictLn);
  let ssr = 0;
  let mean = 0;
  for (let i = 0; i < residuals.length; i++) {
    ssr += residuals[i]! * residuals[i]!;
    mean += data.lnL[i]!;
  }
  mean /= data.lnL.length;
  let sst = 0;
  for (const v of data.lnL) sst += (v - mean) * (v - mean);
  return {
    rmse: Math.sqrt(ssr / residuals.length),
    r2: sst > 0 ? 1 - ssr / sst : NaN,
    points: residuals.length,
    runs: new Set(data.runOf).size,
  };
}

export interface Holdout {
  /** N of the held-out model size. */
  heldOutParams: number;
  points: number;
  /** RMSE of ln L of the held-out points, predicted by the fit on the rest. */
  rmse: number;
  /** Mean and largest |L_hat/L − 1| of the held-out points. */
  meanRelError: number;
  maxRelError: number;
}

export function extrapolation(held: LogData, theta: ArrayLike<number>, predictLn: PredictLn): Omit<Holdout, "heldOutParams"> {
  const residuals = residualsLn(held, theta, predictLn);
  let ssr = 0;
  let sumRel = 0;
  let maxRel = 0;
  for (const r of residuals) {
    ssr += r * r;
    const rel = Math.abs(Math.expm1(r));
    sumRel += rel;
    maxRel = Math.max(maxRel, rel);
  }
  return { points: residuals.length, rmse: Math.sqrt(ssr / residuals.length), meanRelError: sumRel / residuals.length, maxRelError: maxRel };
}
