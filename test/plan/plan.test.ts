import { describe, expect, it } from "vitest";
import { chinchillaOptimal } from "../../src/laws/chinchilla.js";
import { frontierAtMinFlops } from "../../src/laws/frontier.js";
import { minDatasetTokens } from "../../src/laws/kaplan.js";
import { CHINCHILLA, EPOCH, KAPLAN, PRESETS } from "../../src/laws/presets.js";
import { plan } from "../../src/plan/plan.js";
import { expectRel } from "../helpers/close.js";

const budgets = Array.from({ length: 13 }, (_, i) => 10 ** (15 + i)); // 1e15 .. 1e27

describe("plan: budget semantics (laws.md)", () => {
  it.each(PRESETS.map((p) => [p.name, p] as const))("6 * params * tokens equals the budget to 1e-9 (%s)", (_, preset) => {
    for (const flops of budgets) {
      for (const batchFactor of [0.25, 1, 4]) {
        const result = plan(preset, { goal: { kind: "compute", flops }, batchFactor });
        expectRel(6 * result.nParams * result.nTokens, flops, 1e-9);
        expect(result.flops).toBe(flops);
      }
    }
  });

  it("Kaplan: B = k B_crit, C_min = C/(1+k), S = S_min (1 + 1/k), tokens = B S", () => {
    for (const batchFactor of [0.5, 1, 3]) {
      const flops = 1e21;
      const result = plan(KAPLAN, { goal: { kind: "compute", flops }, batchFactor });
      const point = frontierAtMinFlops(KAPLAN.laws.ns!, KAPLAN.laws.bcrit!, flops / (1 + batchFactor));
      expectRel(result.batchTokens!, batchFactor * point.criticalBatchTokens, 1e-12);
      expectRel(result.steps!, point.minSteps * (1 + 1 / batchFactor), 1e-12);
      expectRel(result.batchTokens! * result.steps!, result.nTokens, 1e-9);
      expectRel(result.lossNats, point.lossNats, 1e-12);
    }
  });

  it.each(PRESETS.map((p) => [p.name, p] as const))("loss falls monotonically with budget (%s)", (_, preset) => {
    let previous = Infinity;
    for (const flops of budgets) {
      const { lossNats } = plan(preset, { goal: { kind: "compute", flops } });
      expect(lossNats).toBeLessThan(previous);
      previous = lossNats;
    }
  });

  it.each(PRESETS.map((p) => [p.name, p] as const))("--target-loss inverts --compute (%s)", (_, preset) => {
    for (const flops of [1e18, 1e21, 1e24]) {
      const forward = plan(preset, { goal: { kind: "compute", flops } });
      const inverse = plan(preset, { goal: { kind: "target-loss", lossNats: forward.lossNats } });
      expectRel(inverse.flops, flops, 1e-6);
      expectRel(inverse.nParams, forward.nParams, 1e-6);
    }
  });

  it.each(PRESETS.map((p) => [p.name, p] as const))("--params inverts the model size of --compute (%s)", (_, preset) => {
    const forward = plan(preset, { goal: { kind: "compute", flops: 1e22 } });
    const inverse = plan(preset, { goal: { kind: "params", nParams: forward.nParams } });
    expectRel(inverse.flops, 1e22, 1e-8);
    expectRel(inverse.nTokens, forward.nTokens, 1e-8);
  });

  it("Kaplan plans carry D_min(N; delta) and warn when D < D_min", () => {
    const result = plan(KAPLAN, { goal: { kind: "compute", flops: 1e21 }, overfitTolerance: 0.02 });
    expectRel(result.minTokens!, minDatasetTokens(KAPLAN.laws.nd!, result.nParams, 0.02), 1e-12);
    expect(result.nTokens).toBeGreaterThan(result.minTokens!);
    expect(result.warnings).toEqual([]);
    // A tight tolerance raises D_min above the plan's tokens.
    const tight = plan(KAPLAN, { goal: { kind: "compute", flops: 1e21 }, overfitTolerance: 0.001 });
    expect(tight.nTokens).toBeLessThan(tight.minTokens!);
    expect(tight.warnings[0]).toMatch(/tokens is below D_min = .* tokens: the model would overfit by more than 0.100%/);
  });

  it("the kaplan preset carries Table 6 at C_min = C/(1+k); other laws do not", () => {
    const result = plan(KAPLAN, { goal: { kind: "compute", flops: 1e21 } });
    expectRel(result.empirical!.nParams, 1.3e9 * (5e20 / 8.64e19) ** 0.73, 1e-12);
    expectRel(result.empirical!.batchTokens, 2.0e6 * (5e20 / 8.64e19) ** 0.24, 1e-12);
    expect(plan(CHINCHILLA, { goal: { kind: "compute", flops: 1e21 } }).empirical).toBeNull();
  });

  it("Chinchilla-family plans: N_opt, D_opt, no batch unless given", () => {
    const result = plan(EPOCH, { goal: { kind: "compute", flops: 1e23 } });
    const split = chinchillaOptimal(EPOCH.laws.chinchilla!, 1e23);
    expect(result.nParams).toBe(split.nParams);
    expect(result.batchTokens).toBeNull();
    expect(result.steps).toBeNull();
    const withBatch = plan(EPOCH, { goal: { kind: "compute", flops: 1e23 }, batchTokens: 4e6 });
    expectRel(withBatch.steps!, split.nTokens / 4e6, 1e-12);
  });

  it("a target loss at or below E is an error naming E", () => {
    expect(() => plan(CHINCHILLA, { goal: { kind: "target-loss", lossNats: 1.5 } })).toThrow(
      /at or below law "chinchilla"'s irreducible loss E = 1.69337368/,
    );
  });

  describe("data-constrained plans (--max-tokens)", () => {
    it("a cap above the plan's tokens does not bind", () => {
      const free = plan(CHINCHILLA, { goal: { kind: "compute", flops: 1e22 } });
      const capped = plan(CHINCHILLA, { goal: { kind: "compute", flops: 1e22 }, maxTokens: free.nTokens * 2 });
      expect(capped.nParams).toBe(free.nParams);
      expect(capped.dataCap).toMatchObject({ binding: false });
    });

    it("a binding cap spends the budget on a larger model over all the data", () => {
      for (const preset of PRESETS) {
        const free = plan(preset, { goal: { kind: "compute", flops: 1e23 } });
        const maxTokens = free.nTokens / 4;
        const capped = plan(preset, { goal: { kind: "compute", flops: 1e23 }, maxTokens });
        expect(capped.nTokens).toBe(maxTokens);
        expectRel(6 * capped.nParams * capped.nTokens, 1e23, 1e-12);
        expect(capped.nParams).toBeGreaterThan(free.nParams);
        expect(capped.lossNats).toBeGreaterThan(free.lossNats);
        expect(capped.warnings.some((w) => w.includes("data cap binds"))).toBe(true);
      }
    });
  });

  it("a law set that cannot plan says what it needs", () => {
    expect(() => plan({ name: "x.json", source: "", laws: { n: { alphaN: 0.07, Nc: 1e13 } } }, { goal: { kind: "compute", flops: 1e20 } })).toThrow(
      /needs L\(N,S\) and B_crit\(L\) \(Kaplan\) or the Chinchilla form/,
    );
  });
});
