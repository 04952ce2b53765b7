/**
 * Recovery of the learning-curve laws from fixtures/curves.csv, made by fixtures/make.mjs from
 * known constants (fixtures/README.md): L(N, S_min) with Table 3's alphaN 0.077, alphaS 0.76,
 * Nc 6.5e13, Sc 2.1e3, S_min through B_crit(L) = 2e8 / L^(1/0.21), 0.5% noise.
 */
import { describe, expect, it } from "vitest";
import { fitLaws } from "../../src/fit/fitLaws.js";
import { batchSweeps, dataBcrit, minStepsAndTokens, stepsToReach } from "../../src/fit/curveData.js";
import { readRuns } from "../../src/io/read.js";
import { expectRel } from "../helpers/close.js";
import { ROOT } from "../helpers/cli.js";

describe("learning-curve laws on fixtures/curves.csv", () => {
  it("bcrit, then ns with the fitted B_crit, then cmin", async () => {
    const { runs } = await readRuns([`${ROOT}fixtures/curves.csv`]);
    const report = fitLaws(runs, { laws: ["ns", "bcrit", "cmin"], bootstrap: 0 });
    expect(report.fits.map((f) => f.law)).toEqual(["ns", "bcrit", "cmin"]);
    const [ns, bcrit, cmin] = report.fits as [(typeof report.fits)[0], (typeof report.fits)[0], (typeof report.fits)[0]];
    // B_crit from the (S/S_min − 1)(E/E_min − 1) = 1 fits at 8 loss targets a size: within 5% and 20%.
    expectRel(bcrit.params.alphaB!, 0.21, 0.05, "alphaB");
    expectRel(bcrit.params.Bstar!, 2e8, 0.2, "Bstar");
    expectRel(ns.params.alphaN!, 0.077, 0.02, "alphaN");
    expectRel(ns.params.alphaS!, 0.76, 0.02, "alphaS");
    expectRel(ns.params.Nc!, 6.5e13, 0.15, "Nc");
    expectRel(ns.params.Sc!, 2.1e3, 0.05, "Sc");
    expect(ns.note).toBe("S_min, E_min from the fitted B_crit(L)");
    expect(ns.derived.stopAboveConverged).toBeCloseTo(0.077 / 0.76, 2);
    expect(cmin.params.alphaC!).toBeGreaterThan(0);
    expect(cmin.r2).toBeGreaterThan(0.9);
  });

  it("bootstraps B_crit over model sizes, whose loss targets share their runs, not over targets", async () => {
    const { runs } = await readRuns([`${ROOT}fixtures/curves.csv`]);
    const { sweeps } = batchSweeps(runs, 100);
    const sizes = [...new Set(sweeps.map((s) => s.nParams))];
    const { runOf } = dataBcrit(runs, 100);
    expect(runOf).toHaveLength(sweeps.length);
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    expect(sweeps.length).toBeGreaterThan(sizes.length);
    // One resampling unit per size, and every target of a size in it.
    expect(new Set(runOf).size).toBe(sizes.length);
    sweeps.forEach((sweep, i) => expect(runOf[i]).toBe(sizes.indexOf(sweep.nParams)));
  });

  it("S = S_min + E_min/B is recovered exactly from noise-free steps", () => {
    const batches = [1e5, 3e5, 1e6, 3e6];
    const fit = minStepsAndTokens(batches, batches.map((b) => 1000 + 5e8 / b));
    expectRel(fit!.minSteps, 1000, 1e-8);
    expectRel(fit!.minTokens, 5e8, 1e-8);
  });

  it("steps to reach a loss interpolate the running minimum in log-log", () => {
    const steps = Float64Array.of(100, 1000, 10000);
    const loss = Float64Array.of(4, 2, 1);
    expectRel(stepsToReach(steps, loss, 2)!, 1000, 1e-12);
    expectRel(stepsToReach(steps, loss, Math.SQRT2)!, Math.sqrt(1000 * 10000), 1e-12);
    expect(stepsToReach(steps, loss, 0.5)).toBeNull();
  });

  it("B_crit needs 3 batch sizes of one model size", async () => {
    const { runs } = await readRuns([`${ROOT}fixtures/sweep-final.csv`]);
    expect(() => fitLaws(runs, { laws: ["bcrit"], bootstrap: 0 })).toThrow(
      "B_crit(L) needs learning curves of one model size at 3 or more batch sizes; got no learning curves with params and batch size",
    );
  });
});
