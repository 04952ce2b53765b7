/**
 * The quantities of a proposal once the missing ones are derived from the given ones with
 * C = 6 N D and D = B S (shared/laws.md, Notation), and the loss the law predicts for it.
 */
import type { LawSet } from "../laws/types.js";
import { predict } from "../plan/predict.js";
import type { Proposal } from "./types.js";

export interface RunQuantities {
  nParams: number;
  /** D: tokens given, else batchTokens x steps, else flops / (6 N); null when none. */
  nTokens: number | null;
  /** B: given, else tokens / steps. */
  batchTokens: number | null;
  /** C = 6 N D, FLOPs (the law's compute; a given `flops` is only cross-checked). */
  flops: number | null;
  /** Unique tokens for the overfitting check: datasetTokens, else D. */
  datasetTokens: number | null;
  /** The law's predicted loss for (N, D) or (N, S, B), nats/token. */
  lossNats: number | null;
}

export function runQuantities(set: LawSet, proposal: Proposal): RunQuantities {
  const { nParams, batchTokens, steps, flops } = proposal;
  let nTokens: number | null = proposal.nTokens ?? null;
  if (nTokens === null && batchTokens !== undefined && steps !== undefined) nTokens = batchTokens * steps;
  if (nTokens === null && flops !== undefined) nTokens = flops / (6 * nParams);
  const batch = batchTokens ?? (nTokens !== null && steps !== undefined ? nTokens / steps : null);
  let lossNats: number | null = null;
  if (nTokens !== null && proposal.nTokens !== undefined && batchTokens !== undefined && steps !== undefined) {
    // Tokens and steps x batch both stated: predict refuses them when they disagree, but here
    // that is the consistency check's verdict to give. The loss comes from the steps where the
    // law has L(N,S_min) with B_crit(L), else from the tokens (L(N,D) or the Chinchilla form).
    const bySteps = predict(set, { nParams, steps, batchTokens });
    lossNats = bySteps.lossFrom === "L(N,S_min)" ? bySteps.lossNats : predict(set, { nParams, nTokens, batchTokens }).lossNats;
  } else if (nTokens !== null) {
    lossNats = predict(set, {
      nParams,
      nTokens,
      ...(batch !== null ? { batchTokens: batch } : {}),
      ...(steps !== undefined && batch !== null ? { steps } : {}),
    }).lossNats;
  }
  return {
    nParams,
    nTokens,
    batchTokens: batch,
    flops: nTokens === null ? null : 6 * nParams * nTokens,
    datasetTokens: proposal.datasetTokens ?? nTokens,
    lossNats,
  };
}
