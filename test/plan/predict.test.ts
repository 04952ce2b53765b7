import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { chinchillaLoss } from "../../src/laws/chinchilla.js";
import { lossND, overfitPenalty } from "../../src/laws/kaplan.js";
import { CHINCHILLA, KAPLAN } from "../../src/laws/presets.js";
import { predict } from "../../src/plan/predict.js";
import { expectRel } from "../helpers/close.js";

const refs = JSON.parse(readFileSync(new URL("../reference/plan_refs.json", import.meta.url), "utf8")) as {
  kaplan_predict_steps: Array<{ params: number; steps: number; batchTokens: number; loss: number; minSteps: number }>;
};

describe("predict", () => {
  it("by tokens: Kaplan's L(N,D) and its overfitting penalty", () => {
    const result = predict(KAPLAN, { nParams: 1.3e9, nTokens: 2.6e10 });
    expect(result.lossFrom).toBe("L(N,D)");
    expect(result.lossNats).toBe(lossND(KAPLAN.laws.nd!, 1.3e9, 2.6e10));
    expect(result.overfitPenalty).toBe(overfitPenalty(KAPLAN.laws.nd!, 1.3e9, 2.6e10));
    expect(result.minSteps).toBeNull();
  });

  it.each(refs.kaplan_predict_steps)("by steps and batch: L(N,S_min) with eq. 5.4, as scipy's brentq ($params, $steps, $batchTokens)", (ref) => {
    const result = predict(KAPLAN, { nParams: ref.params, steps: ref.steps, batchTokens: ref.batchTokens });
    expect(result.lossFrom).toBe("L(N,S_min)");
    expectRel(result.lossNats, ref.loss, 1e-10);
    expectRel(result.minSteps!, ref.minSteps, 1e-9);
    expectRel(result.nTokens, ref.steps * ref.batchTokens, 1e-15);
  });

  it("Chinchilla form", () => {
    const result = predict(CHINCHILLA, { nParams: 7e10, nTokens: 1.4e12 });
    expect(result.lossNats).toBe(chinchillaLoss(CHINCHILLA.laws.chinchilla!, 7e10, 1.4e12));
    expect(result.overfitPenalty).toBeNull();
  });

  it("steps without a batch size is a usage error", () => {
    expect(() => predict(KAPLAN, { nParams: 1e9, steps: 1e4 })).toThrow("--steps needs --batch-tokens (tokens = steps x batch)");
    expect(() => predict(KAPLAN, { nParams: 1e9 })).toThrow("give --tokens, or --steps with --batch-tokens");
  });

  it("tokens and steps x batch that disagree are a usage error; within 1% they give one run", () => {
    expect(() => predict(KAPLAN, { nParams: 1.3e9, nTokens: 2.6e10, steps: 1000, batchTokens: 1e6 })).toThrow(
      "--tokens 2.60e10 disagrees with --steps x --batch-tokens = 1.00e9 tokens; give one of the two (or both, within 1%)",
    );
    expect(() => predict(KAPLAN, { nParams: 1.3e9, nTokens: 2.6e10, steps: 25_000, batchTokens: 1e6 })).toThrow("disagrees");
    // 0.5% apart: the tokens for D, the steps and batch for S, as given.
    const both = predict(KAPLAN, { nParams: 1.3e9, nTokens: 2.613e10, steps: 26_000, batchTokens: 1e6 });
    const steps = predict(KAPLAN, { nParams: 1.3e9, steps: 26_000, batchTokens: 1e6 });
    expect(both.lossNats).toBe(steps.lossNats);
    expect(both.nTokens).toBe(2.613e10);
    expect(both.steps).toBe(26_000);
  });
});
