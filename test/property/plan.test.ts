/**
 * Plan invariants over budgets 1e12..1e30 FLOPs, every preset and batch factors 0.1..10
 * (shared/laws.md, "Budget semantics" and "Compute-efficient allocation"):
 * 6 N D = C; N, D, B, S positive and finite where present; the loss above the irreducible
 * term (E for the Chinchilla form, L(N,inf) for Kaplan's L(N,S)); the loss falls as the
 * budget grows; --target-loss and --params invert --compute.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isScalingError } from "../../src/errors.js";
import { PRESETS } from "../../src/laws/presets.js";
import type { LawSet } from "../../src/laws/types.js";
import type { Plan, PlanOptions } from "../../src/plan/plan.js";
import { plan } from "../../src/plan/plan.js";

const SEED = 42_2026;
const options = { seed: SEED, numRuns: 150 };

const logUniform = (lo: number, hi: number): fc.Arbitrary<number> =>
  fc.double({ min: Math.log10(lo), max: Math.log10(hi), noNaN: true }).map((e) => 10 ** e);
const budget = logUniform(1e12, 1e30);
const preset = fc.constantFrom(...PRESETS);
const batchFactor = fc.oneof(fc.constant(1), logUniform(0.1, 10));

const rel = (a: number, b: number): number => Math.abs(a / b - 1);
const finitePositive = (x: number | null): boolean => x === null || (Number.isFinite(x) && x > 0);

/** The irreducible part of the plan's loss, from the law's constants (not from the planner). */
function floorOf(set: LawSet, result: Plan): number {
  if (set.laws.ns !== undefined && set.laws.bcrit !== undefined) {
    return Math.pow(set.laws.ns.Nc / result.nParams, set.laws.ns.alphaN); // L(N, inf), eq. 1.6
  }
  return set.laws.chinchilla!.E;
}

function checkInvariants(set: LawSet, result: Plan): void {
  expect(rel(6 * result.nParams * result.nTokens, result.flops)).toBeLessThan(1e-9);
  for (const value of [result.flops, result.nParams, result.nTokens, result.lossNats, result.batchTokens, result.steps]) {
    expect(finitePositive(value)).toBe(true);
  }
  if (result.batchTokens !== null && result.steps !== null) {
    expect(rel(result.batchTokens * result.steps, result.nTokens)).toBeLessThan(1e-9);
  }
  expect(result.lossNats).toBeGreaterThan(floorOf(set, result));
  expect(result.shape.nLayer).toBeGreaterThanOrEqual(1);
  expect(result.shape.dModel).toBeGreaterThanOrEqual(64);
}

describe("plan --compute over 1e12..1e30 FLOPs, every preset and batch factor", () => {
  it("6ND = C, everything positive and finite, loss above the irreducible term", () => {
    fc.assert(
      fc.property(preset, budget, batchFactor, (set, flops, k) => {
        const result = plan(set, { goal: { kind: "compute", flops }, batchFactor: k });
        expect(result.flops).toBe(flops);
        checkInvariants(set, result);
      }),
      options,
    );
  });

  it("Kaplan family: B = k B_crit, S = S_min (1 + 1/k), loss = (1 + alphaN/alphaS) L(N,inf) (App. B.2)", () => {
    const kaplan = PRESETS.find((p) => p.name === "kaplan")!;
    const { alphaN, alphaS } = kaplan.laws.ns!;
    fc.assert(
      fc.property(budget, batchFactor, (flops, k) => {
        const result = plan(kaplan, { goal: { kind: "compute", flops }, batchFactor: k });
        const frontier = result.frontier!;
        expect(rel(result.batchTokens!, k * frontier.criticalBatchTokens)).toBeLessThan(1e-12);
        expect(rel(result.steps!, frontier.minSteps * (1 + 1 / k))).toBeLessThan(1e-12);
        expect(rel(frontier.minFlops, flops / (1 + k))).toBeLessThan(1e-9);
        expect(rel(result.lossNats, (1 + alphaN / alphaS) * floorOf(kaplan, result))).toBeLessThan(1e-9);
      }),
      options,
    );
  });

  it("the loss falls and the model grows as the budget grows", () => {
    fc.assert(
      fc.property(preset, budget, logUniform(1.01, 100), (set, flops, factor) => {
        fc.pre(flops * factor <= 1e30);
        const small = plan(set, { goal: { kind: "compute", flops } });
        const large = plan(set, { goal: { kind: "compute", flops: flops * factor } });
        expect(large.lossNats).toBeLessThan(small.lossNats);
        expect(large.nParams).toBeGreaterThan(small.nParams);
      }),
      options,
    );
  });

  it("with --max-tokens the plan still spends C = 6ND and uses at most the cap", () => {
    fc.assert(
      fc.property(preset, budget, logUniform(1e-3, 10), (set, flops, capFraction) => {
        const unconstrained = plan(set, { goal: { kind: "compute", flops } });
        const maxTokens = unconstrained.nTokens * capFraction;
        fc.pre(maxTokens >= 1);
        let result: Plan;
        try {
          result = plan(set, { goal: { kind: "compute", flops }, maxTokens });
        } catch (error) {
          // A cap so tight the loss equation leaves its bracket: a ScalingError, never a crash.
          expect(isScalingError(error)).toBe(true);
          return;
        }
        expect(result.nTokens).toBeLessThanOrEqual(maxTokens * (1 + 1e-12));
        checkInvariants(set, result);
        // Spending the same compute on less data cannot beat the compute-optimal split.
        expect(result.lossNats).toBeGreaterThanOrEqual(unconstrained.lossNats * (1 - 1e-9));
      }),
      options,
    );
  });
});

describe("the inverses of --compute", () => {
  it("--target-loss L(C) gives back C, and --params N(C) gives back C", () => {
    fc.assert(
      fc.property(preset, logUniform(1e14, 1e28), batchFactor, (set, flops, k) => {
        const forward = plan(set, { goal: { kind: "compute", flops }, batchFactor: k });
        const byLoss = plan(set, { goal: { kind: "target-loss", lossNats: forward.lossNats }, batchFactor: k });
        expect(rel(byLoss.flops, flops)).toBeLessThan(1e-6);
        expect(rel(byLoss.nParams, forward.nParams)).toBeLessThan(1e-6);
        const byParams = plan(set, { goal: { kind: "params", nParams: forward.nParams }, batchFactor: k });
        expect(rel(byParams.flops, flops)).toBeLessThan(1e-6);
        checkInvariants(set, byLoss);
        checkInvariants(set, byParams);
      }),
      options,
    );
  });
});

describe("plans outside the laws' range", () => {
  const anyGoal: fc.Arbitrary<PlanOptions["goal"]> = fc.oneof(
    logUniform(1e-300, 1e300).map((flops) => ({ kind: "compute" as const, flops })),
    logUniform(1e-3, 1e3).map((lossNats) => ({ kind: "target-loss" as const, lossNats })),
    logUniform(1e-3, 1e40).map((nParams) => ({ kind: "params" as const, nParams })),
  );

  it("any goal gives a plan whose invariants hold, or a one-line ScalingError", () => {
    fc.assert(
      fc.property(preset, anyGoal, batchFactor, (set, goal, k) => {
        let result: Plan;
        try {
          result = plan(set, { goal, batchFactor: k });
        } catch (error) {
          expect(isScalingError(error)).toBe(true);
          expect((error as Error).message).not.toContain("\n");
          expect((error as Error).message).not.toMatch(/NaN|undefined/);
          return;
        }
        expect(rel(6 * result.nParams * result.nTokens, result.flops)).toBeLessThan(1e-9);
        expect(result.nParams).toBeGreaterThanOrEqual(1);
        expect(result.nTokens).toBeGreaterThanOrEqual(1);
        expect(result.lossNats).toBeGreaterThan(0);
        expect(Number.isFinite(result.lossNats)).toBe(true);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
