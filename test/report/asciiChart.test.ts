import { describe, expect, it } from "vitest";
import { CHINCHILLA, KAPLAN } from "../../src/laws/presets.js";
import { renderAsciiLogChart } from "../../src/report/asciiChart.js";
import { renderPlanAscii } from "../../src/report/planAscii.js";
import { planCurve } from "../../src/report/planSamples.js";
import { expectGoldenFile } from "./goldenFile.js";

const options = { goal: { kind: "compute", flops: 1e21 }, batchFactor: 1, overfitTolerance: 0.02 } as const;

describe("renderAsciiLogChart", () => {
  it("draws a power law as a straight line of its symbol, corner to corner", () => {
    const points = [1, 10, 100, 1000].map((x) => ({ x, y: x * x }));
    const text = renderAsciiLogChart({ series: [{ label: "y = x^2", symbol: "*", points }], xTitle: "x", yTitle: "y", width: 10, height: 4 });
    // Drop the y label and the axis character: what is left is the plot area.
    const rows = text.split("\n").slice(1, 5).map((line) => line.replace(/^ *\S* [+|]/, ""));
    expect(rows[0]!.trimEnd().endsWith("*")).toBe(true);
    expect(rows[3]!.startsWith("*")).toBe(true);
    expect(text).toContain("* y = x^2");
  });

  it("matches the golden plan charts", () => {
    expectGoldenFile("plan-ascii-kaplan-1e21.txt", renderPlanAscii(planCurve(KAPLAN, options)));
    expectGoldenFile("plan-ascii-chinchilla-1e21.txt", renderPlanAscii(planCurve(CHINCHILLA, options)));
  });

  it("keeps every line within the width", () => {
    const text = renderPlanAscii(planCurve(KAPLAN, options));
    for (const line of text.split("\n").slice(1)) expect(line.length).toBeLessThanOrEqual(80);
  });
});
