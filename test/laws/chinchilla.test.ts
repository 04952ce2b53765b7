import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  chinchillaLoss,
  chinchillaOptimal,
  chinchillaOptimalAtLoss,
  chinchillaOptimalAtParams,
} from "../../src/laws/chinchilla.js";
import { CHINCHILLA, EPOCH } from "../../src/laws/presets.js";
import { expectRel } from "../helpers/close.js";

interface NumericRef {
  flops: number;
  params: number;
  tokens: number;
  loss: number;
}
const refs = JSON.parse(readFileSync(new URL("../reference/plan_refs.json", import.meta.url), "utf8")) as {
  chinchilla_numeric: NumericRef[];
  epoch_numeric: NumericRef[];
};
const chin = CHINCHILLA.laws.chinchilla!;
const epoch = EPOCH.laws.chinchilla!;

describe("Chinchilla form (Hoffmann et al. 2022, Approach 3)", () => {
  it.each(refs.chinchilla_numeric)("closed form matches scipy's numeric minimum of L(N, C/6N) at $flops FLOPs", (ref) => {
    const split = chinchillaOptimal(chin, ref.flops);
    expectRel(split.nParams, ref.params, 1e-5);
    expectRel(split.nTokens, ref.tokens, 1e-5);
    expectRel(split.lossNats, ref.loss, 1e-10);
    expectRel(6 * split.nParams * split.nTokens, ref.flops, 1e-12);
  });

  it.each(refs.epoch_numeric)("and for the epoch preset at $flops FLOPs", (ref) => {
    const split = chinchillaOptimal(epoch, ref.flops);
    expectRel(split.nParams, ref.params, 1e-5);
    expectRel(split.lossNats, ref.loss, 1e-10);
  });

  it.each([
    // Hoffmann et al. 2022, Table A3 (Approach 3): parameters, FLOPs, tokens
    { nParams: 400e6, flops: 2.21e19, nTokens: 9.2e9 },
    { nParams: 10e9, flops: 2.46e22, nTokens: 410.1e9 },
  ])("the preset lands within 8% of Table A3's split of $flops FLOPs", (row) => {
    // Read as the table is: at this budget, this many parameters and tokens.
    const byBudget = chinchillaOptimal(chin, row.flops);
    expectRel(byBudget.nParams, row.nParams, 0.08);
    expectRel(byBudget.nTokens, row.nTokens, 0.08);
  });

  it("the epoch preset gives about 20 tokens per parameter (Besiroglu et al. 2024)", () => {
    for (const flops of [1e20, 1e22, 1e24]) {
      const split = chinchillaOptimal(epoch, flops);
      expect(split.nTokens / split.nParams).toBeGreaterThan(15);
      expect(split.nTokens / split.nParams).toBeLessThan(30);
    }
  });

  it("the budget whose optimal model has N parameters inverts N_opt(C)", () => {
    for (const flops of [1e19, 1e23]) {
      expectRel(chinchillaOptimalAtParams(chin, chinchillaOptimal(chin, flops).nParams).flops, flops, 1e-10);
    }
  });

  it("the smallest budget reaching a loss inverts the optimal loss", () => {
    for (const flops of [1e19, 1e22, 1e25]) {
      const split = chinchillaOptimal(chin, flops);
      expectRel(chinchillaOptimalAtLoss(chin, split.lossNats).flops, flops, 1e-7);
    }
  });

  it("Chinchilla 70B on 1.4T tokens: E + A/N^alpha + B/D^beta", () => {
    expectRel(chinchillaLoss(chin, 7e10, 1.4e12), 1.69337368 + 406.401018 / 7e10 ** 0.33917084 + 410.722827 / 1.4e12 ** 0.2849083, 1e-14);
  });
});
