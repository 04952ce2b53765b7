/**
 * The one range of budgets `plan` covers, 1e12 to 1e30 FLOPs, held for every goal
 * (src/plan/budgetRange.ts), and the plan's other promises found by a user walkthrough: a shape
 * that never contradicts N, --batch-tokens refused where a law has its own batch, and the
 * empirical column said to be uncapped when it is over --max-tokens.
 */
import { describe, expect, it } from "vitest";
import { chinchillaOptimal } from "../../src/laws/chinchilla.js";
import { empiricalFrontier, frontierAtMinFlops, frontierAtParams } from "../../src/laws/frontier.js";
import { formatSig } from "../../src/io/units.js";
import { CHINCHILLA, EPOCH, KAPLAN, PRESETS } from "../../src/laws/presets.js";
import { plan, planShape } from "../../src/plan/plan.js";
import { expectRel } from "../helpers/close.js";

// Written out, not imported: a change of the message shows here.
const RANGE =
  "plan covers budgets of 1e12 to 1e30 FLOPs (below, models smaller than any the laws were measured on; above, 1e6x past their data)";

describe("plan covers 1e12 to 1e30 FLOPs, for every goal", () => {
  it.each([
    [1e8, "1.00e8"],
    [1.3e9, "1.30e9"],
    [9.99e11, "9.99e11"],
    [1.01e30, "1.01e30"],
    [1e40, "1.00e40"],
  ])("--compute %s is refused by every preset, saying the range and why", (flops, shown) => {
    for (const preset of PRESETS) {
      expect(() => plan(preset, { goal: { kind: "compute", flops } })).toThrow(`--compute ${shown} FLOPs is out of range: ${RANGE}`);
    }
  });

  it("both ends are plans, for every preset", () => {
    for (const preset of PRESETS) {
      for (const flops of [1e12, 1e30]) expect(plan(preset, { goal: { kind: "compute", flops } }).flops).toBe(flops);
    }
  });

  it("--params 1e3 under kaplan needs 5.92e11 FLOPs (App. B.2 at k = 1: C = 2 C_min): refused, with the range in parameters", () => {
    const { ns, bcrit } = KAPLAN.laws;
    const needed = 2 * frontierAtParams(ns!, bcrit!, 1e3).minFlops; // 5.92e11
    const low = frontierAtMinFlops(ns!, bcrit!, 1e12 / 2).nParams; // 1430
    const high = frontierAtMinFlops(ns!, bcrit!, 1e30 / 2).nParams; // 2.61e15
    expect(formatSig(needed)).toBe("5.92e11");
    expect(() => plan(KAPLAN, { goal: { kind: "params", nParams: 1e3 } })).toThrow(
      `--params 1000 needs a budget of 5.92e11 FLOPs under law "kaplan", out of range: ${RANGE}; under this law those are models of ${formatSig(low)} to ${formatSig(high)} parameters`,
    );
    expect([formatSig(low), formatSig(high)]).toEqual(["1430", "2.61e15"]);
  });

  it("--target-loss too high or too low is refused with the range in losses", () => {
    expect(() => plan(KAPLAN, { goal: { kind: "target-loss", lossNats: 9 } })).toThrow(
      `--target-loss 9.000 needs a budget of 1.79e10 FLOPs under law "kaplan", out of range: ${RANGE}; under this law those reach losses from 7.287 down to 0.8287 nats/token`,
    );
    // Chinchilla: a hair above E is beyond the solver's 1e60 FLOPs: said as a side of the range.
    const atMax = chinchillaOptimal(CHINCHILLA.laws.chinchilla!, 1e30).lossNats;
    expect(() => plan(CHINCHILLA, { goal: { kind: "target-loss", lossNats: 1.69337369 } })).toThrow(
      `--target-loss 1.693 needs a budget of more than 1e30 FLOPs under law "chinchilla", out of range: ${RANGE}; under this law those reach losses from 16.60 down to ${formatSig(atMax, 4)} nats/token`,
    );
  });

  it.each(PRESETS.map((p) => [p.name, p] as const))("--params and --target-loss accept exactly the plans --compute does (%s)", (_, preset) => {
    for (const [flops, inside] of [
      [1e12, 1.001],
      [1e30, 0.999],
    ] as const) {
      const edge = plan(preset, { goal: { kind: "compute", flops } });
      // Just inside the range: a plan; just outside: the range error.
      expect(plan(preset, { goal: { kind: "params", nParams: edge.nParams * inside } }).flops).toBeGreaterThan(1e12);
      expect(() => plan(preset, { goal: { kind: "params", nParams: edge.nParams / inside } })).toThrow(/out of range: plan covers budgets of 1e12 to 1e30 FLOPs/);
      const lossInside = flops === 1e12 ? edge.lossNats * 0.9999 : edge.lossNats * 1.0001;
      const lossOutside = flops === 1e12 ? edge.lossNats * 1.0001 : edge.lossNats * 0.9999;
      expect(plan(preset, { goal: { kind: "target-loss", lossNats: lossInside } }).flops).toBeLessThan(1e30);
      expect(() => plan(preset, { goal: { kind: "target-loss", lossNats: lossOutside } })).toThrow(/out of range: plan covers budgets of 1e12 to 1e30 FLOPs/);
    }
  });
});

describe("the shape never contradicts N (N = 12 n_layer d_model^2, Kaplan Table 1)", () => {
  it("at 1e12 FLOPs kaplan's N = 1430 has no shape (the smallest has 49,152 parameters); at 1e21 it has one", () => {
    const small = plan(KAPLAN, { goal: { kind: "compute", flops: 1e12 } });
    expectRel(small.nParams, 1430, 1e-3);
    expect(small.shapeMatchesParams).toBe(false);
    expect(planShape(small)).toBeNull();
    const large = plan(KAPLAN, { goal: { kind: "compute", flops: 1e21 } });
    expect(planShape(large)).toEqual({ nLayer: 22, dModel: 2688, nHeads: 21 });
  });

  it("over the range, every preset's shown shape is within 5% of N", () => {
    for (const preset of PRESETS) {
      for (let e = 12; e <= 30; e += 0.25) {
        const result = plan(preset, { goal: { kind: "compute", flops: 10 ** e } });
        const shape = planShape(result);
        if (shape !== null) expect(Math.abs((12 * shape.nLayer * shape.dModel ** 2) / result.nParams - 1)).toBeLessThanOrEqual(0.05);
        if (result.nParams >= 1e7) expect(shape).not.toBeNull();
      }
    }
  });
});

describe("--batch-tokens is for laws without a batch law", () => {
  it("a Kaplan-family law refuses it (it trains at k B_crit(L))", () => {
    expect(() => plan(KAPLAN, { goal: { kind: "compute", flops: 1e21 }, batchTokens: 1e6 })).toThrow(
      '--batch-tokens is for laws without a batch law (chinchilla, epoch); law "kaplan" trains at B = k x B_crit(L), so set k with --batch-factor instead',
    );
  });

  it("a Chinchilla-family law takes it, also under a binding data cap: steps = D / B", () => {
    const capped = plan(EPOCH, { goal: { kind: "compute", flops: 1e23 }, batchTokens: 4e6, maxTokens: 1e11 });
    expect(capped.dataCap?.binding).toBe(true);
    expect(capped.batchTokens).toBe(4e6);
    expectRel(capped.steps!, 1e11 / 4e6, 1e-12);
  });
});

describe("--max-tokens and the empirical (Table 6) column", () => {
  it("over the cap, a warning says the column is the uncapped frontier (1e23 FLOPs, cap 1e11: Table 6 wants 1.11e11)", () => {
    const result = plan(KAPLAN, { goal: { kind: "compute", flops: 1e23 }, maxTokens: 1e11 });
    const table6 = empiricalFrontier(1e23 / 2); // C_min = C/2 at k = 1
    expect(formatSig(table6.nTokens)).toBe("1.11e11");
    expectRel(result.empirical!.nTokens, table6.nTokens, 1e-9);
    expect(result.warnings).toContain(
      "the empirical column (Table 6) is not capped: its 1.11e11 tokens exceed --max-tokens 1.00e11; it shows the paper's unconstrained frontier at the same C_min, for reference",
    );
  });

  it("under the cap, no such warning", () => {
    const result = plan(KAPLAN, { goal: { kind: "compute", flops: 1e23 }, maxTokens: 2e11 });
    expect(result.warnings.some((w) => w.includes("empirical column"))).toBe(false);
  });
});
