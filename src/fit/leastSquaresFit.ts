/**
 * Multi-start least squares in log space, with standard errors: the shared machinery of the
 * laws fitted by Levenberg–Marquardt (n, d, cmin, nd, ns). The residual of point i is
 * ln L_hat_i − ln L_i; the fit keeps the converged start of lowest Σ r²; a fit where no
 * start converged throws ScalingError("fit").
 */
import { ScalingError } from "../errors.js";
import type { LeastSquaresProblem, SolverResult } from "./levenbergMarquardt.js";
import { levenbergMarquardt } from "./levenbergMarquardt.js";
import { gramInto, inverseSpd } from "./linalg.js";

export interface MultiStartResult extends SolverResult {
  starts: number;
  /** Starts that converged to within 1e-6 (relative) of the best Σ r². */
  startsAtOptimum: number;
}

export function fitMultiStart(what: string, problem: LeastSquaresProblem, starts: ReadonlyArray<ArrayLike<number>>): MultiStartResult {
  let best: SolverResult | null = null;
  const objectives: number[] = [];
  for (const start of starts) {
    const result = levenbergMarquardt(problem, start);
    const value = result.converged && Number.isFinite(result.objective) ? result.objective : Infinity;
    objectives.push(value);
    if (value < (best?.objective ?? Infinity)) best = result;
  }
  if (best === null) {
    throw new ScalingError("fit", `${what}: the fit did not converge from any of ${starts.length} starts; the data may not follow this law`);
  }
  const bestObjective = best.objective;
  const startsAtOptimum = objectives.filter((v) => v <= bestObjective * (1 + 1e-6) + 1e-300).length;
  return { ...best, starts: starts.length, startsAtOptimum };
}

/**
 * Standard errors of θ from inverse(JᵀJ)·s², s² = Σ r² / (n − p) (as scipy's curve_fit with
 * absolute_sigma=False). NaN where JᵀJ is singular or n ≤ p.
 */
export function standardErrors(problem: LeastSquaresProblem, theta: Float64Array): Float64Array {
  const n = problem.nResiduals;
  const p = problem.nParams;
  const r = new Float64Array(n);
  const jac = new Float64Array(n * p);
  problem.evaluate(theta, r, jac);
  const out = new Float64Array(p).fill(NaN);
  if (n <= p) return out;
  let ssr = 0;
  for (let i = 0; i < n; i++) ssr += r[i]! * r[i]!;
  const jtj = new Float64Array(p * p);
  gramInto(jac, n, p, jtj);
  const inverse = inverseSpd(jtj, p);
  if (inverse === null) return out;
  const s2 = ssr / (n - p);
  for (let j = 0; j < p; j++) out[j] = Math.sqrt(inverse[j * p + j]! * s2);
  return out;
}

/** Closed-form least squares ln L = k0 + k1 x (a log-log regression): [k0, k1]. */
export function linearRegression(x: ArrayLike<number>, y: ArrayLike<number>): [number, number] {
  const n = y.length;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += x[i]!;
    sy += y[i]!;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i]! - mx) * (x[i]! - mx);
    sxy += (x[i]! - mx) * (y[i]! - my);
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return [my - slope * mx, slope];
}
