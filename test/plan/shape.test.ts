import { describe, expect, it } from "vitest";
import { matchesParams, shapeParams, SMALLEST_SHAPE, suggestShape } from "../../src/plan/shape.js";

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

describe("a shape within 5% of N wherever one exists (small N, where shapes are far apart)", () => {
  /** Every shape with d_model >= 64 (a multiple of 64, of 128 from 1024), by brute force. */
  function anyShapeWithin(nParams: number, tolerance: number): boolean {
    for (let nLayer = 1; 12 * nLayer * 64 * 64 <= nParams * (1 + tolerance); nLayer++) {
      for (let dModel = 64; 12 * nLayer * dModel * dModel <= nParams * (1 + tolerance); dModel += dModel < 1024 ? 64 : 128) {
        if (Math.abs((12 * nLayer * dModel * dModel) / nParams - 1) <= tolerance) return true;
      }
    }
    return false;
  }

  it("huge N (1e22, 1e30) gets a shape within 5% without scanning every depth (a hang the fuzzer found)", () => {
    for (const nParams of [1e22, 1e30]) expect(matchesParams(suggestShape(nParams), nParams)).toBe(true);
  });

  it("suggestShape matches N (within 5%) exactly where some shape does, from 1e3 to 1e7", () => {
    for (let e = 3; e <= 7; e += 0.01) {
      const nParams = 10 ** e;
      expect(matchesParams(suggestShape(nParams), nParams), `N = ${nParams}`).toBe(anyShapeWithin(nParams, 0.05));
    }
  });

  it("N = 7.08e5: 15 layers x d_model 64 (737,280 params, +4.1%) rather than 4 x 128 (+11%)", () => {
    const shape = suggestShape(7.08e5);
    expect(shapeParams(shape)).toBeGreaterThan(7.08e5 * 0.95);
    expect(shapeParams(shape)).toBeLessThan(7.08e5 * 1.05);
  });

  it("below 49,152 parameters (1 layer x d_model 64) no shape matches", () => {
    expect(shapeParams(SMALLEST_SHAPE)).toBe(49152);
    expect(matchesParams(suggestShape(1430), 1430)).toBe(false);
  });
});
