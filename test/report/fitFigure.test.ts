import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/fit/bootstrap.js";
import { chinchillaLoss } from "../../src/laws/chinchilla.js";
import { criticalBatchTokens, lossN } from "../../src/laws/kaplan.js";
import { CHINCHILLA, KAPLAN } from "../../src/laws/presets.js";
import type { FitResultForFigure } from "../../src/report/svg/fitFigure.js";
import { computeCurves, envelope } from "../../src/report/svg/cminPanels.js";
import { renderFitFigure, renderLawFigure } from "../../src/report/svg/fitFigure.js";
import { geometric, gridRuns } from "../fit/synthetic.js";
import { expectGoldenFile } from "./goldenFile.js";
import { expectNoOverlappingTickLabels, markers, parseFigure, pathXRanges } from "./svgChecks.js";
import { descendants, hasClass } from "./xml.js";

// Fixed inputs: runs from the Chinchilla preset with 1% noise on a 5 x 6 grid, and "fits" whose
// constants and bootstrap refits are given (the renderer is tested apart from the fitter).
const truth = CHINCHILLA.laws.chinchilla!;
const runs = gridRuns((n, d) => chinchillaLoss(truth, n, d), geometric(1e7, 1e9, 5), geometric(1e9, 1e11, 6), 0.01);

function refits(params: Record<string, number>, spread: number): Array<Record<string, number>> {
  const random = seededRandom(3);
  return Array.from({ length: 40 }, () =>
    Object.fromEntries(Object.entries(params).map(([name, value]) => [name, value * (1 + spread * (random() - 0.5))])),
  );
}

const chinchillaFit: FitResultForFigure = {
  law: "chinchilla",
  params: { ...truth },
  ci95: { E: [1.6, 1.8], alpha: [0.3, 0.37] },
  rmse: 0.0099,
  r2: 0.998,
  points: 30,
  samples: refits({ ...truth }, 0.04),
};
/** The texts of a panel's legend, top to bottom. */
const legendLabels = (panel: ReturnType<typeof parseFigure>): string[] =>
  descendants(descendants(panel, "g").find((g) => hasClass(g, "legend"))!, "text").map((t) => t.text);

const nFit: FitResultForFigure = { law: "n", params: { alphaN: 0.097, Nc: 5.6e12 }, rmse: 0.024, r2: 0.98, points: 5, samples: refits({ alphaN: 0.097, Nc: 5.6e12 }, 0.1) };

describe("renderFitFigure", () => {
  const svg = renderFitFigure([nFit, chinchillaFit], runs);
  const root = parseFigure(svg);
  const panels = descendants(root, "g").filter((g) => hasClass(g, "panel"));

  it("matches the golden figure and is deterministic", () => {
    expectGoldenFile("fit-n-chinchilla.svg", svg);
    expect(renderFitFigure([nFit, chinchillaFit], runs)).toBe(svg);
  });

  it("draws a data panel and a residual panel per law", () => {
    expect(panels.map((p) => descendants(p, "text").find((t) => hasClass(t, "panel-title"))!.text)).toEqual([
      "L(N): data, fit, extrapolation dashed",
      "L(N): residuals",
      "Chinchilla L(N,D): data, fit, extrapolation dashed",
      "Chinchilla L(N,D): residuals",
    ]);
  });

  it("puts one marker per data point on the data panel and on the residual panel", () => {
    // L(N): one point per model size (5); Chinchilla: every run (30).
    expect(panels.map((p) => markers(p).length)).toEqual([5, 5, 30, 30]);
  });

  it("draws one curve per model size, dashed beyond the data, with a band, and a legend entry each", () => {
    const family = panels[2]!;
    expect(descendants(family, "path").filter((p) => hasClass(p, "line"))).toHaveLength(5);
    expect(descendants(family, "path").filter((p) => hasClass(p, "band"))).toHaveLength(5);
    // Five sizes' extrapolations and the dashed curve of 10x the largest model.
    expect(descendants(family, "path").filter((p) => hasClass(p, "extrapolation"))).toHaveLength(6);
    const labels = descendants(family, "g").find((g) => hasClass(g, "legend"))!;
    expect(descendants(labels, "text").map((t) => t.text)).toEqual(["N = 1e7", "N = 3.16e7", "N = 1e8", "N = 3.16e8", "N = 1e9", "N = 1e10 (extrapolated)"]);
  });

  it("bands many model sizes: 20 sizes share 6 styles in bands of consecutive sizes, each size keeping its curve", () => {
    const many = gridRuns((n, d) => chinchillaLoss(truth, n, d), geometric(1e7, 1e10, 20), geometric(1e9, 1e11, 3), 0.01);
    const family = descendants(parseFigure(renderLawFigure({ law: "chinchilla", params: { ...truth } }, many)), "g").filter((g) => hasClass(g, "panel"))[0]!;
    expect(descendants(family, "path").filter((p) => hasClass(p, "line"))).toHaveLength(20);
    expect(markers(family)).toHaveLength(60);
    const labels = legendLabels(family);
    // Size i is 1e7 · 10^(3i/19); band k holds the sizes with floor(6i/20) = k: i = 0–3, 4–6,
    // 7–9, 10–13, 14–16, 17–19 (so 10^(9/19) = 2.98 ends the first band, and so on).
    expect(labels).toEqual([
      "N = 1e7–2.98e7 (4 sizes)",
      "N = 4.28e7–8.86e7 (3 sizes)",
      "N = 1.27e8–2.64e8 (3 sizes)",
      "N = 3.79e8–1.13e9 (4 sizes)",
      "N = 1.62e9–3.36e9 (3 sizes)",
      "N = 4.83e9–1e10 (3 sizes)",
      "N = 1e11 (extrapolated)",
    ]);
    // Each band and the extrapolated curve has a colour of its own.
    const colours = descendants(family, "path").filter((p) => hasClass(p, "line") || hasClass(p, "extrapolation")).map((p) => p.attrs.stroke);
    expect(new Set(colours).size).toBe(7);
  });

  it("draws the fitted line over the data and the extrapolation on from where it ends", () => {
    const panel = panels[0]!;
    const [line] = pathXRanges(panel, "line");
    const [extra] = pathXRanges(panel, "extrapolation");
    const xs = markers(panel).map((m) => Number(m.attrs.cx));
    expect(line![0]).toBeCloseTo(Math.min(...xs), 1);
    expect(line![1]).toBeCloseTo(Math.max(...xs), 1);
    expect(extra![0]).toBeCloseTo(line![1], 1);
  });

  it("puts the fitted curve through noiseless data", () => {
    const exact = gridRuns((n) => lossN({ alphaN: 0.076, Nc: 8.8e13 }, n), geometric(1e7, 1e9, 4), [1e10], 0);
    const [panel, residuals] = descendants(parseFigure(renderLawFigure({ law: "n", params: { ...KAPLAN.laws.n! } }, exact)), "g").filter((g) =>
      hasClass(g, "panel"),
    );
    expect(markers(panel!)).toHaveLength(4);
    const ys = markers(residuals!).map((m) => Number(m.attrs.cy));
    expect(new Set(ys).size).toBe(1); // all on the zero line
  });

  it("states the constants, their intervals and the band in the subtitle, and never overlaps tick labels", () => {
    const subtitles = descendants(root, "text").filter((t) => hasClass(t, "subtitle")).map((t) => t.text);
    expect(subtitles[0]).toBe("n: L(N) = (Nc/N)^αN  with αN = 0.097, Nc = 5.6e12");
    expect(subtitles.join(" ")).toContain("band: 95% of 40 bootstrap refits");
    expect(subtitles.join(" ")).toContain("E [1.6, 1.8]");
    expectNoOverlappingTickLabels(root);
  });

  it("names laws it cannot draw instead of failing", () => {
    const text = renderFitFigure([nFit, { law: "bcrit", params: { Bstar: 2e8, alphaB: 0.21 } }], runs);
    expect(text).toContain("not drawn (no figure for these laws yet): bcrit");
  });
});

describe("L(C_min) and B_crit(L) figures", () => {
  // Learning curves of three sizes, tokens = step x 5e5.
  const curves = [1e7, 1e8, 1e9].map((n) => {
    const tokens = Float64Array.from(geometric(1e8, 1e11, 12));
    const loss = tokens.map((d) => chinchillaLoss(truth, n, d));
    return { id: `N=${n}`, nParams: n, batchTokens: 5e5, steps: tokens.map((d) => d / 5e5), tokens, loss, finalLoss: loss[11]!, bestLoss: loss[11]!, file: "synthetic" };
  });
  const bcrit = { Bstar: 2.1e8, alphaB: 0.21 };
  // Sweeps that sit exactly on (S/S_min - 1)(E/E_min - 1) = 1 with B_crit = E_min/S_min from the law.
  const sweeps = [4, 3.5, 3].map((lossNats) => {
    const critical = criticalBatchTokens(bcrit, lossNats);
    const minSteps = 1e4 / lossNats;
    return {
      lossNats,
      minSteps,
      minTokens: critical * minSteps,
      runs: geometric(critical / 8, critical * 8, 5).map((b) => ({ steps: minSteps * (1 + critical / b), tokens: critical * minSteps * (1 + b / critical) })),
    };
  });
  const svg = renderFitFigure([{ law: "cmin", params: { alphaC: 0.05, Cc: 3.1e8 } }, { law: "bcrit", params: bcrit, sweeps }], curves);
  const panels = descendants(parseFigure(svg), "g").filter((g) => hasClass(g, "panel"));

  it("matches the golden figure", () => {
    expectGoldenFile("fit-cmin-bcrit.svg", svg);
  });

  it("bands nine model sizes' learning curves in six legend rows (sizes 0-1, 2, 3-4, 5, 6-7, 8: band floor(6i/9))", () => {
    const nine = geometric(1e7, 1e9, 9).map((n) => {
      const tokens = Float64Array.from(geometric(1e8, 1e11, 12));
      const loss = tokens.map((d) => chinchillaLoss(truth, n, d));
      return { id: `N=${n}`, nParams: n, batchTokens: 5e5, steps: tokens.map((d) => d / 5e5), tokens, loss, finalLoss: loss[11]!, bestLoss: loss[11]!, file: "synthetic" };
    });
    const panel = descendants(parseFigure(renderLawFigure({ law: "cmin", params: { alphaC: 0.05, Cc: 3.1e8 } }, nine)), "g").filter((g) => hasClass(g, "panel"))[0]!;
    const labels = legendLabels(panel);
    // Size i = 1e7 · 10^(i/4).
    expect(labels).toEqual([
      "N = 1e7–1.78e7 (2 sizes)",
      "N = 3.16e7",
      "N = 5.62e7–1e8 (2 sizes)",
      "N = 1.78e8",
      "N = 3.16e8–5.62e8 (2 sizes)",
      "N = 1e9",
      "envelope and fit L(C_min)",
    ]);
    expect(descendants(panel, "path").filter((p) => hasClass(p, "line"))).toHaveLength(9 + 1);
  });

  it("bands nine sizes' batch sweeps in six legend rows, sweeps without a size in a row of their own", () => {
    // Two loss targets a size (size i = 1e7 · 10^(i/4)), and one sweep without a size.
    const sized = geometric(1e7, 1e9, 9).flatMap((nParams) => sweeps.slice(0, 2).map((sweep) => ({ ...sweep, nParams })));
    const figure = parseFigure(renderLawFigure({ law: "bcrit", params: bcrit, sweeps: [...sized, sweeps[2]!] }, curves));
    const panel = descendants(figure, "g").filter((g) => hasClass(g, "panel"))[0]!;
    const labels = legendLabels(panel);
    expect(labels).toEqual([
      "N = 1e7–1.78e7 (2 sizes), 4 targets, L 3.5..4",
      "N = 3.16e7, 2 targets, L 3.5..4",
      "N = 5.62e7–1e8 (2 sizes), 4 targets, L 3.5..4",
      "N = 1.78e8, 2 targets, L 3.5..4",
      "N = 3.16e8–5.62e8 (2 sizes), 4 targets, L 3.5..4",
      "N = 1e9, 2 targets, L 3.5..4",
      "1 target, L 3..3",
      "(S/S_min − 1)(E/E_min − 1) = 1",
    ]);
    // Every run of every sweep keeps its marker.
    expect(markers(panel)).toHaveLength(19 * 5);
  });

  it("draws every run's curve and marks the envelope (no point beaten by one of less compute)", () => {
    expect(descendants(panels[0]!, "path").filter((p) => hasClass(p, "line"))).toHaveLength(3 + 1);
    // The points fitted: the lower envelope where it passes between model sizes, from the last
    // point of the first size before its hand-over to the first point of the last size after.
    const labelled = computeCurves(curves, bcrit, 100).flatMap((c) => c.points.map((p) => ({ ...p, n: c.nParams })));
    const lower = envelope([{ points: labelled }]) as typeof labelled;
    const first = lower.findIndex((p) => p.n !== lower[0]!.n);
    const last = lower.findLastIndex((p) => p.n !== lower[lower.length - 1]!.n);
    const front = lower.slice(first - 1, last + 2);
    expect(front.length).toBeGreaterThan(2);
    expect(front.length).toBeLessThan(lower.length);
    expect(markers(panels[0]!)).toHaveLength(front.length);
    expect(markers(panels[1]!)).toHaveLength(front.length);
    for (let i = 1; i < front.length; i++) expect(front[i]!.y).toBeLessThan(front[i - 1]!.y);
  });

  it("puts every sweep run on the hyperbola and B_crit = E_min/S_min on the fitted curve", () => {
    expect(markers(panels[2]!)).toHaveLength(15);
    expect(markers(panels[3]!)).toHaveLength(3);
    for (const sweep of sweeps) {
      for (const run of sweep.runs) {
        expect((run.steps / sweep.minSteps - 1) * (run.tokens / sweep.minTokens - 1)).toBeCloseTo(1, 9);
      }
    }
    expectNoOverlappingTickLabels(parseFigure(svg));
  });
});
