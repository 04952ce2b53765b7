/**
 * Hoffmann et al. 2022 ("Chinchilla", arXiv 2203.15556), Approach 3, and every law of the
 * same form (Besiroglu et al. 2024): L(N,D) = E + A/N^alpha + B/D^beta, N all parameters.
 */
import { brentRoot } from "./roots.js";
import type { LawChinchilla } from "./types.js";

/**
 * L(N,D) = E + A/N^alpha + B/D^beta. Hoffmann et al. 2022, eq. 2 / Approach 3.
 * @example chinchillaLoss(CHINCHILLA, 7e10, 1.4e12) // ≈ 1.937
 */
export function chinchillaLoss(law: LawChinchilla, nParams: number, nTokens: number): number {
  return law.E + law.A * Math.pow(nParams, -law.alpha) + law.B * Math.pow(nTokens, -law.beta);
}

export interface ChinchillaSplit {
  nParams: number;
  nTokens: number;
  flops: number;
  lossNats: number;
}

/**
 * G = (alpha A / (beta B))^(1/(alpha+beta)). Hoffmann et al. 2022, eq. 4.
 */
export function chinchillaG(law: LawChinchilla): number {
  return Math.pow((law.alpha * law.A) / (law.beta * law.B), 1 / (law.alpha + law.beta));
}

/**
 * The compute-optimal split of C = 6 N D:
 * N_opt = G (C/6)^(beta/(alpha+beta)), D_opt = G^-1 (C/6)^(alpha/(alpha+beta)).
 * Hoffmann et al. 2022, eq. 4.
 */
export function chinchillaOptimal(law: LawChinchilla, flops: number): ChinchillaSplit {
  const g = chinchillaG(law);
  const sum = law.alpha + law.beta;
  const nParams = g * Math.pow(flops / 6, law.beta / sum);
  const nTokens = (1 / g) * Math.pow(flops / 6, law.alpha / sum);
  return { nParams, nTokens, flops, lossNats: chinchillaLoss(law, nParams, nTokens) };
}

/** The compute budget whose optimal model has N parameters: the inverse of N_opt(C). */
export function chinchillaOptimalAtParams(law: LawChinchilla, nParams: number): ChinchillaSplit {
  const sum = law.alpha + law.beta;
  const flops = 6 * Math.pow(nParams / chinchillaG(law), sum / law.beta);
  return chinchillaOptimal(law, flops);
}

/**
 * The smallest budget whose optimal split reaches a loss. The optimal loss falls
 * monotonically in C towards E; solved by a bracketed root finder in log C.
 */
export function chinchillaOptimalAtLoss(law: LawChinchilla, lossNats: number): ChinchillaSplit {
  const logFlops = brentRoot(
    (logC) => chinchillaOptimal(law, Math.exp(logC)).lossNats - lossNats,
    Math.log(1e3),
    Math.log(1e60),
    { what: `budget to reach loss ${lossNats} (the law's floor is E = ${law.E})`, xTolerance: 1e-13 },
  );
  return chinchillaOptimal(law, Math.exp(logFlops));
}
