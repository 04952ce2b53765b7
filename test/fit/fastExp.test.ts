/**
 * fastExp against Math.exp (V8's fdlibm port, itself within 1 ulp of e^x): within 2⁻⁵¹ relative
 * over the whole range it computes itself, and Math.exp's own answer outside it.
 */
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/fit/bootstrap.js";
import { fastExp } from "../../src/fit/fastExp.js";

describe("fastExp", () => {
  it("is within 2^-51 (relative) of Math.exp on (-708, 708) and on the grid fit's range", () => {
    const random = seededRandom(2022);
    let worst = 0;
    for (let k = 0; k < 200_000; k++) {
      const x = k % 2 === 0 ? -708 + 1416 * random() : -40 + 80 * random();
      const expected = Math.exp(x);
      worst = Math.max(worst, Math.abs(fastExp(x) - expected) / expected);
    }
    // Measured 1.8 ulp (4.0e-16) at most.
    expect(worst).toBeLessThanOrEqual(2 ** -51);
  });

  it("gives 1 at 0 and Math.E at 1", () => {
    expect(fastExp(0)).toBe(1);
    expect(fastExp(-0)).toBe(1);
    expect(fastExp(1)).toBe(Math.E);
  });

  it("hands NaN, infinities and the ends of the range to Math.exp", () => {
    for (const x of [NaN, Infinity, -Infinity, 708, 709.5, -708, -745, -746, 1000, -1000]) {
      expect(fastExp(x)).toBe(Math.exp(x));
    }
  });

  it("keeps the table boundaries continuous (j = 63 to j = 0 of the next power of two)", () => {
    for (let n = -200; n <= 200; n++) {
      const x = (n * Math.LN2) / 64;
      for (const y of [x - 1e-13, x, x + 1e-13]) expect(Math.abs(fastExp(y) / Math.exp(y) - 1)).toBeLessThanOrEqual(2 ** -51);
    }
  });
});
