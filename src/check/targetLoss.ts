/**
 * target-loss: the loss the law predicts for the run (Kaplan's L(N,D) or L(N,S_min) with
 * eq. 5.4, or the Chinchilla form; see plan/predict.ts) against the proposal's targetLoss.
 */
import { formatSig } from "../io/units.js";
import type { LawSet } from "../laws/types.js";
import { skipped, verdict } from "./checkResult.js";
import type { RunQuantities } from "./runQuantities.js";
import type { CheckResult } from "./types.js";

export function checkTargetLoss(set: LawSet, run: RunQuantities, targetLossNats: number | undefined): CheckResult {
  if (targetLossNats === undefined) return skipped("target-loss", "no targetLoss given");
  if (run.lossNats === null) return skipped("target-loss", "no tokens to predict a loss from: give tokens, steps with batchTokens, or flops");
  const what = `predicted loss ${formatSig(run.lossNats, 4)} nats/token under "${set.name}"`;
  if (!(run.lossNats <= targetLossNats)) {
    return verdict("target-loss", "fail", run.lossNats, targetLossNats, `${what} misses the target ${formatSig(targetLossNats, 4)}`);
  }
  return verdict("target-loss", "pass", run.lossNats, targetLossNats, `${what} reaches the target ${formatSig(targetLossNats, 4)}`);
}
