import { describe, expect, it } from "vitest";
import { fitDomain, makeScale, thinLabels, tickLabel } from "../../src/report/svg/scale.js";

const labels = (kind: "log" | "linear", lo: number, hi: number): string[] =>
  makeScale(kind, [lo, hi]).ticks.filter((t) => t.label !== "").map((t) => t.label);

describe("log scale", () => {
  it("puts labelled majors at decades and unlabelled minors at 2..9", () => {
    const scale = makeScale("log", [1e18, 1e21]);
    expect(scale.ticks.filter((t) => t.major).map((t) => t.label)).toEqual(["1e18", "1e19", "1e20", "1e21"]);
    expect(scale.ticks.filter((t) => !t.major).map((t) => t.value / 1e18).slice(0, 8)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(scale.ticks.filter((t) => !t.major).every((t) => t.label === "")).toBe(true);
  });

  it("labels decades plainly when they are all small", () => {
    expect(labels("log", 0.01, 100)).toEqual(["0.01", "0.1", "1", "10", "100"]);
  });

  it("labels minor ticks when the axis spans less than two decades, so it is never bare", () => {
    expect(labels("log", 2.1, 4.9)).toEqual(["3", "4"]);
    expect(labels("log", 1.5e4, 6e4)).toEqual(["2e4", "3e4", "4e4", "5e4", "6e4"]);
    expect(labels("log", 3e8, 3e9)).toEqual(["5e8", "1e9", "2e9"]);
  });

  it("maps the domain ends to 0 and 1", () => {
    const scale = makeScale("log", [1e3, 1e9]);
    expect(scale.fraction(1e3)).toBe(0);
    expect(scale.fraction(1e6)).toBeCloseTo(0.5, 12);
    expect(scale.fraction(1e9)).toBe(1);
  });

  it("refuses a non-positive log domain", () => {
    expect(() => makeScale("log", [0, 10])).toThrow("bad log axis domain [0, 10]");
  });
});

describe("linear scale", () => {
  it("uses 1-2-5 steps and prints 0 as 0", () => {
    expect(labels("linear", -0.031, 0.042)).toEqual(["-0.02", "0", "0.02", "0.04"]);
  });
});

describe("fitDomain", () => {
  it("pads in log space and widens a single value to a decade", () => {
    const [lo, hi] = fitDomain([1e9, 1e11], "log", 0.05);
    expect(Math.log10(lo)).toBeCloseTo(8.9, 12);
    expect(Math.log10(hi)).toBeCloseTo(11.1, 12);
    expect(fitDomain([100], "log", 0)).toEqual([10 ** 1.5, 10 ** 2.5]);
  });
});

describe("thinLabels", () => {
  it("keeps every k-th label so that none collide", () => {
    const scale = makeScale("log", [1e0, 1e30]);
    const at = (v: number): number => scale.fraction(v) * 200; // 30 decades in 200 units
    const thinned = thinLabels(scale.ticks, (t) => at(t.value), (t) => (t.label.length * 7) / 2);
    const kept = thinned.filter((t) => t.label !== "");
    expect(kept.length).toBeGreaterThan(2);
    for (let i = 1; i < kept.length; i++) {
      const gap = at(kept[i]!.value) - at(kept[i - 1]!.value);
      expect(gap).toBeGreaterThanOrEqual((kept[i]!.label.length * 7) / 2 + (kept[i - 1]!.label.length * 7) / 2);
    }
  });

  it("formats tick values", () => {
    expect(tickLabel(2e-3, false)).toBe("2e-3");
    expect(tickLabel(1e21, false)).toBe("1e21");
    expect(tickLabel(0.5, true)).toBe("0.5");
  });
});
