/**
 * The Approach-3 objective against a direct transcription of its formula (laws.md, "Fit"):
 * Σ Huber_δ(log(e^(a − α ln N) + e^(b − β ln D) + e^e) − ln L), the log-sum-exp shifted by its
 * largest term, Math.exp throughout, no shared terms; the gradient against central differences.
 */
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/fit/bootstrap.js";
import { distinctValues, huberLseObjective } from "../../src/fit/huberLse.js";
import { expectRel } from "../helpers/close.js";
import { directHuberLse as direct, OBJECTIVE_THETAS, repeatedPoints as points } from "./synthetic.js";

describe("huberLseObjective", () => {
  const { lnN, lnD, lnL } = points();
  const objective = huberLseObjective(lnN, lnD, lnL, 1e-3);
  const gradient = new Float64Array(5);
  const thetas = OBJECTIVE_THETAS;

  it.each(thetas)("equals the direct formula to 1e-13 at [%s, %s, %s, %s, %s]", (...theta) => {
    const x = Float64Array.from(theta);
    expectRel(objective(x, gradient), direct(x, lnN, lnD, lnL, 1e-3), 1e-13);
  });

  it.each(thetas.slice(0, 4))("has the gradient of central differences (1e-6 relative) at [%s, %s, %s, %s, %s]", (...theta) => {
    const x = Float64Array.from(theta);
    objective(x, gradient);
    const analytic = Float64Array.from(gradient);
    // On the gradient's scale: a component may be ~0 beside the others.
    const scale = Math.max(...analytic.map(Math.abs));
    for (let j = 0; j < 5; j++) {
      const h = 1e-7 * Math.max(1, Math.abs(x[j]!));
      const up = Float64Array.from(x);
      const down = Float64Array.from(x);
      up[j]! += h;
      down[j]! -= h;
      const numeric = (direct(up, lnN, lnD, lnL, 1e-3) - direct(down, lnN, lnD, lnL, 1e-3)) / (2 * h);
      expect(Math.abs(analytic[j]! - numeric)).toBeLessThanOrEqual(1e-6 * scale);
    }
  });
});

describe("huberLseObjective's residual", () => {
  // One point with A and B vanishing, so the model is E = e^e and r = e − ln L exactly; with
  // δ = 2^-100 the objective is δ(|r| − δ/2), so |r| comes back as f/δ without rounding.
  const delta = 2 ** -100;
  const residual = (e: number, lnL: number) => huberLseObjective(Float64Array.of(0), Float64Array.of(0), Float64Array.of(lnL), delta)(Float64Array.of(-1000, -1000, e, 0, 0), new Float64Array(5)) / delta;

  it("is within 1e-15 of e − ln L for models within ±20% of the data (the series and Math.log alike)", () => {
    const random = seededRandom(5);
    let worst = 0;
    for (let k = 0; k < 20_000; k++) {
      const e = -1 + 3 * random();
      const lnL = e - Math.log(0.8 + 0.4 * random());
      worst = Math.max(worst, Math.abs(residual(e, lnL) - Math.abs(e - lnL)));
    }
    expect(worst).toBeLessThanOrEqual(1e-15);
  });

  it("is rounding at the true constants of noise-free data (Σ Huber < 1e-28)", () => {
    const lnN: number[] = [];
    const lnD: number[] = [];
    const lnL: number[] = [];
    for (const n of [1e7, 1e8, 1e9, 1e10])
      for (const d of [1e9, 1e10, 1e11]) {
        lnN.push(Math.log(n));
        lnD.push(Math.log(d));
        lnL.push(Math.log(1.8 + 480 / n ** 0.34 + 2100 / d ** 0.37));
      }
    const objective = huberLseObjective(Float64Array.from(lnN), Float64Array.from(lnD), Float64Array.from(lnL), 1e-3);
    expect(objective(Float64Array.of(Math.log(480), Math.log(2100), Math.log(1.8), 0.34, 0.37), new Float64Array(5))).toBeLessThan(1e-28);
  });
});

describe("distinctValues", () => {
  it("lists each value once in first-seen order and maps every entry to its place", () => {
    const { distinct, index } = distinctValues(Float64Array.of(3, 1, 3, 2, 1, 3));
    expect(Array.from(distinct)).toEqual([3, 1, 2]);
    expect(Array.from(index)).toEqual([0, 1, 0, 2, 1, 0]);
  });
});
