/**
 * Recovery: runs generated from known constants with seeded log-normal noise, fitted; the
 * constants come back within the stated tolerances.
 */
import { describe, expect, it } from "vitest";
import { fitLaw } from "../../src/fit/fitLaws.js";
import { chinchillaLoss } from "../../src/laws/chinchilla.js";
import { lossND } from "../../src/laws/kaplan.js";
import { expectRel } from "../helpers/close.js";
import { geometric, gridRuns } from "./synthetic.js";

const SIZES = geometric(1e7, 3e9, 8);
const TOKENS = geometric(1e9, 2e11, 6);

describe("recovery of known constants", () => {
  it("nd: Kaplan L(N,D) from 48 runs with 0.2% noise, exponents within 5%, scales within a factor 2", () => {
    const truth = { alphaN: 0.076, alphaD: 0.103, Nc: 6.4e13, Dc: 1.8e13 };
    const runs = gridRuns((n, d) => lossND(truth, n, d), SIZES, TOKENS, 0.002);
    const fit = fitLaw(runs, "nd", { laws: ["nd"], bootstrap: 0 });
    expectRel(fit.params.alphaN!, truth.alphaN, 0.05, "alphaN");
    expectRel(fit.params.alphaD!, truth.alphaD, 0.05, "alphaD");
    expect(Math.abs(Math.log(fit.params.Nc! / truth.Nc))).toBeLessThan(Math.log(2));
    expect(Math.abs(Math.log(fit.params.Dc! / truth.Dc))).toBeLessThan(Math.log(2));
    expect(fit.rmse).toBeLessThan(0.003);
    // The truth lies within 4 standard errors of each exponent.
    expect(Math.abs(fit.params.alphaD! - truth.alphaD)).toBeLessThan(4 * fit.stderr.alphaD!);
  });

  it("nd: noise-free data gives the constants to 1e-6", () => {
    const truth = { alphaN: 0.076, alphaD: 0.103, Nc: 6.4e13, Dc: 1.8e13 };
    const runs = gridRuns((n, d) => lossND(truth, n, d), SIZES, TOKENS, 0);
    const fit = fitLaw(runs, "nd", { laws: ["nd"], bootstrap: 0 });
    for (const name of ["alphaN", "alphaD", "Nc", "Dc"] as const) expectRel(fit.params[name]!, truth[name], 1e-6, name);
  });

  it("n: L(N) on the best loss of each size, alphaN within 3%", () => {
    const truth = { alphaN: 0.076, Nc: 8.8e13 };
    const runs = gridRuns((n) => Math.pow(truth.Nc / n, truth.alphaN), SIZES, [1e10], 0.005);
    const fit = fitLaw(runs, "n", { laws: ["n"], bootstrap: 0 });
    expectRel(fit.params.alphaN!, truth.alphaN, 0.03, "alphaN");
    expect(Math.abs(Math.log(fit.params.Nc! / truth.Nc))).toBeLessThan(Math.log(1.5));
  });

  it("d: L(D) on the largest models, alphaD within 3%", () => {
    const truth = { alphaD: 0.095, Dc: 5.4e13 };
    const runs = gridRuns((_n, d) => Math.pow(truth.Dc / d, truth.alphaD), [1e8, 1e9], TOKENS, 0.005);
    const fit = fitLaw(runs, "d", { laws: ["d"], bootstrap: 0 });
    expectRel(fit.params.alphaD!, truth.alphaD, 0.03, "alphaD");
  });

  it("chinchilla: Approach 3 recovers E within 1%, exponents within 5% (0.2% noise, 48 runs)", () => {
    const truth = { E: 1.82, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 };
    const runs = gridRuns((n, d) => chinchillaLoss(truth, n, d), SIZES, TOKENS, 0.002);
    const fit = fitLaw(runs, "chinchilla", { laws: ["chinchilla"], bootstrap: 0 });
    expectRel(fit.params.E!, truth.E, 0.01, "E");
    expectRel(fit.params.alpha!, truth.alpha, 0.05, "alpha");
    expectRel(fit.params.beta!, truth.beta, 0.05, "beta");
    expect(fit.startsAtOptimum).toBeGreaterThan(0.2 * fit.starts);
  });

  it("chinchilla: noise-free, every converging start set gives the constants (from each grid corner alone)", async () => {
    const truth = { E: 1.82, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 };
    const runs = gridRuns((n, d) => chinchillaLoss(truth, n, d), SIZES, TOKENS, 0);
    const { LAW_SPECS } = await import("../../src/fit/lawSpecs.js");
    const spec = LAW_SPECS.chinchilla!;
    const data = spec.extract(runs, { minStep: 0 });
    for (const start of [
      [0, 0, -1, 0, 0],
      [25, 25, 1, 2, 2],
      [5, 10, 0, 0.5, 0.5],
      [10, 5, 0.5, 1, 0],
    ]) {
      const fit = spec.fit(data, undefined, [Float64Array.from(start)]);
      for (const name of ["E", "A", "B", "alpha", "beta"] as const) expectRel(fit.params[name]!, truth[name], 1e-4, `${name} from ${start}`);
    }
  });
});
