/**
 * Fitting never returns NaN or a non-converged result as a success, whatever points it gets
 * (issue 8): random points, duplicated points, one model size, identical points, losses that
 * rise with N; and for the learning-curve laws (bcrit, ns, cmin) random curves, flat curves and
 * sweeps from L(N, S_min) with random constants and noise. Each fit either returns finite
 * constants with `converged: true`, or throws a
 * ScalingError (too little data, no convergence): never another exception, never NaN.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isScalingError } from "../../src/errors.js";
import { fitLaw } from "../../src/fit/fitLaws.js";
import type { Run } from "../../src/io/runs.js";
import type { LawId } from "../../src/laws/types.js";
import { seededRandom } from "../../src/fit/bootstrap.js";
import { finalRun, normal } from "../fit/synthetic.js";

const SEED = 31_2026;


const logUniform = (lo: number, hi: number): fc.Arbitrary<number> =>
  fc.double({ min: Math.log10(lo), max: Math.log10(hi), noNaN: true }).map((e) => 10 ** e);
const point = fc.record({ n: logUniform(1e3, 1e12), d: logUniform(1e6, 1e13), loss: logUniform(0.05, 20) });

/** Sets of final-result points with the shapes that break fits. */
const pointSets = fc.oneof(
  fc.array(point, { minLength: 0, maxLength: 30 }), // anything
  fc.tuple(point, fc.integer({ min: 1, max: 12 })).map(([p, k]) => Array<typeof p>(k).fill(p)), // identical points
  fc.tuple(logUniform(1e3, 1e12), fc.array(point, { minLength: 1, maxLength: 12 })).map(([n, ps]) => ps.map((p) => ({ ...p, n }))), // one size
  fc.array(point, { minLength: 1, maxLength: 6 }).map((ps) => [...ps, ...ps, ...ps]), // duplicates
);

function checkFit(law: LawId, points: Array<{ n: number; d: number; loss: number }>): boolean {
  return checkRuns(law, points.map((p, i) => finalRun(`r${i}`, p.n, p.d, p.loss)));
}

/** A fit of these runs is finite and converged, or a ScalingError without NaN or undefined in it. */
function checkRuns(law: LawId, runs: Run[], minStep?: number): boolean {
  let fit;
  try {
    fit = fitLaw(runs, law, { laws: [law], bootstrap: 0, ...(minStep === undefined ? {} : { minStep }) });
  } catch (error) {
    if (!isScalingError(error)) throw error;
    expect(error.message).not.toMatch(/NaN|undefined/);
    return true;
  }
  expect(fit.converged).toBe(true);
  for (const value of Object.values(fit.params)) expect(Number.isFinite(value)).toBe(true);
  for (const value of Object.values(fit.stderr)) expect(value === null || Number.isFinite(value)).toBe(true);
  expect(Number.isFinite(fit.rmse)).toBe(true);
  expect(Number.isFinite(fit.objective)).toBe(true);
  return true;
}

describe("fitLaw on whatever points it gets", () => {
  // endOnFailure: no shrinking (each shrink step is a fit); the failing input is printed as is.
  it("law n: finite and converged, or a ScalingError", () => {
    fc.assert(
      fc.property(pointSets, (points) => checkFit("n", points)),
      { seed: SEED, numRuns: 150, endOnFailure: true },
    );
  });

  // Found by this file: L(D) on flat losses returned Dc = Infinity, alphaD = -3.3e-7 as converged.
  it("law d: finite and converged, or a ScalingError", () => {
    fc.assert(
      fc.property(pointSets, (points) => checkFit("d", points)),
      { seed: SEED, numRuns: 150, endOnFailure: true },
    );
  });

  // Found by this file: on flat losses L(N,D) "converged" to Nc = Infinity (null in fit
  // --json), Dc = 0 and alphaN = -3.6e78, returned as a success.
  it("law nd: finite and converged, or a ScalingError", () => {
    fc.assert(
      fc.property(pointSets, (points) => checkFit("nd", points)),
      { seed: SEED, numRuns: 60, endOnFailure: true },
    );
  });

  it("law chinchilla (multi-start L-BFGS): finite and converged, or a ScalingError", () => {
    fc.assert(
      fc.property(pointSets, (points) => checkFit("chinchilla", points)),
      { seed: SEED, numRuns: 3, endOnFailure: true },
    );
  }, 30_000);

  it.each<LawId>(["n", "nd", "chinchilla"])("law %s: one model size is refused with a ScalingError", (law) => {
    const runs = [1e9, 2e9, 5e9, 1e10].map((d, i) => finalRun(`r${i}`, 1e8, d, 3 - i * 0.1));
    expect(() => fitLaw(runs, law, { laws: [law], bootstrap: 0 })).toThrow(expect.objectContaining({ name: "ScalingError" }));
  });

  it.each<LawId>(["n", "d", "nd", "chinchilla"])("law %s: identical points are refused with a ScalingError", (law) => {
    const runs = Array.from({ length: 8 }, (_, i) => finalRun(`r${i}`, 1e8, 2e9, 3.1));
    expect(() => fitLaw(runs, law, { laws: [law], bootstrap: 0 })).toThrow(expect.objectContaining({ name: "ScalingError" }));
  });
});

describe("regressions found by the properties above (fixed by src/fit/validLaw.ts)", () => {
  /** fast-check seed 312026, sample 19: nine sizes, every loss 1 (a flat curve). */
  const FLAT = [
    [948967.6650044118, 8150763444.250134, 1],
    [424854643740.47266, 9379224.122286223, 1],
    [3454975011.24642, 30842543475.262104, 1],
    [8904493.18699368, 34072584.565795064, 1],
    [12028495100.195984, 34805502930.81504, 1],
    [94630.979659373, 1855177.124611974, 1],
    [57507.93718217972, 23595770.853451278, 0.9999999999974917],
    [2476.8105554114513, 198209217851.3503, 1],
    [1798.6283113985128, 44702337.84674703, 1],
  ] as const;
  const flatRuns = FLAT.map(([n, d, loss], i) => finalRun(`r${i}`, n, d, loss));

  it("law nd on a flat curve: finite constants or a ScalingError (got Nc = Infinity, Dc = 0)", () => {
    checkFit("nd", FLAT.map(([n, d, loss]) => ({ n, d, loss })));
  });

  it("law d on a flat curve of one size: finite constants or a ScalingError (got Dc = Infinity)", () => {
    // fast-check seed 312026, the first counterexample of the law d property.
    const points = [
      [444604732.58696216, 0.9999999999961878],
      [3199397.919694052, 1],
      [1115729917.9775875, 0.9909418027890601],
      [1624281462503.3945, 1],
      [459953437.65553343, 1],
      [535294343035.98346, 1],
      [3530246.9954586616, 1],
    ].map(([d, loss]) => ({ n: 1807.7029490560005, d: d!, loss: loss! }));
    checkFit("d", points);
  });

  it("law n on a flat curve: a positive exponent or a ScalingError (got alphaN ≈ 1e-175, Nc ≈ 1.5)", () => {
    let fit;
    try {
      fit = fitLaw(flatRuns, "n", { laws: ["n"], bootstrap: 0 });
    } catch (error) {
      expect(isScalingError(error)).toBe(true);
      return;
    }
    // Kaplan eq. 1.1: loss falls in N; an exponent of 1e-175 is no law (Nc is then meaningless).
    expect(fit.params.alphaN).toBeGreaterThan(1e-6);
  });
});

/** A learning-curve run: steps 1..count·stride, tokens = step × batch, the losses given. */
function curveRun(id: string, nParams: number, batchTokens: number, stride: number, losses: readonly number[]): Run {
  const steps = Float64Array.from(losses, (_, i) => (i + 1) * stride);
  const loss = Float64Array.from(losses);
  return {
    id,
    nParams,
    batchTokens,
    steps,
    tokens: steps.map((s) => s * batchTokens),
    loss,
    finalLoss: loss[loss.length - 1]!,
    bestLoss: Math.min(...loss),
    file: "synthetic",
  };
}

const curve = fc.record({
  n: logUniform(1e5, 1e10),
  b: fc.constantFrom(2 ** 14, 2 ** 16, 2 ** 18, 2 ** 20),
  stride: fc.constantFrom(1, 10, 100),
  losses: fc.oneof(
    fc.array(logUniform(0.5, 20), { minLength: 1, maxLength: 60 }), // anything
    fc.tuple(logUniform(0.5, 20), fc.integer({ min: 2, max: 60 })).map(([l, k]) => Array<number>(k).fill(l)), // flat
    fc.tuple(logUniform(1, 10), logUniform(0.01, 2), fc.integer({ min: 5, max: 60 })).map(([l, a, k]) => Array.from({ length: k }, (_, i) => l + a * (i + 1) ** -0.5)), // falling
  ),
});

/**
 * A sweep of sizes × batch sizes from L(N, S_min) with random constants and log-normal noise
 * of random size (what bcrit and ns need, from well-behaved to pure noise).
 */
const sweep = fc
  .record({
    sizes: fc.constantFrom(1, 3, 3, 4),
    batches: fc.constantFrom(2, 3, 3, 4),
    alphaN: fc.double({ min: 0.01, max: 0.5, noNaN: true }),
    alphaS: fc.double({ min: 0.1, max: 2, noNaN: true }),
    bStar: logUniform(1e6, 1e10),
    sigma: fc.constantFrom(0, 0.01, 0.3, 2),
    seed: fc.integer({ min: 1, max: 1e6 }),
  })
  .map(({ sizes, batches, alphaN, alphaS, bStar, sigma, seed }) => {
    const random = seededRandom(seed);
    const curves: Array<{ n: number; b: number; stride: number; losses: number[] }> = [];
    for (let i = 0; i < sizes; i++) {
      const n = 1e6 * 10 ** i;
      for (let j = 0; j < batches; j++) {
        const b = 2 ** (14 + 2 * j);
        const losses = Array.from({ length: 40 }, (_, k) => {
          const steps = 50 * (k + 1);
          let loss = (1e13 / n) ** alphaN + (2000 / steps) ** alphaS;
          loss = (1e13 / n) ** alphaN + (2000 / (steps / (1 + bStar / loss ** (1 / 0.21) / b))) ** alphaS;
          return loss * Math.exp(sigma * normal(random));
        });
        curves.push({ n, b, stride: 50, losses });
      }
    }
    return curves;
  });

/** Sets of curves: random, sizes sharing random shapes, or a noisy sweep. */
const curveSets = fc.oneof(
  sweep,
  sweep,
  fc.array(curve, { minLength: 0, maxLength: 12 }),
  fc.tuple(fc.array(logUniform(1e5, 1e10), { minLength: 1, maxLength: 4 }), fc.array(curve, { minLength: 1, maxLength: 4 })).map(([sizes, shapes]) =>
    sizes.flatMap((n) => shapes.map((c) => ({ ...c, n }))),
  ),
);

function checkCurveFit(law: LawId, curves: Array<{ n: number; b: number; stride: number; losses: number[] }>): boolean {
  return checkRuns(law, curves.map((c, i) => curveRun(`r${i}`, c.n, c.b, c.stride, c.losses)), 1);
}

describe("fitLaw on whatever learning curves it gets", () => {
  it.each<LawId>(["bcrit", "ns", "cmin"])("law %s: finite and converged, or a ScalingError", (law) => {
    fc.assert(
      fc.property(curveSets, (curves) => checkCurveFit(law, curves)),
      { seed: SEED, numRuns: 80, endOnFailure: true },
    );
  }, 30_000);
});
