/**
 * `fit --ascii` charts, apart from the golden CLI output: the points of L(N,S_min) and L(C_min)
 * are placed with the B_crit(L) fitted alongside (as the fit placed them), and B_crit(L)'s chart
 * puts its fitted curve through noiseless points.
 */
import { describe, expect, it } from "vitest";
import { readRuns } from "../../src/io/read.js";
import { renderFitAscii } from "../../src/report/fitAscii.js";
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
});
