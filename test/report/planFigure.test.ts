import { describe, expect, it } from "vitest";
import { KAPLAN, PRESETS } from "../../src/laws/presets.js";
import type { PlanOptions } from "../../src/plan/plan.js";
import { planCurve } from "../../src/report/planSamples.js";
import { renderPlanFigure } from "../../src/report/svg/planFigure.js";
import { expectGoldenFile } from "./goldenFile.js";
import { expectNoOverlappingTickLabels, markers, parseFigure, pathXRanges } from "./svgChecks.js";
import { descendants, hasClass } from "./xml.js";

const options: PlanOptions = { goal: { kind: "compute", flops: 1e21 }, batchFactor: 1, overfitTolerance: 0.02 };

describe("renderPlanFigure", () => {
  const kaplan = renderPlanFigure([planCurve(KAPLAN, options)]);
  const compare = renderPlanFigure(PRESETS.map((preset) => planCurve(preset, options)));

  it("matches the golden figures", () => {
    expectGoldenFile("plan-kaplan-1e21.svg", kaplan);
    expectGoldenFile("plan-compare-1e21.svg", compare);
  });

  it("is deterministic", () => {
    expect(renderPlanFigure([planCurve(KAPLAN, options)])).toBe(kaplan);
  });

  it("draws N, D, B and S panels for Kaplan; only N and D when no law has a batch law", () => {
    const titles = (svg: string): string[] =>
      descendants(parseFigure(svg), "text").filter((t) => hasClass(t, "panel-title")).map((t) => t.text);
    expect(titles(kaplan)).toEqual(["Model size N", "Training data D", "Batch size B", "Optimizer steps S"]);
    expect(titles(renderPlanFigure([planCurve(PRESETS[1]!, options)]))).toEqual(["Model size N", "Training data D"]);
  });

  it("marks the plan once per curve and panel, and the budget with one rule per panel", () => {
    const root = parseFigure(compare);
    // N and D: three laws each; B and S: Kaplan only.
    expect(markers(root)).toHaveLength(3 + 3 + 1 + 1);
    expect(descendants(root, "line").filter((l) => hasClass(l, "rule"))).toHaveLength(4);
  });

  it("draws every curve across the whole budget range and the title names the constants", () => {
    const root = parseFigure(compare);
    for (const panel of descendants(root, "g").filter((g) => hasClass(g, "panel"))) {
      const frame = descendants(panel, "rect").find((r) => r.attrs.fill === "none")!;
      const left = Number(frame.attrs.x);
      const right = left + Number(frame.attrs.width);
      for (const [lo, hi] of pathXRanges(panel, "line")) {
        expect(lo).toBeLessThan(left + 0.03 * (right - left));
        expect(hi).toBeGreaterThan(right - 0.03 * (right - left));
      }
    }
    const subtitles = descendants(root, "text").filter((t) => hasClass(t, "subtitle")).map((t) => t.text);
    expect(subtitles).toContain("kaplan: L(N,S) = (Nc/N)^αN + (Sc/S)^αS  with αN = 0.077, αS = 0.76, Nc = 6.5e13, Sc = 2100");
  });

  it("never overlaps tick labels", () => {
    expectNoOverlappingTickLabels(parseFigure(kaplan));
    expectNoOverlappingTickLabels(parseFigure(compare));
    const wide = renderPlanFigure([planCurve(KAPLAN, options, { span: 1e12, perDecade: 2 })]);
    expectNoOverlappingTickLabels(parseFigure(wide));
  });
});
