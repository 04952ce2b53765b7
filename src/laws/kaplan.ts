/**
 * Kaplan et al. 2020, "Scaling Laws for Neural Language Models" (arXiv 2001.08361):
 * the power laws in N, D, S and C and the batch-size relations, as pure functions.
 * Units: N non-embedding parameters, D tokens, S optimizer steps, B tokens per batch,
 * C_min PF-days, loss nats/token. Equations named as in shared/laws.md.
 */
import type { LawBcrit, LawCmin, LawD, LawN, LawND, LawNS } from "./types.js";

/**
 * Loss of a model of N parameters trained to convergence on ample data:
 * L(N) = (Nc/N)^alphaN. Kaplan et al. 2020, eq. 1.1.
 * @example lossN({ alphaN: 0.076, Nc: 8.8e13 }, 1e9) // ≈ 2.373
 */
export function lossN(law: LawN, nParams: number): number {
  return Math.pow(law.Nc / nParams, law.alphaN);
}

/**
 * Loss of a large model trained on D tokens with early stopping:
 * L(D) = (Dc/D)^alphaD. Kaplan et al. 2020, eq. 1.2.
 */
export function lossD(law: LawD, nTokens: number): number {
  return Math.pow(law.Dc / nTokens, law.alphaD);
}

/**
 * Loss reachable with C_min of compute spent optimally:
 * L(C_min) = (Cc/C_min)^alphaC. Kaplan et al. 2020, eq. 1.3 (Cc and C_min in PF-days).
 */
export function lossCmin(law: LawCmin, cMinPfDays: number): number {
  return Math.pow(law.Cc / cMinPfDays, law.alphaC);
}

/**
 * Critical batch size at a loss: B_crit(L) = Bstar / L^(1/alphaB), in tokens.
 * Kaplan et al. 2020, eq. 1.4.
 */
export function criticalBatchTokens(law: LawBcrit, lossNats: number): number {
  return law.Bstar / Math.pow(lossNats, 1 / law.alphaB);
}

/** The loss at which B_crit(L) equals a batch size: the inverse of eq. 1.4. */
export function lossAtCriticalBatch(law: LawBcrit, batchTokens: number): number {
  return Math.pow(law.Bstar / batchTokens, law.alphaB);
}

/**
 * Loss of N parameters trained on a dataset of D tokens (early-stopped):
 * L(N,D) = [(Nc/N)^(alphaN/alphaD) + Dc/D]^alphaD. Kaplan et al. 2020, eq. 1.5, Table 2.
 * @example lossND(KAPLAN.nd, 1e9, 2e10) // ≈ 2.51
 */
export function lossND(law: LawND, nParams: number, nTokens: number): number {
  return Math.pow(Math.pow(law.Nc / nParams, law.alphaN / law.alphaD) + law.Dc / nTokens, law.alphaD);
}

/** L(N, D -> inf) of eq. 1.5: (Nc/N)^alphaN with Table 2's constants. */
export function lossNDConverged(law: LawND, nParams: number): number {
  return Math.pow(law.Nc / nParams, law.alphaN);
}

/**
 * Loss of N parameters after S_min steps at B >> B_crit:
 * L(N,S_min) = (Nc/N)^alphaN + (Sc/S_min)^alphaS. Kaplan et al. 2020, eq. 1.6, Table 3.
 */
export function lossNS(law: LawNS, nParams: number, minSteps: number): number {
  return Math.pow(law.Nc / nParams, law.alphaN) + Math.pow(law.Sc / minSteps, law.alphaS);
}

/** S_min that L(N,S_min) needs to reach a loss, or Infinity at or below L(N, inf). */
export function minStepsForLoss(law: LawNS, nParams: number, lossNats: number): number {
  const gap = lossNats - Math.pow(law.Nc / nParams, law.alphaN);
  return gap > 0 ? law.Sc * Math.pow(gap, -1 / law.alphaS) : Infinity;
}

/**
 * Fewest steps to reach a loss, from S steps at batch B: S_min = S / (1 + B_crit/B).
 * Kaplan et al. 2020, eq. 5.4.
 */
export function minSteps(steps: number, batchTokens: number, criticalTokens: number): number {
  return steps / (1 + criticalTokens / batchTokens);
}

/**
 * Fewest tokens to reach a loss, from E = B S tokens at batch B: E_min = E / (1 + B/B_crit).
 * Kaplan et al. 2020, eq. 5.4.
 */
export function minTokensProcessed(nTokens: number, batchTokens: number, criticalTokens: number): number {
  return nTokens / (1 + batchTokens / criticalTokens);
}

/**
 * Overfitting penalty of a finite dataset: L(N,D)/L(N,inf) - 1. Kaplan et al. 2020, sec. 4.
 */
export function overfitPenalty(law: LawND, nParams: number, nTokens: number): number {
  return lossND(law, nParams, nTokens) / lossNDConverged(law, nParams) - 1;
}

/**
 * Smallest dataset keeping the overfitting penalty within delta:
 * D_min(N) = Dc (N/Nc)^(alphaN/alphaD) / ((1+delta)^(1/alphaD) - 1).
 * Kaplan et al. 2020, eq. 4.4; ≈ 5.5e3 N^0.74 with Table 2's constants and delta = 0.02.
 */
export function minDatasetTokens(law: LawND, nParams: number, overfitTolerance: number): number {
  return (
    (law.Dc * Math.pow(nParams / law.Nc, law.alphaN / law.alphaD)) /
    (Math.pow(1 + overfitTolerance, 1 / law.alphaD) - 1)
  );
}

/** The largest model a dataset of D tokens supports within delta: the inverse of D_min(N). */
export function maxParamsForDataset(law: LawND, nTokens: number, overfitTolerance: number): number {
  const scaled = (nTokens * (Math.pow(1 + overfitTolerance, 1 / law.alphaD) - 1)) / law.Dc;
  return law.Nc * Math.pow(scaled, law.alphaD / law.alphaN);
}

/**
 * Latest sensible stopping step with a finite dataset:
 * S_stop(N,D) ≳ Sc / [L(N,D) - L(N,inf)]^(1/alphaS). Kaplan et al. 2020, eq. 5.7 region.
 * Infinity when the dataset gives no measurable penalty.
 */
export function earlyStopSteps(ns: LawNS, nd: LawND, nParams: number, nTokens: number): number {
  const gap = lossND(nd, nParams, nTokens) - lossNDConverged(nd, nParams);
  return gap > 0 ? ns.Sc / Math.pow(gap, 1 / ns.alphaS) : Infinity;
}
