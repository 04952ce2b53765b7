/**
 * `scaling fit`'s core: which laws the runs support, each law fitted with goodness of fit,
 * derived quantities, seeded bootstrap intervals over runs and an optional holdout of the
 * largest model size. Pure: takes runs, returns results, throws ScalingError.
 */
import { isScalingError, ScalingError } from "../errors.js";
import type { Run } from "../io/runs.js";
import { KAPLAN } from "../laws/presets.js";
import type { LawBcrit, LawId } from "../laws/types.js";
import { LAW_IDS } from "../laws/types.js";
import { percentileIntervals, resample, seededRandom } from "./bootstrap.js";
import { assertValidLaw } from "./validLaw.js";
import { hoffmannGrid } from "./chinchillaFit.js";
import { derivedQuantities, kaplanAllocation } from "./derived.js";
import type { Holdout } from "./goodness.js";
import { extrapolation, goodness } from "./goodness.js";
import type { CoreFit } from "./lawSpecs.js";
import { LAW_SPECS } from "./lawSpecs.js";
import type { LogData } from "./logData.js";
import { runsOf, selectPoints, selectRuns } from "./logData.js";

export interface FitOptions {
  /** Laws to fit; "all" fits what the data supports and lists the rest as skipped. */
  laws: LawId[] | "all";
  /** Bootstrap resamples; null: 200 when there are at most 50 runs, else none. @default null */
  bootstrap?: number | null;
  /** @default 1 */
  seed?: number;
  /** @default false */
  holdout?: boolean;
  /** @default 100 steps of each learning curve skipped as the early transient */
  minStep?: number;
  /** Native code where it is built (chinchilla's grid screen); false: JavaScript only. @default true */
  native?: boolean;
}

export interface LawFit extends CoreFit {
  law: LawId;
  form: string;
  ci95: Record<string, [number, number]> | null;
  rmse: number;
  r2: number;
  points: number;
  runs: number;
  derived: Record<string, number>;
  bootstrap: { samples: number; failed: number; seed: number } | null;
  /** Bootstrap refits' constants (for plan ranges); empty without a bootstrap. */
  samples: Array<Record<string, number>>;
  holdout: (Holdout & { error?: undefined }) | { error: string } | null;
  /** How the points were made, where it matters (ns, cmin: which B_crit(L)). */
  note: string | null;
}

export interface FitReport {
  fits: LawFit[];
  skipped: Array<{ law: LawId; reason: string }>;
}

/** Fits one law; `bcrit` is the B_crit(L) that ns and cmin use (default: Kaplan's). */
export function fitLaw(runs: readonly Run[], law: LawId, options: FitOptions, bcrit?: LawBcrit): LawFit {
  const spec = LAW_SPECS[law];
  if (spec === undefined) throw new ScalingError("usage", `unknown law ${law}`);
  const usesBcrit = law === "ns" || law === "cmin";
  const data = spec.extract(runs, { minStep: options.minStep ?? 100, bcrit: bcrit ?? KAPLAN.laws.bcrit! });
  // Every fit of this law, the point fit, bootstrap refits and the holdout, must be a law.
  const specOptions = options.native === false ? { native: false } : {};
  const fitValid = (points: LogData, warm?: Float64Array, starts?: ReadonlyArray<ArrayLike<number>>): CoreFit => {
    const result = spec.fit(points, warm, starts, specOptions);
    assertValidLaw(spec.form, result.params);
    return result;
  };
  const core = fitValid(data);
  const quality = goodness(data, core.theta, spec.predictLn);
  const runIds = runsOf(data);
  // Resampling fewer than 3 distinct runs gives degenerate intervals (one run: zero width):
  // no interval is better than a false one.
  const count = new Set(runIds).size < 3 ? 0 : (options.bootstrap ?? (runs.length <= 50 ? 200 : 0));
  const seed = options.seed ?? 1;
  const samples: Array<Record<string, number>> = [];
  let failed = 0;
  if (count > 0) {
    const random = seededRandom(seed);
    // Chinchilla's fallback is every 50th point of Hoffmann's grid (90 starts), not all 4,500.
    const fallbackStarts = law === "chinchilla" ? hoffmannGrid().filter((_, i) => i % 50 === 0) : undefined;
    for (let k = 0; k < count; k++) {
      const sample = selectRuns(data, resample(runIds, random));
      // From the point estimate; where that does not converge, from the law's own starts.
      const refit = (warm?: Float64Array, starts?: Float64Array[]): CoreFit | null => {
        try {
          return fitValid(sample, warm, starts);
        } catch (error) {
          if (!isScalingError(error)) throw error;
          return null;
        }
      };
      const result = refit(core.theta) ?? refit(undefined, fallbackStarts);
      if (result === null) failed++;
      else samples.push(result.params);
    }
  }
  let holdout: LawFit["holdout"] = null;
  if (options.holdout && spec.firstIsN) {
    const lnN = data.lnX[0]!;
    const largest = Math.max(...lnN);
    const train = selectPoints(data, (i) => lnN[i]! < largest - 1e-9);
    const held = selectPoints(data, (i) => lnN[i]! >= largest - 1e-9);
    try {
      const trained = fitValid(train);
      // N as the data gave it (exp(ln N) is off in the last digit).
      const heldOutParams = runs[held.runOf[0]!]?.nParams ?? Math.exp(largest);
      holdout = { heldOutParams, ...extrapolation(held, trained.theta, spec.predictLn) };
    } catch (error) {
      if (!isScalingError(error)) throw error;
      holdout = { error: `without the largest model size: ${error.message}` };
    }
  }
  return {
    law,
    form: spec.form,
    ...core,
    ci95: samples.length >= 20 ? percentileIntervals(samples, spec.names) : null,
    ...quality,
    derived: derivedQuantities(law, core.params),
    bootstrap: count > 0 ? { samples: samples.length, failed, seed } : null,
    samples,
    holdout,
    note: usesBcrit ? (bcrit ? "S_min, E_min from the fitted B_crit(L)" : "S_min, E_min from Kaplan's B_crit(L) (Bstar 2.1e8, alphaB 0.21): fit bcrit too to use your own") : null,
  };
}

/** Fits each requested law; with "all", a law the data cannot support is skipped with its reason. */
export function fitLaws(runs: readonly Run[], options: FitOptions): FitReport {
  const laws = options.laws === "all" ? [...LAW_IDS] : options.laws;
  const report: FitReport = { fits: [], skipped: [] };
  // B_crit(L) first: ns and cmin convert steps and tokens with it.
  const order = [...laws].sort((a, b) => Number(b === "bcrit") - Number(a === "bcrit"));
  let bcrit: LawBcrit | undefined;
  for (const law of order) {
    try {
      const fit = fitLaw(runs, law, options, bcrit);
      if (law === "bcrit") bcrit = { Bstar: fit.params.Bstar!, alphaB: fit.params.alphaB! };
      report.fits.push(fit);
    } catch (error) {
      if (options.laws === "all" && isScalingError(error) && error.code === "data") {
        report.skipped.push({ law, reason: error.message });
      } else {
        throw error;
      }
    }
  }
  report.fits.sort((a, b) => LAW_IDS.indexOf(a.law) - LAW_IDS.indexOf(b.law));
  const ns = report.fits.find((f) => f.law === "ns");
  if (ns !== undefined && bcrit !== undefined) Object.assign(ns.derived, kaplanAllocation(ns.params, bcrit));
  report.skipped.sort((a, b) => LAW_IDS.indexOf(a.law) - LAW_IDS.indexOf(b.law));
  if (report.fits.length === 0) {
    throw new ScalingError("data", `no law could be fitted: ${report.skipped.map((s) => `${s.law}: ${s.reason}`).join("; ")}`);
  }
  return report;
}
