import { describe, expect, it } from "vitest";
import { shapeParams, suggestShape } from "../../src/plan/shape.js";

describe("model shape (Kaplan sec. 3.1, N = 12 n_layer d_model^2)", () => {
  it("GPT-3 175B comes out within a layer of its published 96 x 12288 (Brown et al. 2020, Table 2.1)", () => {
    const shape = suggestShape(1.75e11);
    expect(shape.dModel).toBe(12288);
    expect(Math.abs(shape.nLayer - 96)).toBeLessThanOrEqual(1);
  });

  it("every size from 1e6 to 1e13 gets a shape within 5% of N, aspect ratio in 20..200, whole heads", () => {
    for (let e = 6; e <= 13; e += 0.25) {
      const nParams = 10 ** e;
      const shape = suggestShape(nParams);
      if (nParams >= 1e7) expect(Math.abs(shapeParams(shape) / nParams - 1)).toBeLessThan(0.05);
      const aspect = shape.dModel / shape.nLayer;
      if (nParams >= 1e8) {
        expect(aspect).toBeGreaterThanOrEqual(20);
        expect(aspect).toBeLessThanOrEqual(200);
      }
      expect(shape.dModel % shape.nHeads).toBe(0);
      expect([64, 128]).toContain(shape.dModel / shape.nHeads);
    }
  });
});
