/**
 * batch-size: B against the critical batch B_crit(L) = Bstar / L^(1/alphaB) at the predicted
 * loss (Kaplan et al. 2020, eq. 1.4). Above it a run pays in data, E/E_min = 1 + B/B_crit;
 * below it in steps, S/S_min = 1 + B_crit/B (eq. 5.4; shared/laws.md, "Steps and data at a
 * batch size"). Warns outside [B_crit/k, k B_crit].
 */
import { formatSig } from "../io/units.js";
import { criticalBatchTokens } from "../laws/kaplan.js";
import type { LawSet } from "../laws/types.js";
import { plain, skipped, verdict } from "./checkResult.js";
import type { RunQuantities } from "./runQuantities.js";
import type { CheckThresholds } from "./thresholds.js";
import type { CheckResult } from "./types.js";

export function checkBatchSize(set: LawSet, run: RunQuantities, thresholds: CheckThresholds): CheckResult {
  const bcrit = set.laws.bcrit;
  if (bcrit === undefined) {
    return skipped("batch-size", `law "${set.name}" has no batch law B_crit(L) (Kaplan eq. 1.4); use --law kaplan or a fit with --law bcrit`);
  }
  if (run.batchTokens === null) return skipped("batch-size", "no batchTokens (give batchTokens, or tokens with steps)");
  if (run.lossNats === null) return skipped("batch-size", "no predicted loss to take B_crit(L) at: give tokens, steps or flops");
  const batch = run.batchTokens;
  const critical = criticalBatchTokens(bcrit, run.lossNats);
  if (!Number.isFinite(critical) || !(critical > 0)) {
    return verdict("batch-size", "fail", batch, critical, `B_crit(L = ${formatSig(run.lossNats, 4)}) is ${critical}: the batch law is out of its range`);
  }
  const k = thresholds.batchRange;
  const high = k * critical;
  const low = critical / k;
  const at = `B_crit(L = ${formatSig(run.lossNats, 4)}) = ${formatSig(critical)} tokens`;
  const what = `batch ${formatSig(batch)} tokens is ${formatSig(batch / critical)} x ${at}`;
  if (batch > high) {
    return verdict("batch-size", "warn", batch, high, `${what}, above ${plain(k)}x: ${formatSig(1 + batch / critical)}x the minimum data (E/E_min = 1 + B/B_crit)`);
  }
  if (batch < low) {
    return verdict("batch-size", "warn", batch, low, `${what}, below 1/${plain(k)}: ${formatSig(1 + critical / batch)}x the minimum steps (S/S_min = 1 + B_crit/B)`);
  }
  return verdict("batch-size", "pass", batch, batch >= critical ? high : low, `${what}, within [B_crit/${plain(k)}, ${plain(k)} B_crit]`);
}
