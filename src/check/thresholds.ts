/**
 * The limits checks hold proposals to, raw (from flags or a proposal file's `scaling:`
 * section) turned once into a fully defaulted, validated `CheckThresholds`.
 */
import { ScalingError } from "../errors.js";

export interface CheckThresholds {
  /** delta of D_min(N; delta), Kaplan eq. 4.4 (shared/laws.md, "Overfitting"). @default 0.02 */
  overfitTolerance: number;
  /** Wasted compute fraction above which compute-efficiency warns. @default 0.10 */
  wasteWarn: number;
  /** Wasted compute fraction above which compute-efficiency fails. @default 0.30 */
  wasteFail: number;
  /** k: batch-size warns outside [B_crit/k, k B_crit]. @default 4 */
  batchRange: number;
  /** Model-size warns when N/N_opt or N_opt/N exceeds this. @default 3 */
  sizeRatioWarn: number;
  /** Model-size fails when N/N_opt or N_opt/N exceeds this. @default 10 */
  sizeRatioFail: number;
  /** Relative mismatch allowed between tokens and batchTokens x steps, flops and 6 N D. @default 0.05 */
  consistencyTolerance: number;
}

export const DEFAULT_THRESHOLDS: Readonly<CheckThresholds> = {
  overfitTolerance: 0.02,
  wasteWarn: 0.1,
  wasteFail: 0.3,
  batchRange: 4,
  sizeRatioWarn: 3,
  sizeRatioFail: 10,
  consistencyTolerance: 0.05,
};

export const THRESHOLD_NAMES = Object.keys(DEFAULT_THRESHOLDS) as Array<keyof CheckThresholds>;

/** Where a file's `scaling:` section sets each threshold, for placing its errors. */
export type ThresholdLocations = Partial<Record<keyof CheckThresholds, { line: number; column: number }>>;

/**
 * Later layers override earlier ones (defaults, then the file's `scaling:` section, then
 * flags); the result is validated as a whole.
 * @throws ScalingError("usage") for a bad value or pair of values
 */
export function resolveThresholds(...layers: Array<Partial<CheckThresholds> | undefined>): CheckThresholds {
  const merged = merge(layers);
  const problem = findProblem(merged);
  if (problem !== undefined) throw new ScalingError("usage", problem.message);
  return merged;
}

/**
 * A proposal file's thresholds (its `scaling:` section) under the flags'. A bad value the file
 * set is reported at its line and column, with where the other value it is compared with came
 * from; one the flags alone caused, as resolveThresholds reports it.
 * @throws ScalingError("input") at the file's value, or ScalingError("usage")
 */
export function resolveFileThresholds(
  file: string,
  fromFile: Partial<CheckThresholds>,
  locations: ThresholdLocations,
  flags: Partial<CheckThresholds>,
): CheckThresholds {
  const merged = merge([fromFile, flags]);
  const problem = findProblem(merged);
  if (problem === undefined) return merged;
  const fileSet = (name: keyof CheckThresholds): boolean => fromFile[name] !== undefined && flags[name] === undefined;
  const culprit = problem.names.find((name) => fileSet(name) && locations[name] !== undefined);
  if (culprit === undefined) throw new ScalingError("usage", problem.message);
  const others = problem.names
    .filter((name) => name !== culprit)
    .map((name) => (fileSet(name) ? `${name} from this file` : flags[name] !== undefined ? `${name} from the flags` : `${name} is the default`));
  const origin = others.length > 0 ? ` (${others.join(", ")})` : "";
  throw new ScalingError("input", `${problem.message}${origin}`, { file, ...locations[culprit]! });
}

function merge(layers: ReadonlyArray<Partial<CheckThresholds> | undefined>): CheckThresholds {
  const merged: CheckThresholds = { ...DEFAULT_THRESHOLDS };
  for (const layer of layers) {
    if (layer === undefined) continue;
    for (const name of THRESHOLD_NAMES) {
      const value = layer[name];
      if (value !== undefined) merged[name] = value;
    }
  }
  return merged;
}

/** The first bad value or pair, with the thresholds it involves (the one at fault first). */
function findProblem(merged: CheckThresholds): { message: string; names: Array<keyof CheckThresholds> } | undefined {
  for (const name of THRESHOLD_NAMES) {
    if (!Number.isFinite(merged[name]) || !(merged[name] > 0)) return { message: `${name} must be a positive number; got ${merged[name]}`, names: [name] };
  }
  if (!(merged.wasteWarn < 1)) return { message: "wasteWarn and wasteFail are fractions of the compute: below 1", names: ["wasteWarn"] };
  if (!(merged.wasteFail < 1)) return { message: "wasteWarn and wasteFail are fractions of the compute: below 1", names: ["wasteFail"] };
  if (merged.wasteWarn > merged.wasteFail) {
    return { message: `wasteWarn (${merged.wasteWarn}) must not exceed wasteFail (${merged.wasteFail})`, names: ["wasteWarn", "wasteFail"] };
  }
  if (merged.batchRange < 1) return { message: `batchRange must be at least 1; got ${merged.batchRange}`, names: ["batchRange"] };
  if (merged.sizeRatioWarn < 1) return { message: `sizeRatioWarn must be at least 1; got ${merged.sizeRatioWarn}`, names: ["sizeRatioWarn"] };
  if (merged.sizeRatioWarn > merged.sizeRatioFail) {
    return {
      message: `sizeRatioWarn (${merged.sizeRatioWarn}) must not exceed sizeRatioFail (${merged.sizeRatioFail})`,
      names: ["sizeRatioWarn", "sizeRatioFail"],
    };
  }
  return undefined;
}
