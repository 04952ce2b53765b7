/**
 * overfitting: the unique tokens a run trains on against D_min(N; delta), the smallest
 * dataset that keeps Kaplan's overfitting penalty L(N,D)/L(N,inf) - 1 within delta:
 * D_min(N) = Dc (N/Nc)^(alphaN/alphaD) / ((1+delta)^(1/alphaD) - 1).
 * Kaplan et al. 2020, eq. 4.4 with Table 2's L(N,D) (shared/laws.md, "Overfitting").
 */
import { formatSI, formatSig } from "../io/units.js";
import { minDatasetTokens, overfitPenalty } from "../laws/kaplan.js";
import type { LawSet } from "../laws/types.js";
import { percent, skipped, verdict } from "./checkResult.js";
import type { RunQuantities } from "./runQuantities.js";
import type { CheckThresholds } from "./thresholds.js";
import type { CheckResult } from "./types.js";

export function checkOverfitting(set: LawSet, run: RunQuantities, thresholds: CheckThresholds): CheckResult {
  const nd = set.laws.nd;
  if (nd === undefined) {
    return skipped(
      "overfitting",
      `law "${set.name}" has no L(N,D) of Kaplan's form (eq. 1.5), so no D_min(N); use --law kaplan or a fit with --law nd`,
    );
  }
  const dataset = run.datasetTokens;
  if (dataset === null) return skipped("overfitting", "no tokens or datasetTokens to hold against D_min(N)");
  const delta = thresholds.overfitTolerance;
  const minTokens = minDatasetTokens(nd, run.nParams, delta);
  const penalty = overfitPenalty(nd, run.nParams, dataset);
  const what = `${formatSig(dataset)} tokens of data for ${formatSI(run.nParams)} params`;
  if (!(dataset >= minTokens)) {
    return verdict(
      "overfitting",
      "fail",
      dataset,
      minTokens,
      `${what} < D_min ${formatSig(minTokens)}: overfitting penalty ${percent(penalty)} > ${percent(delta)} (Kaplan eq. 4.4)`,
    );
  }
  return verdict(
    "overfitting",
    "pass",
    dataset,
    minTokens,
    `${what} >= D_min ${formatSig(minTokens)}: overfitting penalty ${percent(penalty)} <= ${percent(delta)} (Kaplan eq. 4.4)`,
  );
}
