/**
 * What the law's compute-optimal allocation says about a loss or a budget, for either family:
 * Kaplan's frontier (Appendix B.2) trained at B = B_crit, so C = 2 C_min (shared/laws.md,
 * "Steps and data at a batch size"), or Chinchilla's optimal split of C = 6 N D (eq. 4).
 */
import { chinchillaOptimal, chinchillaOptimalAtLoss } from "../laws/chinchilla.js";
import { frontierAtLoss, frontierAtMinFlops } from "../laws/frontier.js";
import type { LawSet } from "../laws/types.js";
import { lawFamily } from "../laws/types.js";

/** Why a law set has no compute-optimal allocation, or undefined when it has one. */
export function noOptimumReason(set: LawSet): string | undefined {
  if (lawFamily(set) !== undefined) return undefined;
  return `law "${set.name}" has no compute-optimal allocation (it needs L(N,S) with B_crit(L), or the Chinchilla form)`;
}

/**
 * The least total compute (FLOPs) that reaches a loss: 2 C_min(L) on Kaplan's frontier at
 * B = B_crit(L), or the budget whose Chinchilla-optimal split reaches L.
 */
export function optimalFlopsAtLoss(set: LawSet, lossNats: number): number {
  if (lawFamily(set) === "kaplan") return 2 * frontierAtLoss(set.laws.ns!, set.laws.bcrit!, lossNats).minFlops;
  return chinchillaOptimalAtLoss(set.laws.chinchilla!, lossNats).flops;
}

/** The compute-optimal N for a total budget C: Kaplan's frontier at C_min = C/2, or N_opt(C). */
export function optimalParamsAtFlops(set: LawSet, flops: number): number {
  if (lawFamily(set) === "kaplan") return frontierAtMinFlops(set.laws.ns!, set.laws.bcrit!, flops / 2).nParams;
  return chinchillaOptimal(set.laws.chinchilla!, flops).nParams;
}
