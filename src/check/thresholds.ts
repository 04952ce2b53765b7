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

/**
 * Later layers override earlier ones (defaults, then the file's `scaling:` section, then
 * flags); the result is validated as a whole.
 */
export function resolveThresholds(...layers: Array<Partial<CheckThresholds> | undefined>): CheckThresholds {
  const merged: CheckThresholds = { ...DEFAULT_THRESHOLDS };
  for (const layer of layers) {
    if (layer === undefined) continue;
    for (const name of THRESHOLD_NAMES) {
      const value = layer[name];
      if (value !== undefined) merged[name] = value;
    }
  }
  const bad = (message: string): never => {
    throw new ScalingError("usage", message);
  };
  for (const name of THRESHOLD_NAMES) {
    if (!Number.isFinite(merged[name]) || !(merged[name] > 0)) bad(`${name} must be a positive number; got ${merged[name]}`);
  }
  if (!(merged.wasteWarn < 1 && merged.wasteFail < 1)) bad("wasteWarn and wasteFail are fractions of the compute: below 1");
  if (merged.wasteWarn > merged.wasteFail) bad(`wasteWarn (${merged.wasteWarn}) must not exceed wasteFail (${merged.wasteFail})`);
  if (merged.batchRange < 1) bad(`batchRange must be at least 1; got ${merged.batchRange}`);
  if (merged.sizeRatioWarn < 1) bad(`sizeRatioWarn must be at least 1; got ${merged.sizeRatioWarn}`);
  if (merged.sizeRatioWarn > merged.sizeRatioFail) {
    bad(`sizeRatioWarn (${merged.sizeRatioWarn}) must not exceed sizeRatioFail (${merged.sizeRatioFail})`);
  }
  return merged;
}
