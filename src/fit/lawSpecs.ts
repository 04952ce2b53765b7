/**
 * Each fittable law: its form, its constants (DESIGN.md names), the points it takes from the
 * runs, how it is fitted (starts from closed-form log-log regressions), and its prediction.
 */
import type { Run } from "../io/runs.js";
import { KAPLAN } from "../laws/presets.js";
import type { LawBcrit, LawId } from "../laws/types.js";
import { dataBcrit, dataCmin, dataNS } from "./curveData.js";
import { chinchillaSpec } from "./chinchillaSpec.js";
import { mapConstants } from "./mapConstants.js";
import { dataD, dataN, dataND } from "./lawData.js";
import type { LeastSquaresProblem } from "./levenbergMarquardt.js";
import { fitMultiStart, linearRegression, standardErrors } from "./leastSquaresFit.js";
import type { LogData } from "./logData.js";
import type { LogModel } from "./models.js";
import { bcritModel, kaplanNDModel, kaplanNSModel, powerLawModel } from "./models.js";

export interface ExtractOptions {
  /** Points of learning curves before this step are the early transient and skipped. */
  minStep: number;
  /** B_crit(L) for S_min and E_min (ns, cmin). @default Kaplan's (presets.ts) */
  bcrit?: LawBcrit;
}

/** A fit in the solver's coordinates, mapped to the paper's constants. */
export interface CoreFit {
  theta: Float64Array;
  params: Record<string, number>;
  stderr: Record<string, number | null>;
  /** Σ r² (least squares) or Σ Huber (chinchilla), at the optimum. */
  objective: number;
  objectiveKind: "sum of squares of ln L residuals" | "sum of squares of ln B_crit residuals" | "sum of Huber(1e-3) of ln L residuals";
  iterations: number;
  converged: true;
  starts: number;
  startsAtOptimum: number;
}

export interface SpecFitOptions {
  /** @default true */
  native?: boolean;
}

export interface LawSpec {
  id: LawId;
  form: string;
  names: readonly string[];
  /** Whether the first regressor is ln N (so the largest model size can be held out). */
  firstIsN: boolean;
  extract(runs: readonly Run[], options: ExtractOptions): LogData;
  /**
   * Fits from the law's starts, or only from `warm` (the bootstrap), or `starts` when given;
   * `native: false` keeps a fit that can run in native code (chinchilla's grid) in JavaScript.
   */
  fit(data: LogData, warm?: Float64Array, starts?: ReadonlyArray<ArrayLike<number>>, options?: SpecFitOptions): CoreFit;
  predictLn(theta: ArrayLike<number>, lnX: readonly number[]): number;
}


export function lmLaw(
  id: LawId,
  form: string,
  model: LogModel,
  extract: LawSpec["extract"],
  defaultStarts: (data: LogData) => Float64Array[],
  firstIsN: boolean,
): LawSpec {
  return {
    id,
    form,
    names: model.names,
    firstIsN,
    extract,
    predictLn: model.predictLn,
    fit(data, warm, starts) {
      const problem: LeastSquaresProblem = model.problem(data);
      const result = fitMultiStart(`${id} fit`, problem, starts ?? (warm ? [warm] : defaultStarts(data)));
      const se = standardErrors(problem, result.theta);
      return {
        ...mapConstants(model, result.theta, se),
        theta: result.theta,
        objective: result.objective,
        // bcrit fits ln B_crit(L), the others ln L.
        objectiveKind: id === "bcrit" ? "sum of squares of ln B_crit residuals" : "sum of squares of ln L residuals",
        iterations: result.iterations,
        converged: true,
        starts: result.starts,
        startsAtOptimum: result.startsAtOptimum,
      };
    },
  };
}

/** ln L = k0 + k1 ln X gives alpha = −k1 and c = k0/alpha: the exact power-law optimum. */
export function powerLawStarts(data: LogData): Float64Array[] {
  const [k0, k1] = linearRegression(data.lnX[0]!, data.lnL);
  const alpha = Math.abs(k1) > 1e-12 ? -k1 : 0.05;
  return [Float64Array.of(alpha, k0 / alpha), Float64Array.of(0.1, 30), Float64Array.of(0.05, 40)];
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** L(N,D) starts: exponents from a grid around the joint log-log regression's slopes. */
function ndStarts(data: LogData): Float64Array[] {
  const [, kN] = linearRegression(data.lnX[0]!, data.lnL);
  const [, kD] = linearRegression(data.lnX[1]!, data.lnL);
  const lnL = mean(data.lnL);
  const starts: Float64Array[] = [];
  for (const alphaN of [Math.max(-kN, 0.01), 0.05, 0.1, 0.3]) {
    for (const alphaD of [Math.max(-kD, 0.01), 0.05, 0.1, 0.3]) {
      // Each term alone through the centroid: ln L = alpha (c − mean ln X).
      starts.push(Float64Array.of(alphaN, alphaD, lnL / alphaN + mean(data.lnX[0]!), lnL / alphaD + mean(data.lnX[1]!)));
    }
  }
  return starts;
}

export const LAW_SPECS: { [K in LawId]?: LawSpec } = {
  n: lmLaw("n", "L(N) = (Nc/N)^alphaN (Kaplan et al. 2020, eq. 1.1)", powerLawModel("alphaN", "Nc"), (runs) => dataN(runs), powerLawStarts, true),
  d: lmLaw(
    "d",
    "L(D) = (Dc/D)^alphaD (Kaplan et al. 2020, eq. 1.2)",
    powerLawModel("alphaD", "Dc"),
    (runs, options) => dataD(runs, options.minStep),
    powerLawStarts,
    false,
  ),
  nd: lmLaw(
    "nd",
    "L(N,D) = [(Nc/N)^(alphaN/alphaD) + Dc/D]^alphaD (Kaplan et al. 2020, eq. 1.5)",
    kaplanNDModel,
    (runs) => dataND(runs, "L(N,D)", 5),
    ndStarts,
    true,
  ),
  ns: lmLaw(
    "ns",
    "L(N,S_min) = (Nc/N)^alphaN + (Sc/S_min)^alphaS (Kaplan et al. 2020, eq. 1.6)",
    kaplanNSModel,
    (runs, options) => dataNS(runs, options.minStep, options.bcrit ?? KAPLAN.laws.bcrit!),
    nsStarts,
    true,
  ),
  bcrit: lmLaw(
    "bcrit",
    "B_crit(L) = Bstar / L^(1/alphaB) (Kaplan et al. 2020, eq. 1.4; fitted to ln B_crit)",
    bcritModel,
    (runs, options) => dataBcrit(runs, options.minStep),
    bcritStarts,
    false,
  ),
  cmin: lmLaw(
    "cmin",
    "L(C_min) = (Cc/C_min)^alphaC, C_min in PF-days (Kaplan et al. 2020, eq. 1.3)",
    powerLawModel("alphaC", "Cc"),
    (runs, options) => dataCmin(runs, options.minStep, options.bcrit ?? KAPLAN.laws.bcrit!),
    powerLawStarts,
    false,
  ),
  chinchilla: chinchillaSpec,
};

/** ln B_crit = k0 + k1 ln L gives alphaB = −1/k1, c = k0. */
function bcritStarts(data: LogData): Float64Array[] {
  const [k0, k1] = linearRegression(data.lnX[0]!, data.lnL);
  return [Float64Array.of(k0, k1 < 0 ? -1 / k1 : 0.2), Float64Array.of(Math.log(2e8), 0.21)];
}

/** L(N,S_min) starts: exponents on a grid, each term alone through the centroid. */
function nsStarts(data: LogData): Float64Array[] {
  const lnL = mean(data.lnL);
  const starts: Float64Array[] = [];
  for (const alphaN of [0.05, 0.1, 0.3]) {
    for (const alphaS of [0.3, 0.76, 1.5]) {
      starts.push(Float64Array.of(alphaN, alphaS, lnL / alphaN + mean(data.lnX[0]!), lnL / alphaS + mean(data.lnX[1]!)));
    }
  }
  return starts;
}
