/**
 * The budgets `plan` covers, for every goal: 1e12 to 1e30 FLOPs of training compute C.
 *
 * Below 1e12 FLOPs Kaplan's compute-optimal model (the frontier of shared/laws.md,
 * "Compute-efficient allocation", and Table 6's fit alike) has fewer than ~1e3 non-embedding
 * parameters, smaller than the smallest models the paper measured (README, "What the laws
 * mean"); by 1e8 FLOPs it is a model of 3 parameters. Above 1e30 FLOPs every law would be
 * extrapolated more than 1e6x past the compute of the runs it was fitted on. A goal given as a
 * model size or a target loss is held to the same range through the budget it needs (C = 6 N D,
 * laws.md), so the three goals accept the same plans.
 */
import { ScalingError } from "../errors.js";
import { formatSig } from "../io/units.js";
import type { PlanGoal } from "./plan.js";

export const MIN_PLAN_FLOPS = 1e12;
export const MAX_PLAN_FLOPS = 1e30;

/** The range and why, as every out-of-range message says it. */
export const PLAN_RANGE_TEXT =
  "plan covers budgets of 1e12 to 1e30 FLOPs (below, models smaller than any the laws were measured on; above, 1e6x past their data)";

/** What the user asked for, as they would write it: `--compute 1.00e8 FLOPs`. */
export function describeGoal(goal: PlanGoal): string {
  if (goal.kind === "compute") return `--compute ${formatSig(goal.flops)} FLOPs`;
  if (goal.kind === "target-loss") return `--target-loss ${formatSig(goal.lossNats, 4)}`;
  return `--params ${formatSig(goal.nParams)}`;
}

/** Whether a budget lies in the range; `slack` (relative) absorbs the round trip of an inverse goal. */
export function inPlanRange(flops: number, slack = 0): boolean {
  return flops >= MIN_PLAN_FLOPS * (1 - slack) && flops <= MAX_PLAN_FLOPS * (1 + slack);
}

/** The goal's own quantity at the two ends of the range, under one law: N or the loss. */
export interface GoalRange {
  atMin: number;
  atMax: number;
}

/**
 * The error for a goal outside the range. `needed` is the budget the goal needs (or which side
 * of the range it falls on, when no budget the solver can reach attains it); `goalRange` says
 * the range in the goal's own terms under the law, when the law can plan at both ends.
 */
export function outsidePlanRange(
  lawName: string,
  goal: PlanGoal,
  needed: number | "below" | "above",
  goalRange: GoalRange | null,
): ScalingError {
  if (goal.kind === "compute") {
    return new ScalingError("numeric", `${describeGoal(goal)} is out of range: ${PLAN_RANGE_TEXT}`);
  }
  const budget =
    needed === "below" ? `less than 1e12 FLOPs` : needed === "above" ? `more than 1e30 FLOPs` : `${formatSig(needed)} FLOPs`;
  let inGoalTerms = "";
  if (goalRange !== null) {
    inGoalTerms =
      goal.kind === "params"
        ? `; under this law those are models of ${formatSig(goalRange.atMin)} to ${formatSig(goalRange.atMax)} parameters`
        : `; under this law those reach losses from ${formatSig(goalRange.atMin, 4)} down to ${formatSig(goalRange.atMax, 4)} nats/token`;
  }
  return new ScalingError("numeric", `${describeGoal(goal)} needs a budget of ${budget} under law "${lawName}", out of range: ${PLAN_RANGE_TEXT}${inGoalTerms}`);
}
