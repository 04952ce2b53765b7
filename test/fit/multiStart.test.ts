/**
 * Robustness of the Levenberg–Marquardt solver from random starts (issue 4's measurement:
 * a hand-written LM with analytic Jacobian reached the optimum from 74 of 75 starts, scipy's
 * trf from 71, ml-levenberg-marquardt from 0–42). Here: Kaplan L(N,D) on 30 noisy points,
 * 75 seeded random starts with exponents in [0.03, 0.3] and ln Nc, ln Dc in [25, 35] (the truth:
 * 31.8, 30.5). Starts that fail stop where a term has vanished (e.g. Dc → 0 leaves L(N) alone):
 * a flat valley that the relative stopping test accepts; the multi-start keeps the best.
 */
import { expect, it } from "vitest";
import { seededRandom } from "../../src/fit/bootstrap.js";
import { levenbergMarquardt } from "../../src/fit/levenbergMarquardt.js";
import { kaplanNDModel } from "../../src/fit/models.js";
import { LAW_SPECS } from "../../src/fit/lawSpecs.js";
import { lossND } from "../../src/laws/kaplan.js";
import { geometric, gridRuns } from "./synthetic.js";

it("L(N,D): random starts reach the optimum about half the time; the law's own starts always do", () => {
  const truth = { alphaN: 0.076, alphaD: 0.103, Nc: 6.4e13, Dc: 1.8e13 };
  const runs = gridRuns((n, d) => lossND(truth, n, d), geometric(1e6, 1e9, 6), geometric(1e8, 1e11, 5), 0.005, 11);
  const data = LAW_SPECS.nd!.extract(runs, { minStep: 0 });
  const problem = kaplanNDModel.problem(data);
  // The law's regression-based multi-start (lawSpecs.ts ndStarts).
  const best = LAW_SPECS.nd!.fit(data);
  const random = seededRandom(75);
  let reached = 0;
  let bestRandom = Infinity;
  for (let k = 0; k < 75; k++) {
    const start = [0.03 + 0.27 * random(), 0.03 + 0.27 * random(), 25 + 10 * random(), 25 + 10 * random()];
    const result = levenbergMarquardt(problem, start);
    if (result.converged) bestRandom = Math.min(bestRandom, result.objective);
    if (result.converged && result.objective <= best.objective * (1 + 1e-6)) reached++;
  }
  // Measured 38 of 75 (2026-11-25); the rest stop in the degenerate valleys described above.
  expect(reached).toBeGreaterThanOrEqual(30);
  // No random start finds anything better than the law's own starts.
  expect(best.objective).toBeLessThanOrEqual(bestRandom * (1 + 1e-9));
});
