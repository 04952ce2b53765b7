/**
 * model-size: N against the compute-optimal N for the same compute C = 6 N D, as a ratio:
 * Kaplan's frontier at C_min = C/2 (Appendix B.2; eq. B.16 prices a model 2.2x off the
 * optimum at ~20% more compute) or Chinchilla's N_opt(C) (eq. 4). Warns and fails when
 * N/N_opt or N_opt/N exceeds the limits.
 */
import { formatSI, formatSig } from "../io/units.js";
import type { LawSet } from "../laws/types.js";
import { plain, skipped, verdict } from "./checkResult.js";
import { noOptimumReason, optimalParamsAtFlops } from "./optimalCompute.js";
import type { RunQuantities } from "./runQuantities.js";
import type { CheckThresholds } from "./thresholds.js";
import type { CheckResult } from "./types.js";

export function checkModelSize(set: LawSet, run: RunQuantities, thresholds: CheckThresholds): CheckResult {
  const why = noOptimumReason(set);
  if (why !== undefined) return skipped("model-size", why);
  if (run.flops === null) return skipped("model-size", "no compute: give tokens, steps with batchTokens, or flops");
  const optimalParams = optimalParamsAtFlops(set, run.flops);
  const ratio = run.nParams / optimalParams;
  const over = ratio >= 1;
  const bound = (limit: number): number => (over ? limit : 1 / limit);
  const offBy = over ? ratio : 1 / ratio;
  const what = `${formatSI(run.nParams)} params is ${formatSig(ratio)} x the compute-optimal ${formatSI(optimalParams)} for ${formatSig(run.flops)} FLOPs`;
  const side = over ? "too large" : "too small";
  if (!(offBy <= thresholds.sizeRatioFail)) {
    return verdict("model-size", "fail", ratio, bound(thresholds.sizeRatioFail), `${what}: ${side} (limit ${plain(thresholds.sizeRatioFail)}x)`);
  }
  if (offBy > thresholds.sizeRatioWarn) {
    return verdict("model-size", "warn", ratio, bound(thresholds.sizeRatioWarn), `${what}: ${side} (warn beyond ${plain(thresholds.sizeRatioWarn)}x)`);
  }
  return verdict("model-size", "pass", ratio, bound(thresholds.sizeRatioWarn), `${what} (within ${plain(thresholds.sizeRatioWarn)}x)`);
}
