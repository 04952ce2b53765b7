/**
 * `fit --ascii` charts, apart from the golden CLI output: the points of L(N,S_min) and L(C_min)
 * are placed with the B_crit(L) fitted alongside (as the fit placed them), and B_crit(L)'s chart
 * puts its fitted curve through noiseless points.
 */
import { describe, expect, it } from "vitest";
import { readRuns } from "../../src/io/read.js";
import { chinchillaLoss } from "../../src/laws/chinchilla.js";
import { CHINCHILLA } from "../../src/laws/presets.js";
import { renderFitAscii } from "../../src/report/fitAscii.js";
import { sizeBands } from "../../src/report/fitCurves.js";
import { geometric, gridRuns } from "../fit/synthetic.js";
import type { FitResultForFigure } from "../../src/report/svg/fitFigure.js";

const runs = (await readRuns(["fixtures/curves.csv"], {})).runs;
const ns: FitResultForFigure = { law: "ns", params: { alphaN: 0.076, alphaS: 0.76, Nc: 8.8e13, Sc: 2.1e3 } };
const cmin: FitResultForFigure = { law: "cmin", params: { alphaC: 0.05, Cc: 3.1e8 } };
const bcrit = (Bstar: number): FitResultForFigure => ({ law: "bcrit", params: { Bstar, alphaB: 0.21 } });

describe("renderFitAscii", () => {
  it.each([ns, cmin])("places $law's points with the B_crit(L) fitted alongside, Kaplan's without one", (fit) => {
    const kaplan = renderFitAscii(fit, runs, 100, [fit]);
    // Kaplan's own B_crit(L) (B* = 2.1e8, presets.ts) alongside draws the same chart; a B* 100x smaller moves S_min and E_min.
    expect(renderFitAscii(fit, runs, 100, [fit, bcrit(2.1e8)])).toBe(kaplan);
    expect(renderFitAscii(fit, runs, 100, [fit, bcrit(2.1e6)])).not.toBe(kaplan);
  });

  it("draws B_crit(L) against the loss, the fitted curve over the loss targets' range", () => {
    const text = renderFitAscii(bcrit(2e8), runs);
    expect(text.split("\n")[0]).toBe("bcrit: Bcrit(L) = B*/L^(1/αB)  with B* = 2e8, αB = 0.21");
    expect(text).toContain("L, loss (nats/token)");
    expect(text).toContain(". fit   o data");
    expect((text.match(/o/g) ?? []).length).toBeGreaterThan(10);
  });

  it("gives a sweep of 14 sizes ten digits, one a band of consecutive sizes, in a legend within 80 columns", () => {
    const truth = CHINCHILLA.laws.chinchilla!;
    const many = gridRuns((n, d) => chinchillaLoss(truth, n, d), geometric(1e7, 1e10, 14), geometric(1e9, 1e11, 3), 0.01);
    const text = renderFitAscii({ law: "chinchilla", params: { ...truth } }, many);
    for (const line of text.split("\n").slice(1)) expect(line.length).toBeLessThanOrEqual(80);
    // Size i = 1e7 · 10^(3i/13); band floor(10i/14): sizes 0-1, 2, 3-4, 5, 6, 7-8, 9, 10-11, 12, 13.
    expect(text).toContain("1 N = 1e7–1.7e7 (2 sizes)");
    expect(text).toContain("2 N = 2.89e7");
    expect(text).toContain("0 N = 1e10");
    expect(text).not.toMatch(/ 1 N = 2\.89e7/);
  });
});

describe("sizeBands", () => {
  it("keeps a band a size up to `max`, labelled by the size", () => {
    const { bandOf, bands } = sizeBands([1e7, 3e7, 1e8], 6);
    expect(bandOf).toEqual([0, 1, 2]);
    expect(bands.map((b) => b.label)).toEqual(["N = 1e7", "N = 3e7", "N = 1e8"]);
  });

  it("splits 20 sizes over 6 bands of equal count, 4, 3, 3, 4, 3, 3 (band floor(6i/20))", () => {
    const sizes = Array.from({ length: 20 }, (_, i) => i + 1);
    const { bandOf, bands } = sizeBands(sizes, 6);
    expect(bands.map((b) => [b.first, b.last])).toEqual([
      [0, 3],
      [4, 6],
      [7, 9],
      [10, 13],
      [14, 16],
      [17, 19],
    ]);
    expect(bandOf[13]).toBe(3);
    expect(bands[0]!.label).toBe("N = 1–4 (4 sizes)");
  });
});

