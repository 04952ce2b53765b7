/**
 * Derived quantities users want from fitted constants (laws.md): allocation exponents, the
 * D_min rule, the 10%-above-converged stopping point.
 */
import { chinchillaG } from "../laws/chinchilla.js";
import type { LawId } from "../laws/types.js";

export function derivedQuantities(law: LawId, p: Record<string, number>): Record<string, number> {
  switch (law) {
    case "nd": {
      // D_min(N) = Dc (N/Nc)^(alphaN/alphaD) / ((1+delta)^(1/alphaD) − 1), delta = 0.02 (eq. 4.4).
      const exponent = p.alphaN! / p.alphaD!;
      const coefficient = (p.Dc! * Math.pow(p.Nc!, -exponent)) / (Math.pow(1.02, 1 / p.alphaD!) - 1);
      return { dMinExponent: exponent, dMinCoefficient: coefficient };
    }
    case "ns":
      // Stop f = alphaN/alphaS above the converged loss (App. B.2): about 10% in the paper.
      return { stopAboveConverged: p.alphaN! / p.alphaS! };
    case "chinchilla": {
      const law = { E: p.E!, A: p.A!, B: p.B!, alpha: p.alpha!, beta: p.beta! };
      const sum = law.alpha + law.beta;
      // N_opt ∝ C^(beta/(alpha+beta)), D_opt ∝ C^(alpha/(alpha+beta)) (Hoffmann eq. 4).
      const g = chinchillaG(law);
      const flops = 1e21;
      const nOpt = g * Math.pow(flops / 6, law.beta / sum);
      return { paramsExponent: law.beta / sum, tokensExponent: law.alpha / sum, G: g, tokensPerParamAt1e21: flops / 6 / nOpt / nOpt };
    }
    default:
      return {};
  }
}

/**
 * Kaplan's compute-efficient allocation from fitted L(N,S_min) and B_crit(L) (laws.md, eq. B.7):
 * alpha_C = 1/(1/alphaS + 1/alphaB + 1/alphaN); N ∝ C^(alphaC/alphaN), B ∝ C^(alphaC/alphaB),
 * S ∝ C^(alphaC/alphaS).
 */
export function kaplanAllocation(ns: Record<string, number>, bcrit: { alphaB: number }): Record<string, number> {
  const alphaC = 1 / (1 / ns.alphaS! + 1 / bcrit.alphaB + 1 / ns.alphaN!);
  return { alphaCmin: alphaC, paramsExponent: alphaC / ns.alphaN!, batchExponent: alphaC / bcrit.alphaB, stepsExponent: alphaC / ns.alphaS! };
}
