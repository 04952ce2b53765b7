/**
 * Splitting a compute budget into model size, batch, steps and data (shared/laws.md,
 * "Compute-efficient allocation" and "Budget semantics"), for either family of laws.
 */
import { ScalingError } from "../errors.js";
import { flopsToPfDays, formatParams, formatSig, formatTokens } from "../io/units.js";
import { chinchillaLoss, chinchillaOptimal, chinchillaOptimalAtLoss, chinchillaOptimalAtParams } from "../laws/chinchilla.js";
import type { EmpiricalFrontierPoint, FrontierPoint } from "../laws/frontier.js";
import { empiricalFrontier, frontierAtLoss, frontierAtMinFlops, frontierAtParams, lossAtTokens } from "../laws/frontier.js";
import { criticalBatchTokens, maxParamsForDataset, minDatasetTokens } from "../laws/kaplan.js";
import type { LawChinchilla, LawFamily, LawSet } from "../laws/types.js";
import { lawFamily } from "../laws/types.js";
import type { GoalRange } from "./budgetRange.js";
import { describeGoal, inPlanRange, MAX_PLAN_FLOPS, MIN_PLAN_FLOPS, outsidePlanRange } from "./budgetRange.js";
import type { ModelShape } from "./shape.js";
import { matchesParams, suggestShape } from "./shape.js";

/** What the user fixed: a budget, a target loss, or a model size. */
export type PlanGoal =
  | { kind: "compute"; flops: number }
  | { kind: "target-loss"; lossNats: number }
  | { kind: "params"; nParams: number };

export interface PlanOptions {
  goal: PlanGoal;
  /** k in B = k B_crit(L) (Kaplan family). @default 1 */
  batchFactor?: number;
  /** delta of D_min(N; delta). @default 0.02 */
  overfitTolerance?: number;
  /** A cap on unique training tokens: the data-constrained plan. */
  maxTokens?: number;
  /**
   * A fixed batch size in tokens, for steps under a law with no batch law (the Chinchilla
   * form). A Kaplan-family law has one (B = k B_crit(L)) and refuses it: use batchFactor.
   */
  batchTokens?: number;
}

export interface Plan {
  law: string;
  family: LawFamily;
  goal: PlanGoal["kind"];
  flops: number;
  pfDays: number;
  nParams: number;
  nTokens: number;
  batchTokens: number | null;
  steps: number | null;
  lossNats: number;
  /** D_min(N; delta) where the law set has L(N,D) of Kaplan's form. */
  minTokens: number | null;
  overfitTolerance: number;
  tokensPerParam: number;
  /**
   * The shape nearest N (shape.ts). It may contradict N (below 49,152 parameters no shape has
   * so few): show it only where `shapeMatchesParams`, or through `planShape(plan)`.
   */
  shape: ModelShape;
  /** Whether `shape` has 12 n_layer d_model^2 within SHAPE_TOLERANCE (5%) of N. */
  shapeMatchesParams: boolean;
  /** Kaplan family: the frontier point the plan was built from (C_min, S_min, B_crit). */
  frontier: FrontierPoint | null;
  /** Kaplan preset: Table 6's empirical frontier at the same C_min. */
  empirical: EmpiricalFrontierPoint | null;
  /** The data cap, when a data-constrained plan was asked for, and whether it bound. */
  dataCap: { maxTokens: number; binding: boolean; maxParamsWithinTolerance: number | null } | null;
  /** Things the user should know: overfitting, a cap that binds, a law out of its range. */
  warnings: string[];
}

export const DEFAULT_OVERFIT_TOLERANCE = 0.02;

/** The plan's shape where one matches its N, else null: what a report may show. */
export function planShape(plan: Plan): ModelShape | null {
  return plan.shapeMatchesParams ? plan.shape : null;
}

function shapeFields(nParams: number): Pick<Plan, "shape" | "shapeMatchesParams"> {
  const shape = suggestShape(nParams);
  return { shape, shapeMatchesParams: matchesParams(shape, nParams) };
}

export function plan(set: LawSet, options: PlanOptions): Plan {
  const family = lawFamily(set);
  if (family === undefined) {
    throw new ScalingError(
      "data",
      `law "${set.name}" cannot plan: it needs L(N,S) and B_crit(L) (Kaplan) or the Chinchilla form; fit them with \`scaling fit --law ns,bcrit\` or \`--law chinchilla\``,
    );
  }
  const batchFactor = options.batchFactor ?? 1;
  const overfitTolerance = options.overfitTolerance ?? DEFAULT_OVERFIT_TOLERANCE;
  if (!(batchFactor > 0) || !Number.isFinite(batchFactor)) {
    throw new ScalingError("usage", `--batch-factor must be a positive number; got ${batchFactor}`);
  }
  if (!(overfitTolerance > 0) || !Number.isFinite(overfitTolerance)) {
    throw new ScalingError("usage", `--overfit-tolerance must be a positive number; got ${overfitTolerance}`);
  }
  if (family === "kaplan" && options.batchTokens !== undefined) {
    throw new ScalingError(
      "usage",
      `--batch-tokens is for laws without a batch law (chinchilla, epoch); law "${set.name}" trains at B = k x B_crit(L), so set k with --batch-factor instead`,
    );
  }
  const { goal } = options;
  const solve = (g: PlanGoal): Plan =>
    family === "kaplan"
      ? planKaplan(set, g, batchFactor, overfitTolerance)
      : planChinchilla(set, set.laws.chinchilla as LawChinchilla, g, overfitTolerance, options.batchTokens);
  // The same range of budgets for every goal (budgetRange.ts): a budget is checked as given,
  // a model size or a target loss by the budget it needs.
  if (goal.kind === "compute" && !inPlanRange(goal.flops)) throw outsidePlanRange(set.name, goal, goal.flops, null);
  let result: Plan;
  try {
    result = solve(goal);
  } catch (error) {
    // A target loss that no budget the solver brackets reaches: out of range on one side.
    if (goal.kind === "compute" || !(error instanceof ScalingError) || error.code !== "numeric") throw error;
    const range = goalRange(solve, goal);
    if (range === null) throw error;
    const side = goal.kind === "params" ? goal.nParams < range.atMin : goal.lossNats > range.atMin;
    throw outsidePlanRange(set.name, goal, side ? "below" : "above", range);
  }
  if (goal.kind !== "compute" && !inPlanRange(result.flops, 1e-9)) {
    throw outsidePlanRange(set.name, goal, result.flops, goalRange(solve, goal));
  }
  const capped = options.maxTokens === undefined ? result : applyDataCap(set, result, options.maxTokens, batchFactor);
  return finish(set, capped, goal);
}

/** N or the loss of the plans at the two ends of the budget range; null where the law has none. */
function goalRange(solve: (goal: PlanGoal) => Plan, goal: PlanGoal): GoalRange | null {
  try {
    const low = solve({ kind: "compute", flops: MIN_PLAN_FLOPS });
    const high = solve({ kind: "compute", flops: MAX_PLAN_FLOPS });
    return goal.kind === "params" ? { atMin: low.nParams, atMax: high.nParams } : { atMin: low.lossNats, atMax: high.lossNats };
  } catch {
    return null;
  }
}

function planKaplan(set: LawSet, goal: PlanGoal, batchFactor: number, overfitTolerance: number): Plan {
  const ns = set.laws.ns!;
  const bcrit = set.laws.bcrit!;
  let point: FrontierPoint;
  if (goal.kind === "compute") {
    point = outOfRange(set, goal, () => frontierAtMinFlops(ns, bcrit, goal.flops / (1 + batchFactor)));
  } else if (goal.kind === "target-loss") point = frontierAtLoss(ns, bcrit, goal.lossNats);
  else point = frontierAtParams(ns, bcrit, goal.nParams);
  // Budget semantics: B = k B_crit, C_min = C/(1+k), S = S_min (1 + 1/k), tokens = (1+k) B_crit S_min.
  const flops = goal.kind === "compute" ? goal.flops : (1 + batchFactor) * point.minFlops;
  const nTokens = flops / (6 * point.nParams);
  return {
    law: set.name,
    family: "kaplan",
    goal: goal.kind,
    flops,
    pfDays: flopsToPfDays(flops),
    nParams: point.nParams,
    nTokens,
    batchTokens: batchFactor * point.criticalBatchTokens,
    steps: point.minSteps * (1 + 1 / batchFactor),
    lossNats: point.lossNats,
    minTokens: set.laws.nd ? minDatasetTokens(set.laws.nd, point.nParams, overfitTolerance) : null,
    overfitTolerance,
    tokensPerParam: nTokens / point.nParams,
    ...shapeFields(point.nParams),
    frontier: point,
    empirical: set.name === "kaplan" ? empiricalFrontier(point.minFlops) : null,
    dataCap: null,
    warnings: [],
  };
}

function planChinchilla(
  set: LawSet,
  law: LawChinchilla,
  goal: PlanGoal,
  overfitTolerance: number,
  batchTokens: number | undefined,
): Plan {
  let split;
  if (goal.kind === "compute") split = chinchillaOptimal(law, goal.flops);
  else if (goal.kind === "params") split = chinchillaOptimalAtParams(law, goal.nParams);
  else {
    if (!(goal.lossNats > law.E)) {
      throw new ScalingError(
        "data",
        `--target-loss ${goal.lossNats} is at or below law "${set.name}"'s irreducible loss E = ${law.E}; no budget reaches it`,
      );
    }
    split = outOfRange(set, goal, () => chinchillaOptimalAtLoss(law, goal.lossNats));
  }
  return {
    law: set.name,
    family: "chinchilla",
    goal: goal.kind,
    flops: split.flops,
    pfDays: flopsToPfDays(split.flops),
    nParams: split.nParams,
    nTokens: split.nTokens,
    batchTokens: batchTokens ?? null,
    steps: batchTokens === undefined ? null : split.nTokens / batchTokens,
    lossNats: split.lossNats,
    minTokens: set.laws.nd ? minDatasetTokens(set.laws.nd, split.nParams, overfitTolerance) : null,
    overfitTolerance,
    tokensPerParam: split.nTokens / split.nParams,
    ...shapeFields(split.nParams),
    frontier: null,
    empirical: null,
    dataCap: null,
    warnings: [],
  };
}

/**
 * The data-constrained plan: one pass over at most `maxTokens` unique tokens. When the
 * unconstrained plan needs more, the budget goes to a larger model on all the data
 * (N = C / 6D). Its loss comes from the law the unconstrained plan used, so the two compare:
 * L(N, S_min) at D tokens for the Kaplan family (frontier.ts lossAtTokens), the Chinchilla
 * form otherwise. The overfitting check (D_min) applies as for any plan.
 */
function applyDataCap(set: LawSet, base: Plan, maxTokens: number, batchFactor: number): Plan {
  const nd = set.laws.nd;
  const maxParamsWithinTolerance = nd ? maxParamsForDataset(nd, maxTokens, base.overfitTolerance) : null;
  if (base.nTokens <= maxTokens) {
    return { ...base, dataCap: { maxTokens, binding: false, maxParamsWithinTolerance } };
  }
  const nParams = base.flops / (6 * maxTokens);
  let lossNats: number;
  // Chinchilla family: the user's --batch-tokens, if any, as in the unconstrained plan.
  let batch: number | null = base.batchTokens;
  if (base.family === "kaplan") {
    lossNats = lossAtTokens(set.laws.ns!, set.laws.bcrit!, nParams, maxTokens, batchFactor);
    batch = batchFactor * criticalBatchTokens(set.laws.bcrit!, lossNats);
  } else {
    lossNats = chinchillaLoss(set.laws.chinchilla!, nParams, maxTokens);
  }
  return {
    ...base,
    nParams,
    nTokens: maxTokens,
    batchTokens: batch,
    steps: batch === null ? null : maxTokens / batch,
    lossNats,
    minTokens: nd ? minDatasetTokens(nd, nParams, base.overfitTolerance) : null,
    tokensPerParam: maxTokens / nParams,
    ...shapeFields(nParams),
    frontier: null,
    dataCap: { maxTokens, binding: true, maxParamsWithinTolerance },
  };
}

/**
 * A solver's bracket failure, said in the user's terms (the solver's own names log-space
 * bounds). Within the budget range this happens only for a fit file's constants.
 */
function outOfRange<T>(set: LawSet, goal: PlanGoal, solve: () => T): T {
  try {
    return solve();
  } catch (error) {
    if (!(error instanceof ScalingError) || error.code !== "numeric") throw error;
    throw new ScalingError(
      "numeric",
      `${describeGoal(goal)} is outside the range law "${set.name}" can plan for (its compute-optimal frontier has no point there); check the law's constants`,
    );
  }
}

function finish(set: LawSet, result: Plan, goal: PlanGoal): Plan {
  const warnings: string[] = [];
  if (result.minTokens !== null && result.nTokens < result.minTokens) {
    warnings.push(
      `${formatTokens(result.nTokens)} is below D_min = ${formatTokens(result.minTokens)}: the model would overfit by more than ${formatSig(result.overfitTolerance * 100)}% (Kaplan eq. 4.4)`,
    );
  }
  if (result.dataCap?.binding) {
    const largest = result.dataCap.maxParamsWithinTolerance;
    warnings.push(
      `the data cap binds: the compute-optimal plan wanted more than ${formatTokens(result.dataCap.maxTokens)}, so the budget buys a larger model on the same data` +
        (largest === null ? "" : `; the largest model those tokens support within the overfitting tolerance is ${formatParams(largest)}`),
    );
  }
  if (result.dataCap !== null && result.empirical !== null && result.empirical.nTokens > result.dataCap.maxTokens) {
    warnings.push(
      `the empirical column (Table 6) is not capped: its ${formatTokens(result.empirical.nTokens)} exceed --max-tokens ${formatSig(result.dataCap.maxTokens)}; it shows the paper's unconstrained frontier at the same C_min, for reference`,
    );
  }
  for (const [name, value] of Object.entries({
    flops: result.flops,
    params: result.nParams,
    tokens: result.nTokens,
    loss: result.lossNats,
  })) {
    if (!Number.isFinite(value) || value <= 0) {
      throw new ScalingError("numeric", `law "${set.name}" gives no valid plan here (${name} = ${value}); the input is outside the law's range`);
    }
  }
  // A model of less than one parameter or a run of less than one token: within the budget
  // range only a fit file's constants can give one, though the arithmetic is finite.
  for (const [name, value] of [["parameters", result.nParams], ["tokens", result.nTokens]] as const) {
    if (value < 1) {
      throw new ScalingError(
        "numeric",
        `law "${set.name}" gives a model of ${formatSig(result.nParams)} parameters trained on ${formatSig(result.nTokens)} tokens here, fewer than one ${name === "parameters" ? "parameter" : "token"}; ${describeGoal(goal)} is outside the law's range (check the law's constants)`,
      );
    }
  }
  return { ...result, warnings };
}
