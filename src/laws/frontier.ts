/**
 * The compute-efficient frontier of Kaplan et al. 2020, sec. 6 and Appendix B.2: at fixed
 * C_min, minimising L(N, S_min) subject to C_min = 6 N B_crit(L) S_min stops training about
 * alphaN/alphaS ≈ 10% above the converged loss. Also the paper's empirical fits of the same
 * frontier (Table 6, eqs. 6.1–6.2) and its claims about it (B.12–B.17).
 */
import { brentRoot } from "./roots.js";
import { criticalBatchTokens, lossNS } from "./kaplan.js";
import type { LawBcrit, LawNS } from "./types.js";
import { FLOPS_PER_PF_DAY } from "../io/units.js";

export interface FrontierPoint {
  /** Target (and predicted) loss, nats/token. */
  lossNats: number;
  /** N, non-embedding parameters. */
  nParams: number;
  /** S_min, steps at B >> B_crit. */
  minSteps: number;
  /** B_crit(L), tokens. */
  criticalBatchTokens: number;
  /** C_min = 6 N B_crit S_min, FLOPs. */
  minFlops: number;
}

/**
 * The frontier point that reaches a loss: L(N,inf) = L/(1 + alphaN/alphaS),
 * N = Nc L(N,inf)^(-1/alphaN), S_min = Sc (L alphaN/(alphaN+alphaS))^(-1/alphaS),
 * B = B_crit(L), C_min = 6 N B S_min. Kaplan et al. 2020, Appendix B.2.
 */
export function frontierAtLoss(ns: LawNS, bcrit: LawBcrit, lossNats: number): FrontierPoint {
  const convergedLoss = lossNats / (1 + ns.alphaN / ns.alphaS);
  const nParams = ns.Nc * Math.pow(convergedLoss, -1 / ns.alphaN);
  const minSteps = ns.Sc * Math.pow((lossNats * ns.alphaN) / (ns.alphaN + ns.alphaS), -1 / ns.alphaS);
  const batch = criticalBatchTokens(bcrit, lossNats);
  return { lossNats, nParams, minSteps, criticalBatchTokens: batch, minFlops: 6 * nParams * batch * minSteps };
}

/**
 * The frontier point for a compute budget C_min (FLOPs): C_min(L) falls monotonically in L,
 * so L is found by a bracketed root finder in log L (shared/laws.md, sec. 6).
 */
export function frontierAtMinFlops(ns: LawNS, bcrit: LawBcrit, minFlops: number): FrontierPoint {
  const target = Math.log(minFlops);
  const logLoss = brentRoot(
    (logL) => Math.log(frontierAtLoss(ns, bcrit, Math.exp(logL)).minFlops) - target,
    Math.log(1e-4),
    Math.log(1e4),
    { what: "compute-efficient frontier" },
  );
  return frontierAtLoss(ns, bcrit, Math.exp(logLoss));
}

/**
 * The frontier point of a model of N parameters: the step term equals alphaN/alphaS times
 * L(N,inf), so L = (1 + alphaN/alphaS) (Nc/N)^alphaN. Kaplan et al. 2020, Appendix B.2.
 */
export function frontierAtParams(ns: LawNS, bcrit: LawBcrit, nParams: number): FrontierPoint {
  const lossNats = (1 + ns.alphaN / ns.alphaS) * Math.pow(ns.Nc / nParams, ns.alphaN);
  return frontierAtLoss(ns, bcrit, lossNats);
}

/**
 * Exponents of the frontier: N ∝ C^(alphaC/alphaN), B ∝ C^(alphaC/alphaB),
 * S ∝ C^(alphaC/alphaS), with alphaC = 1/(1/alphaS + 1/alphaB + 1/alphaN).
 * Kaplan et al. 2020, eq. B.7.
 */
export function frontierExponents(ns: LawNS, bcrit: LawBcrit): {
  alphaC: number;
  params: number;
  batch: number;
  steps: number;
} {
  const alphaC = 1 / (1 / ns.alphaS + 1 / bcrit.alphaB + 1 / ns.alphaN);
  return { alphaC, params: alphaC / ns.alphaN, batch: alphaC / bcrit.alphaB, steps: alphaC / ns.alphaS };
}

/** Kaplan et al. 2020, Table 6 (eqs. 6.1–6.2): the empirical frontier, C_min in PF-days. */
export const KAPLAN_EMPIRICAL_FRONTIER = {
  params: { coefficient: 1.3e9, exponent: 0.73 },
  batchTokens: { coefficient: 2.0e6, exponent: 0.24 },
  minSteps: { coefficient: 5.4e3, exponent: 0.03 },
  tokens: { coefficient: 2e10, exponent: 0.27 },
} as const;

export interface EmpiricalFrontierPoint {
  nParams: number;
  batchTokens: number;
  minSteps: number;
  nTokens: number;
}

/** The paper's fitted frontier at C_min FLOPs (Table 6). Not derived: never test one against the other. */
export function empiricalFrontier(minFlops: number): EmpiricalFrontierPoint {
  const pfDays = minFlops / FLOPS_PER_PF_DAY;
  const at = (fit: { coefficient: number; exponent: number }): number => fit.coefficient * Math.pow(pfDays, fit.exponent);
  const table = KAPLAN_EMPIRICAL_FRONTIER;
  return {
    nParams: at(table.params),
    batchTokens: at(table.batchTokens),
    minSteps: at(table.minSteps),
    nTokens: at(table.tokens),
  };
}

/**
 * Stopping at f above the converged loss instead of f' (same final loss): the ratios of
 * parameters, steps and compute. Kaplan et al. 2020, eqs. B.12–B.14:
 * N ratio = ((1+f)/(1+f'))^(1/alphaN), S ratio = ((f/(1+f)) / (f'/(1+f')))^(-1/alphaS).
 */
export function stoppingTradeoff(ns: LawNS, f: number, fPrime: number): {
  paramsRatio: number;
  stepsRatio: number;
  computeRatio: number;
} {
  const paramsRatio = Math.pow((1 + f) / (1 + fPrime), 1 / ns.alphaN);
  const stepsRatio = Math.pow(f / (1 + f) / (fPrime / (1 + fPrime)), -1 / ns.alphaS);
  return { paramsRatio, stepsRatio, computeRatio: paramsRatio * stepsRatio };
}

/**
 * Compute of a model N = sizeRatio N_eff reaching the loss that N_eff reaches optimally:
 * C(N)/C(N_eff) = (N/N_eff) [1 + (alphaS/alphaN)(1 - (N_eff/N)^alphaN)]^(-1/alphaS).
 * Kaplan et al. 2020, eq. B.16.
 */
export function offOptimalComputeRatio(ns: LawNS, sizeRatio: number): number {
  return sizeRatio * offOptimalStepsRatio(ns, sizeRatio);
}

/**
 * Steps of that model: S(N)/S(N_eff) = [1 + (alphaS/alphaN)(1 - (N_eff/N)^alphaN)]^(-1/alphaS).
 * Kaplan et al. 2020, eq. B.17.
 */
export function offOptimalStepsRatio(ns: LawNS, sizeRatio: number): number {
  const inner = 1 + (ns.alphaS / ns.alphaN) * (1 - Math.pow(1 / sizeRatio, ns.alphaN));
  return inner > 0 ? Math.pow(inner, -1 / ns.alphaS) : Infinity;
}

/**
 * Loss of N parameters trained on D tokens at B = k B_crit(L), by the frontier's own law:
 * S_min = D / ((1+k) B_crit(L)) (eq. 5.4 with B = k B_crit), and L = L(N, S_min) (eq. 1.6).
 * One equation in L, bracketed between L(N, inf) and the loss after one step. Used where a
 * plan cannot follow the frontier (a data cap), so losses compare with frontier plans.
 */
export function lossAtTokens(ns: LawNS, bcrit: LawBcrit, nParams: number, nTokens: number, batchFactor: number): number {
  const converged = Math.pow(ns.Nc / nParams, ns.alphaN);
  const minStepsAt = (lossNats: number): number => nTokens / ((1 + batchFactor) * criticalBatchTokens(bcrit, lossNats));
  return brentRoot(
    (lossNats) => lossNS(ns, nParams, minStepsAt(lossNats)) - lossNats,
    converged * (1 + 1e-12),
    converged + Math.pow(ns.Sc, ns.alphaS) + 1e3,
    { what: "loss at a fixed number of tokens" },
  );
}
