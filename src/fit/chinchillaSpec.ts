/**
 * The Chinchilla law as a LawSpec: Hoffmann et al. 2022 Approach 3 (chinchillaFit.ts) on the
 * final loss of each run, standard errors from the LSE residuals' Jacobian at the optimum.
 */
import { fitChinchilla, hoffmannGrid } from "./chinchillaFit.js";
import { dataND } from "./lawData.js";
import type { LawSpec } from "./lawSpecs.js";
import { mapConstants } from "./mapConstants.js";
import { standardErrors } from "./leastSquaresFit.js";
import { lseProblem } from "./lseProblem.js";

export const chinchillaSpec: LawSpec = {
  id: "chinchilla",
  form: "L(N,D) = E + A/N^alpha + B/D^beta (Hoffmann et al. 2022, Approach 3)",
  names: ["E", "A", "B", "alpha", "beta"],
  firstIsN: true,
  extract: (runs) => dataND(runs, "L(N,D) = E + A/N^alpha + B/D^beta", 6),
  predictLn: (theta, lnX) => {
    const t1 = theta[0]! - theta[3]! * lnX[0]!;
    const t2 = theta[1]! - theta[4]! * lnX[1]!;
    const top = Math.max(t1, t2, theta[2]!);
    return top + Math.log(Math.exp(t1 - top) + Math.exp(t2 - top) + Math.exp(theta[2]! - top));
  },
  fit(data, warm, starts, options = {}) {
    const result = fitChinchilla(
      { lnN: data.lnX[0]!, lnD: data.lnX[1]!, lnL: data.lnL },
      { starts: starts ?? (warm ? [warm] : hoffmannGrid()), ...options },
    );
    const se = standardErrors(lseProblem(data), result.theta);
    // θ = [a, b, e, alpha, beta]; constants in DESIGN.md order E, A, B, alpha, beta.
    const order = { names: ["A", "B", "E", "alpha", "beta"], logScaled: [true, true, true, false, false] };
    const mapped = mapConstants(order, result.theta, se);
    const params: Record<string, number> = {};
    const stderr: Record<string, number | null> = {};
    for (const name of chinchillaSpec.names) {
      params[name] = mapped.params[name]!;
      stderr[name] = mapped.stderr[name]!;
    }
    return {
      theta: result.theta,
      params,
      stderr,
      objective: result.objective,
      objectiveKind: "sum of Huber(1e-3) of ln L residuals",
      iterations: result.iterations,
      converged: true,
      starts: result.starts,
      startsAtOptimum: result.startsAtOptimum,
    };
  },
};
