/** fitChinchilla's boundary: Hoffmann's grid as published, bad starts refused with a fixed message. */
import { describe, expect, it } from "vitest";
import { fitChinchilla, hoffmannGrid } from "../../src/fit/chinchillaFit.js";

describe("fitChinchilla", () => {
  it("has Hoffmann's 4,500 starts: alpha, beta in {0, 0.5, ..., 2}, e in {-1, ..., 1}, a, b in {0, 5, ..., 25}", () => {
    const grid = hoffmannGrid();
    expect(grid).toHaveLength(4500);
    const values = (j: number) => [...new Set(grid.map((start) => start[j]!))].sort((x, y) => x - y);
    expect(values(0)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(values(1)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(values(2)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(values(3)).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(values(4)).toEqual([0, 0.5, 1, 1.5, 2]);
  });

  it("refuses a start that is not [a, b, e, alpha, beta]", () => {
    const points = { nParams: [1e8, 1e9, 1e10], nTokens: [1e9, 1e10, 1e11], lossNats: [3.5, 2.9, 2.4] };
    expect(() => fitChinchilla(points, { starts: [Float64Array.of(0, 0, 0, 0.5)] })).toThrow("chinchilla fit: start 0 has 4 values, not 5");
  });
});
