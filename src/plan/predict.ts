/**
 * The loss a proposed run reaches under a law set (shared/laws.md): Kaplan's L(N,D) when the
 * run is given by its tokens, L(N,S_min) with eq. 5.4's S_min when by steps and batch; the
 * Chinchilla form for that family.
 */
import { ScalingError } from "../errors.js";
import { chinchillaLoss } from "../laws/chinchilla.js";
import { criticalBatchTokens, lossND, lossNS, minSteps as minStepsAt, overfitPenalty } from "../laws/kaplan.js";
import { brentRoot } from "../laws/roots.js";
import { formatSig } from "../io/units.js";
import type { LawSet } from "../laws/types.js";
import { lawFamily } from "../laws/types.js";

export interface PredictInput {
  nParams: number;
  nTokens?: number;
  steps?: number;
  batchTokens?: number;
}

export interface Prediction {
  law: string;
  nParams: number;
  nTokens: number;
  steps: number | null;
  batchTokens: number | null;
  lossNats: number;
  /** L(N,D)/L(N,inf) - 1 (Kaplan eq. 1.5), where the law set has L(N,D). */
  overfitPenalty: number | null;
  /** S_min of eq. 5.4, where the loss came from L(N,S_min). */
  minSteps: number | null;
  /** Which equation gave the loss. */
  lossFrom: "L(N,D)" | "L(N,S_min)" | "chinchilla";
}

/** How closely --tokens and --steps x --batch-tokens must agree when both are given (relative). */
const TOKENS_AGREE = 0.01;

export function predict(set: LawSet, input: PredictInput): Prediction {
  const { nParams } = input;
  const stepsGiven = input.steps !== undefined;
  if (stepsGiven && input.batchTokens === undefined) {
    throw new ScalingError("usage", "--steps needs --batch-tokens (tokens = steps x batch)");
  }
  const nTokens = input.nTokens ?? (stepsGiven ? input.steps! * input.batchTokens! : undefined);
  if (nTokens === undefined) throw new ScalingError("usage", "give --tokens, or --steps with --batch-tokens");
  if (stepsGiven && input.nTokens !== undefined) {
    // Both ways of saying how long the run is: the loss would come from one (L(N,S_min) uses
    // the steps) and the overfitting penalty from the other (L(N,D) the tokens), so they must agree.
    const fromSteps = input.steps! * input.batchTokens!;
    if (Math.abs(fromSteps - nTokens) > TOKENS_AGREE * nTokens) {
      throw new ScalingError(
        "usage",
        `--tokens ${formatSig(nTokens)} disagrees with --steps x --batch-tokens = ${formatSig(fromSteps)} tokens; give one of the two (or both, within 1%)`,
      );
    }
  }
  const steps = input.steps ?? (input.batchTokens !== undefined ? nTokens / input.batchTokens : null);
  const batchTokens = input.batchTokens ?? null;
  const nd = set.laws.nd;
  const result = (lossNats: number, lossFrom: Prediction["lossFrom"], minSteps: number | null): Prediction => ({
    law: set.name,
    nParams,
    nTokens,
    steps,
    batchTokens,
    lossNats,
    overfitPenalty: nd ? overfitPenalty(nd, nParams, nTokens) : null,
    minSteps,
    lossFrom,
  });

  if (lawFamily(set) === "chinchilla" && set.laws.ns === undefined) {
    return result(chinchillaLoss(set.laws.chinchilla!, nParams, nTokens), "chinchilla", null);
  }
  const { ns, bcrit } = set.laws;
  if (steps !== null && batchTokens !== null && ns !== undefined && bcrit !== undefined) {
    // L = L(N, S_min(L)) with S_min = S / (1 + B_crit(L)/B): one equation in L, bracketed
    // between the converged loss L(N, inf) and the loss after a single step.
    const converged = Math.pow(ns.Nc / nParams, ns.alphaN);
    const gap = (lossNats: number): number =>
      lossNS(ns, nParams, minStepsAt(steps, batchTokens, criticalBatchTokens(bcrit, lossNats))) - lossNats;
    let lossNats: number;
    try {
      lossNats = brentRoot(gap, converged * (1 + 1e-12), lossNS(ns, nParams, Math.min(steps, 1) / 2) + 1, {
        what: "loss from L(N,S_min)",
      });
    } catch (error) {
      if (!(error instanceof ScalingError) || error.code !== "numeric") throw error;
      throw new ScalingError(
        "numeric",
        `law "${set.name}" has no loss for ${formatSig(steps)} steps at a batch of ${formatSig(batchTokens)} tokens (L(N,S_min) with S_min of eq. 5.4 cannot be solved there); give at least one step and a batch of at least one token`,
      );
    }
    return result(lossNats, "L(N,S_min)", minStepsAt(steps, batchTokens, criticalBatchTokens(bcrit, lossNats)));
  }
  if (nd !== undefined) return result(lossND(nd, nParams, nTokens), "L(N,D)", null);
  throw new ScalingError(
    "data",
    `law "${set.name}" cannot predict this run: it needs L(N,D), L(N,S) with B_crit(L) and a batch size, or the Chinchilla form`,
  );
}
