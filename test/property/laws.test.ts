/**
 * Property tests of the laws (src/laws): finite, positive and monotone where the papers say
 * so, for every preset and for random valid constants. Kaplan et al. 2020: loss falls in N
 * (eq. 1.1), D (eq. 1.2), C_min (eq. 1.3), and in N and D (eq. 1.5) and N and S (eq. 1.6);
 * B_crit falls as the loss rises (eq. 1.4). Hoffmann et al. 2022: L(N,D) falls in N and D
 * towards E, and the closed-form split (eq. 4) is the minimum of L along 6ND = C.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chinchillaLoss, chinchillaOptimal } from "../../src/laws/chinchilla.js";
import { frontierAtLoss, frontierAtMinFlops } from "../../src/laws/frontier.js";
import { criticalBatchTokens, lossCmin, lossD, lossN, lossND, lossNS } from "../../src/laws/kaplan.js";
import { CHINCHILLA, EPOCH, KAPLAN } from "../../src/laws/presets.js";
import type { LawBcrit, LawChinchilla, LawND, LawNS } from "../../src/laws/types.js";

const SEED = 8_2026;
const RUNS = 200;

const logUniform = (lo: number, hi: number): fc.Arbitrary<number> =>
  fc.double({ min: Math.log10(lo), max: Math.log10(hi), noNaN: true }).map((e) => 10 ** e);
/** Two values a < b with b at least 1% above a, so the loss must move measurably. */
const ordered = (lo: number, hi: number): fc.Arbitrary<[number, number]> =>
  fc.tuple(logUniform(lo, hi), logUniform(1.01, 100)).map(([a, r]) => [a, a * r]);

// Random constants of the papers' order of magnitude (Kaplan's exponents are 0.076..0.76):
// wide enough to exercise the code, narrow enough that (Nc/N)^(alphaN/alphaD) stays a double.
const exponent = fc.double({ min: 0.02, max: 0.8, noNaN: true });
const randomND: fc.Arbitrary<LawND> = fc
  .record({ alphaD: exponent, ratio: fc.double({ min: 0.2, max: 5, noNaN: true }), Nc: logUniform(1e8, 1e16), Dc: logUniform(1e8, 1e16) })
  .map(({ alphaD, ratio, Nc, Dc }) => ({ alphaN: Math.min(0.8, alphaD * ratio), alphaD, Nc, Dc }));
const randomNS: fc.Arbitrary<LawNS> = fc.record({ alphaN: exponent, alphaS: exponent, Nc: logUniform(1e8, 1e16), Sc: logUniform(10, 1e5) });
const randomBcrit: fc.Arbitrary<LawBcrit> = fc.record({ Bstar: logUniform(1e5, 1e10), alphaB: fc.double({ min: 0.05, max: 1, noNaN: true }) });
const randomChinchilla: fc.Arbitrary<LawChinchilla> = fc.record({
  E: fc.double({ min: 0.1, max: 4, noNaN: true }),
  A: logUniform(1, 1e5),
  B: logUniform(1, 1e5),
  alpha: fc.double({ min: 0.05, max: 1, noNaN: true }),
  beta: fc.double({ min: 0.05, max: 1, noNaN: true }),
});

const nd = fc.oneof(fc.constant(KAPLAN.laws.nd!), randomND);
const ns = fc.oneof(fc.constant(KAPLAN.laws.ns!), randomNS);
const bcrit = fc.oneof(fc.constant(KAPLAN.laws.bcrit!), randomBcrit);
const chin = fc.oneof(fc.constant(CHINCHILLA.laws.chinchilla!), fc.constant(EPOCH.laws.chinchilla!), randomChinchilla);

const finitePositive = (x: number): boolean => Number.isFinite(x) && x > 0;
const options = { seed: SEED, numRuns: RUNS };

describe("Kaplan et al. 2020: losses fall in N, D, S and C_min", () => {
  // Sizes from the smallest model in the paper (768 params) to far beyond; within this range
  // every preset loss stays a normal double.
  it("L(N) (eq. 1.1) and L(D) (eq. 1.2) fall strictly", () => {
    fc.assert(
      fc.property(ordered(1e3, 1e15), ([a, b]) => {
        expect(finitePositive(lossN(KAPLAN.laws.n!, a))).toBe(true);
        expect(lossN(KAPLAN.laws.n!, b)).toBeLessThan(lossN(KAPLAN.laws.n!, a));
        expect(lossD(KAPLAN.laws.d!, b)).toBeLessThan(lossD(KAPLAN.laws.d!, a));
      }),
      options,
    );
  });

  it("L(C_min) (eq. 1.3) falls strictly in C_min (PF-days)", () => {
    fc.assert(
      fc.property(ordered(1e-8, 1e8), ([a, b]) => {
        expect(finitePositive(lossCmin(KAPLAN.laws.cmin!, a))).toBe(true);
        expect(lossCmin(KAPLAN.laws.cmin!, b)).toBeLessThan(lossCmin(KAPLAN.laws.cmin!, a));
      }),
      options,
    );
  });

  it("L(N,D) (eq. 1.5) falls in N and in D, and stays above L(N,inf) = (Nc/N)^alphaN", () => {
    fc.assert(
      fc.property(nd, ordered(1e3, 1e13), ordered(1e6, 1e14), (law, [n1, n2], [d1, d2]) => {
        const base = lossND(law, n1, d1);
        expect(finitePositive(base)).toBe(true);
        expect(lossND(law, n2, d1)).toBeLessThanOrEqual(base);
        expect(lossND(law, n1, d2)).toBeLessThanOrEqual(base);
        expect(base).toBeGreaterThanOrEqual(Math.pow(law.Nc / n1, law.alphaN) * (1 - 1e-12));
      }),
      options,
    );
  });

  it("L(N,S_min) (eq. 1.6) falls in N and in S, and stays above L(N,inf)", () => {
    fc.assert(
      fc.property(ns, ordered(1e3, 1e13), ordered(1, 1e8), (law, [n1, n2], [s1, s2]) => {
        const base = lossNS(law, n1, s1);
        expect(finitePositive(base)).toBe(true);
        expect(lossNS(law, n2, s1)).toBeLessThanOrEqual(base);
        expect(lossNS(law, n1, s2)).toBeLessThanOrEqual(base);
        expect(base).toBeGreaterThanOrEqual(Math.pow(law.Nc / n1, law.alphaN));
      }),
      options,
    );
  });

  it("B_crit(L) (eq. 1.4) is positive and falls as the loss rises", () => {
    fc.assert(
      fc.property(bcrit, ordered(0.5, 10), (law, [l1, l2]) => {
        expect(finitePositive(criticalBatchTokens(law, l1))).toBe(true);
        expect(criticalBatchTokens(law, l2)).toBeLessThan(criticalBatchTokens(law, l1));
      }),
      options,
    );
  });

  it("the frontier's C_min falls as the target loss rises, and C_min = 6 N B_crit S_min (App. B.2)", () => {
    fc.assert(
      fc.property(ordered(1.5, 6), ([l1, l2]) => {
        const [a, b] = [frontierAtLoss(KAPLAN.laws.ns!, KAPLAN.laws.bcrit!, l1), frontierAtLoss(KAPLAN.laws.ns!, KAPLAN.laws.bcrit!, l2)];
        expect(b.minFlops).toBeLessThan(a.minFlops);
        expect(b.nParams).toBeLessThan(a.nParams);
        expect(Math.abs(a.minFlops / (6 * a.nParams * a.criticalBatchTokens * a.minSteps) - 1)).toBeLessThan(1e-12);
        // The frontier stops alphaN/alphaS above the converged loss (App. B.2).
        const { alphaN, alphaS, Nc } = KAPLAN.laws.ns!;
        expect(Math.abs(l1 / ((1 + alphaN / alphaS) * Math.pow(Nc / a.nParams, alphaN)) - 1)).toBeLessThan(1e-12);
      }),
      options,
    );
  });

  it("frontierAtMinFlops inverts frontierAtLoss for random valid constants, or refuses with a ScalingError", () => {
    fc.assert(
      fc.property(ns, bcrit, logUniform(1e10, 1e28), (nsLaw, bcritLaw, minFlops) => {
        let point;
        try {
          point = frontierAtMinFlops(nsLaw, bcritLaw, minFlops);
        } catch (error) {
          expect((error as Error).name).toBe("ScalingError");
          return;
        }
        expect(finitePositive(point.lossNats)).toBe(true);
        expect(Math.abs(point.minFlops / minFlops - 1)).toBeLessThan(1e-9);
      }),
      options,
    );
  });
});

describe("Hoffmann et al. 2022: L(N,D) = E + A/N^alpha + B/D^beta", () => {
  it("falls in N and in D and stays above E", () => {
    fc.assert(
      fc.property(chin, ordered(1e3, 1e13), ordered(1e3, 1e14), (law, [n1, n2], [d1, d2]) => {
        const base = chinchillaLoss(law, n1, d1);
        expect(Number.isFinite(base)).toBe(true);
        expect(base).toBeGreaterThan(law.E);
        expect(chinchillaLoss(law, n2, d1)).toBeLessThanOrEqual(base);
        expect(chinchillaLoss(law, n1, d2)).toBeLessThanOrEqual(base);
      }),
      options,
    );
  });

  it("the closed-form split (eq. 4) spends C = 6 N D and no other split of C does better", () => {
    fc.assert(
      fc.property(chin, logUniform(1e12, 1e30), logUniform(0.05, 20), (law, flops, ratio) => {
        const best = chinchillaOptimal(law, flops);
        expect(Math.abs((6 * best.nParams * best.nTokens) / flops - 1)).toBeLessThan(1e-9);
        const other = chinchillaLoss(law, best.nParams * ratio, best.nTokens / ratio);
        expect(other).toBeGreaterThanOrEqual(best.lossNats * (1 - 1e-12));
      }),
      options,
    );
  });
});
