/**
 * Running every check on proposals under one law set, and the exit code of the result
 * (a pure `getExitCode`, as in @arethetypeswrong/cli: shared/STYLE.md).
 */
import { ScalingError } from "../errors.js";
import type { LawSet } from "../laws/types.js";
import { checkBatchSize } from "./batchSize.js";
import { checkComputeEfficiency } from "./computeEfficiency.js";
import { checkConsistency } from "./consistency.js";
import { checkModelSize } from "./modelSize.js";
import { checkOverfitting } from "./overfitting.js";
import { runQuantities } from "./runQuantities.js";
import { checkTargetLoss } from "./targetLoss.js";
import type { CheckThresholds } from "./thresholds.js";
import { DEFAULT_THRESHOLDS } from "./thresholds.js";
import type { CheckReport, CheckResult, Proposal, ProposalResult } from "./types.js";

/** Does a set of verdicts pass? Failures never do; warnings only when not strict. */
export function passes(checks: readonly CheckResult[], strict = false): boolean {
  return checks.every((check) => check.status !== "fail" && !(strict && check.status === "warn"));
}

/**
 * Every check on one proposal. A check that does not apply is a `skip`; a proposal on which
 * every check is skipped was not checked at all, so it is an error, never a pass.
 * @throws ScalingError("input") at the proposal's source when no check could run
 */
export function checkProposal(set: LawSet, proposal: Proposal, thresholds: CheckThresholds = DEFAULT_THRESHOLDS): ProposalResult {
  const run = runQuantities(set, proposal);
  const checks: CheckResult[] = [
    checkConsistency(proposal, thresholds),
    checkOverfitting(set, run, thresholds),
    checkComputeEfficiency(set, run, thresholds),
    checkBatchSize(set, run, thresholds),
    checkTargetLoss(set, run, proposal.targetLossNats),
    checkModelSize(set, run, thresholds),
  ];
  if (checks.every((check) => check.status === "skip")) {
    const why =
      run.nTokens === null && run.datasetTokens === null
        ? "give tokens, batchTokens with steps, flops or datasetTokens"
        : [...new Set(checks.map((check) => check.message))].join("; ");
    throw new ScalingError("input", `${proposal.name}: nothing to check, every check was skipped: ${why}`, proposal.source);
  }
  return {
    name: proposal.name,
    ok: passes(checks),
    checks,
    predictedLossNats: run.lossNats,
    ...(proposal.source !== undefined ? { source: proposal.source } : {}),
  };
}

/** A proposal with its own law and thresholds (a file's `scaling:` section may set them). */
export interface CheckJob {
  proposal: Proposal;
  lawSet: LawSet;
  thresholds: CheckThresholds;
}

export function checkProposals(jobs: readonly CheckJob[], strict = false): CheckReport {
  const proposals = jobs.map((job) => checkProposal(job.lawSet, job.proposal, job.thresholds));
  for (const result of proposals) result.ok = passes(result.checks, strict);
  const laws = [...new Set(jobs.map((job) => job.lawSet.name))];
  return { ok: proposals.every((p) => p.ok), law: laws.join(", "), proposals };
}

/** 0 when nothing failed, 1 when a check failed (with `strict`, when one warned). */
export function getExitCode(report: CheckReport, strict = false): 0 | 1 {
  return report.proposals.every((p) => passes(p.checks, strict)) ? 0 : 1;
}
