/**
 * compute-efficiency: the fraction of a run's compute C = 6 N D that the law's optimal
 * allocation would not need to reach the same predicted loss:
 * wasted = 1 - C_opt(L_pred) / C, with C_opt = 2 C_min(L) on Kaplan's frontier (Appendix B.2,
 * B = B_crit) or the Chinchilla-optimal budget reaching L (shared/laws.md).
 */
import { formatSig } from "../io/units.js";
import type { LawSet } from "../laws/types.js";
import { percent, skipped, verdict } from "./checkResult.js";
import { noOptimumReason, optimalFlopsAtLoss } from "./optimalCompute.js";
import type { RunQuantities } from "./runQuantities.js";
import type { CheckThresholds } from "./thresholds.js";
import type { CheckResult } from "./types.js";

export function checkComputeEfficiency(set: LawSet, run: RunQuantities, thresholds: CheckThresholds): CheckResult {
  const why = noOptimumReason(set);
  if (why !== undefined) return skipped("compute-efficiency", why);
  if (run.flops === null || run.lossNats === null) {
    return skipped("compute-efficiency", "no compute: give tokens, steps with batchTokens, or flops");
  }
  const optimalFlops = optimalFlopsAtLoss(set, run.lossNats);
  // The laws are not one consistent fit (Kaplan's L(N,D) and L(N,S) rows differ), so a run
  // can beat the frontier; it then wastes nothing.
  const wasted = Math.max(0, 1 - optimalFlops / run.flops);
  const optimum = `the optimal allocation reaches loss ${formatSig(run.lossNats, 4)} with ${formatSig(optimalFlops)} FLOPs`;
  const what =
    wasted > 0
      ? `${percent(wasted)} of ${formatSig(run.flops)} FLOPs wasted: ${optimum}`
      : `nothing wasted: ${optimum}, the proposal uses ${formatSig(run.flops)}`;
  const { wasteWarn, wasteFail } = thresholds;
  if (!Number.isFinite(wasted)) {
    return verdict("compute-efficiency", "fail", wasted, wasteFail, `${what}: not a finite fraction`);
  }
  if (wasted > wasteFail) return verdict("compute-efficiency", "fail", wasted, wasteFail, `${what} (limit ${percent(wasteFail)})`);
  if (wasted > wasteWarn) return verdict("compute-efficiency", "warn", wasted, wasteWarn, `${what} (warn above ${percent(wasteWarn)})`);
  return verdict("compute-efficiency", "pass", wasted, wasteWarn, `${what} (within ${percent(wasteWarn)})`);
}
