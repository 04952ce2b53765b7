/**
 * `scaling fit` end to end: golden output on fixtures, the --json contract, --out read back
 * by `plan --law fit.json` (with ranges from the bootstrap), and the data-support errors.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, spawnCli } from "../helpers/cli.js";
import { expectGolden } from "../helpers/golden.js";
import { expectRel } from "../helpers/close.js";

const SWEEP = "fixtures/sweep-final.csv";
const CURVES = "fixtures/curves.csv";

describe("scaling fit", () => {
  it("fits L(N,D) on the final-results sweep (golden)", async () => {
    const args = ["fit", SWEEP, "--law", "nd,n", "--holdout"];
    expectGolden("fit-sweep-nd", args, await runCli(args));
  });

  it("fits what the data supports with all, listing the rest (golden)", async () => {
    const args = ["fit", SWEEP, "--bootstrap", "20"];
    // Screened in JavaScript, which gives these bits on every machine. The native screen's
    // iteration and start counts can differ (test/fit/nativeScreen.test.ts), and whether it runs
    // depends on the machine.
    expectGolden("fit-sweep-all", args, await runCli(args, { NO_COLOR: "1", SCALING_NATIVE: "0" }));
  });

  it("--json follows DESIGN.md's contract and recovers Table 2's exponents", async () => {
    const result = await runCli(["fit", SWEEP, "--law", "nd", "--json"]);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(Object.keys(document)).toEqual(["input", "fits", "skipped", "version"]);
    const fit = document.fits[0];
    expect(fit.law).toBe("nd");
    for (const key of ["form", "params", "stderr", "ci95", "rmse", "r2", "points"]) expect(fit).toHaveProperty(key);
    expect(Object.keys(fit.params)).toEqual(["alphaN", "alphaD", "Nc", "Dc"]);
    expect(fit.points).toBe(20);
    expect(fit.bootstrap.samples).toBe(200); // default on: 20 runs ≤ 50
    // fixtures/README.md: alphaN 0.076, alphaD 0.103 with 0.5% noise.
    expectRel(fit.params.alphaN, 0.076, 0.1, "alphaN");
    expectRel(fit.params.alphaD, 0.103, 0.15, "alphaD");
    for (const name of ["alphaN", "alphaD"]) {
      expect(fit.ci95[name][0]).toBeLessThan(fit.params[name]);
      expect(fit.ci95[name][1]).toBeGreaterThan(fit.params[name]);
    }
  });

  it("the bootstrap is seeded: the same --seed gives the same intervals, another seed others", async () => {
    const ci = async (seed: string) =>
      JSON.parse((await runCli(["fit", SWEEP, "--law", "nd", "--json", "--bootstrap", "50", "--seed", seed])).stdout).fits[0].ci95;
    const [a, b, c] = [await ci("3"), await ci("3"), await ci("4")];
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it("--holdout reports the extrapolation error of the largest model size", async () => {
    const fit = JSON.parse((await runCli(["fit", SWEEP, "--law", "nd", "--json", "--bootstrap", "0", "--holdout"])).stdout).fits[0];
    expect(fit.holdout.heldOutParams).toBe(1e9);
    expect(fit.holdout.points).toBe(4);
    // 0.5% noise in the fixture: the extrapolated loss is within a few percent.
    expect(fit.holdout.meanRelError).toBeLessThan(0.03);
    expect(fit.bootstrap).toBeNull();
    expect(fit.ci95).toBeNull();
  });

  it("--out writes a file that plan --law reads, with 95% ranges", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scaling-fit-"));
    const out = join(dir, "fit.json");
    const fitted = await runCli(["fit", SWEEP, "--law", "chinchilla", "--bootstrap", "40", "--out", out]);
    expect(fitted.code).toBe(0);
    const document = JSON.parse(readFileSync(out, "utf8"));
    // Refits that do not converge are counted and left out, never used.
    expect(document.fits[0].samples.length + document.fits[0].bootstrap.failed).toBe(40);
    const planned = await runCli(["plan", "--compute", "1e21", "--law", out, "--json"]);
    expect(planned.stderr).toBe("");
    expect(planned.code).toBe(0);
    const plan = JSON.parse(planned.stdout);
    expect(plan.ranges.samples).toBeGreaterThanOrEqual(20);
    expect(plan.ranges.params[0]).toBeLessThanOrEqual(plan.params);
    expect(plan.ranges.params[1]).toBeGreaterThanOrEqual(plan.params);
    expect(plan.ranges.loss[0]).toBeLessThanOrEqual(plan.loss);
    const human = await runCli(["plan", "--compute", "1e21", "--law", out]);
    expect(human.stdout).toMatch(/95% ranges over \d+ bootstrap fits: N /);
  });

  it("a Kaplan-family fit file (ns + bcrit) plans with ranges", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "scaling-fit-")), "kaplan-fit.json");
    const fitted = await runCli(["fit", CURVES, "--law", "ns,bcrit", "--bootstrap", "30", "--out", out]);
    expect(fitted.code).toBe(0);
    // ns resamples runs; bcrit model sizes, whose loss targets share their runs.
    expect(fitted.stdout).toContain("bootstrap: 30 resamples of runs, seed 1");
    expect(fitted.stdout).toContain("bootstrap: 30 resamples of model sizes (each with its loss targets), seed 1");
    // bcrit's objective is of ln B_crit residuals: n RMSE^2, with n its points.
    const saved = JSON.parse(readFileSync(out, "utf8")) as { fits: { law: string; objective: number; objectiveKind: string; rmse: number; points: number }[] };
    const bcrit = saved.fits.find((f) => f.law === "bcrit")!;
    expect(bcrit.objectiveKind).toBe("sum of squares of ln B_crit residuals");
    expectRel(bcrit.objective, bcrit.points * bcrit.rmse ** 2, 1e-9);
    expect(saved.fits.find((f) => f.law === "ns")!.objectiveKind).toBe("sum of squares of ln L residuals");
    const planned = await runCli(["plan", "--compute", "1e21", "--law", out, "--json"]);
    expect(planned.code).toBe(0);
    const plan = JSON.parse(planned.stdout);
    expect(plan.ranges.params[0]).toBeLessThanOrEqual(plan.params);
    expect(plan.ranges.params[1]).toBeGreaterThanOrEqual(plan.params);
  });

  it("a law the data cannot support is an error (exit 2) when asked for", async () => {
    const result = await runCli(["fit", "fixtures/formats/curves.csv", "--law", "nd"]);
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n").at(-2)).toBe("scaling: L(N,D) needs runs of at least 3 model sizes and 2 token counts; got 2 model sizes");
  });

  it("an unknown law is a usage error", async () => {
    const result = await runCli(["fit", SWEEP, "--law", "kaplan"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("scaling: --law: \"kaplan\" is not a law; choose from n, d, nd, ns, bcrit, cmin, chinchilla or all\n");
  });

  it("learning curves: fits L(N) and L(D) from the curves (golden)", async () => {
    const args = ["fit", CURVES, "--law", "n,d", "--bootstrap", "0"];
    expectGolden("fit-curves-n-d", args, await runCli(args));
  });

  it("learning curves: B_crit(L), L(N,S_min) and L(C_min) (golden)", async () => {
    const args = ["fit", CURVES, "--law", "ns,bcrit,cmin", "--bootstrap", "0", "--holdout"];
    expectGolden("fit-curves-kaplan", args, await runCli(args));
  });

  it("--ascii charts B_crit(L) against the loss and L(C_min) against C_min, and L(N,S_min) with the fitted B_crit (golden)", async () => {
    const args = ["fit", CURVES, "--law", "ns,bcrit,cmin", "--bootstrap", "0", "--ascii"];
    const result = await runCli(args);
    expectGolden("fit-curves-ascii", args, result);
    expect(result.stdout).not.toContain("no terminal chart");
    expect(result.stdout).toContain("B_crit = E_min/S_min (tokens)");
    expect(result.stdout).toContain("C_min = 6 N E_min (PF-days)");
  });
});

describe("scaling fit as a process (built CLI)", () => {
  it("exits 2 with one line when the data cannot support the law, and 0 with --out", () => {
    const bad = spawnCli(["fit", "fixtures/sweep-final.csv", "--law", "bcrit"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split("\n").at(-1)).toBe(
      "scaling: B_crit(L) needs learning curves of one model size at 3 or more batch sizes; got no learning curves with params and batch size",
    );
    const out = join(mkdtempSync(join(tmpdir(), "scaling-fit-")), "fit.json");
    const good = spawnCli(["fit", "fixtures/sweep-final.csv", "--law", "nd", "--out", out]);
    expect(good.code).toBe(0);
    const planned = spawnCli(["predict", "--params", "1e9", "--tokens", "2e10", "--law", out, "--json"]);
    expect(planned.code).toBe(0);
    expect(JSON.parse(planned.stdout).loss).toBeGreaterThan(0);
  });
});
