/**
 * Each check just under and just over its threshold. The inputs at the threshold come from
 * the closed forms of shared/laws.md, written out here, never from the code under test.
 */
import { describe, expect, it } from "vitest";
import { checkProposal, getExitCode } from "../../src/check/checkProposal.js";
import { DEFAULT_THRESHOLDS, resolveFileThresholds, resolveThresholds } from "../../src/check/thresholds.js";
import type { CheckId, CheckReport, CheckStatus, Proposal } from "../../src/check/types.js";
import { CHINCHILLA, KAPLAN } from "../../src/laws/presets.js";
import type { LawSet } from "../../src/laws/types.js";
import { expectRel } from "../helpers/close.js";
import { scalingErrorOf } from "../helpers/errors.js";

const EPS = 1e-6;
const statusOf = (set: LawSet, proposal: Omit<Proposal, "name">, id: CheckId, thresholds = DEFAULT_THRESHOLDS): CheckStatus =>
  checkProposal(set, { name: "t", ...proposal }, thresholds).checks.find((check) => check.id === id)!.status;

// Kaplan Table 2 (L(N,D)) and eq. 1.4 (B_crit) constants, and a law set with only these two,
// so the predicted loss is L(N,D) whatever the batch.
const ND = { alphaN: 0.076, alphaD: 0.103, Nc: 6.4e13, Dc: 1.8e13 };
const BCRIT = { Bstar: 2.1e8, alphaB: 0.21 };
const ND_BCRIT: LawSet = { name: "nd+bcrit", source: "test", laws: { nd: ND, bcrit: BCRIT } };
const lossND = (n: number, d: number): number => ((ND.Nc / n) ** (ND.alphaN / ND.alphaD) + ND.Dc / d) ** ND.alphaD;

// Chinchilla Approach 3, unrounded (shared/laws.md).
const CH = { E: 1.69337368, A: 406.401018, B: 410.722827, alpha: 0.33917084, beta: 0.2849083 };
const G = ((CH.alpha * CH.A) / (CH.beta * CH.B)) ** (1 / (CH.alpha + CH.beta));
const nOpt = (flops: number): number => G * (flops / 6) ** (CH.beta / (CH.alpha + CH.beta));
const dOpt = (flops: number): number => (1 / G) * (flops / 6) ** (CH.alpha / (CH.alpha + CH.beta));

describe("overfitting at D_min(N; delta)", () => {
  const nParams = 1e10;
  const dMin = (delta: number): number => (ND.Dc * (nParams / ND.Nc) ** (ND.alphaN / ND.alphaD)) / ((1 + delta) ** (1 / ND.alphaD) - 1);
  it.each([0.02, 0.05])("delta %s: passes just above D_min, fails just below", (delta) => {
    const thresholds = resolveThresholds({ overfitTolerance: delta });
    const at = (datasetTokens: number) => statusOf(KAPLAN, { nParams, nTokens: 1e12, datasetTokens }, "overfitting", thresholds);
    expect(at(dMin(delta) * (1 + EPS))).toBe("pass");
    expect(at(dMin(delta) * (1 - EPS))).toBe("fail");
  });
});

describe("compute-efficiency at the waste limits", () => {
  // Chinchilla: at C* the optimal split reaches L*; a model 2x N_opt reaching L* needs D from
  // B/D^beta = L* - E - A/N^alpha, so its wasted fraction is 1 - C*/(6 N D) in closed form.
  const flopsStar = 1e22;
  const lossStar = CH.E + CH.A / nOpt(flopsStar) ** CH.alpha + CH.B / dOpt(flopsStar) ** CH.beta;
  const nParams = 2 * nOpt(flopsStar);
  const nTokens = (CH.B / (lossStar - CH.E - CH.A / nParams ** CH.alpha)) ** (1 / CH.beta);
  const wasted = 1 - flopsStar / (6 * nParams * nTokens);

  it("measures the closed-form wasted fraction", () => {
    const check = checkProposal(CHINCHILLA, { name: "t", nParams, nTokens }).checks.find((c) => c.id === "compute-efficiency")!;
    expectRel(check.value!, wasted, 1e-7);
  });

  it("warns just over wasteWarn and passes just under it", () => {
    const at = (wasteWarn: number) =>
      statusOf(CHINCHILLA, { nParams, nTokens }, "compute-efficiency", resolveThresholds({ wasteWarn, wasteFail: 0.9 }));
    expect(at(wasted * (1 + EPS))).toBe("pass");
    expect(at(wasted * (1 - EPS))).toBe("warn");
  });

  it("fails just over wasteFail", () => {
    const at = (wasteFail: number) =>
      statusOf(CHINCHILLA, { nParams, nTokens }, "compute-efficiency", resolveThresholds({ wasteWarn: 0.01, wasteFail }));
    expect(at(wasted * (1 + EPS))).toBe("warn");
    expect(at(wasted * (1 - EPS))).toBe("fail");
  });

  it.each([
    [0.1, "pass", "warn"],
    [0.3, "warn", "fail"],
  ])("Kaplan, default limits: wasting just under / over %s gives %s / %s", (limit, under, over) => {
    // Kaplan: loss from L(N,D) (Table 2); its frontier costs C = 2 x 6 N_f B_crit S_min
    // (App. B.2, Table 3, eq. 1.4). The waste grows with D at fixed N: bisect the closed form.
    const n = 1e9;
    const wastedAt = (d: number): number => {
      const loss = lossND(n, d);
      const nF = 6.5e13 * (loss / (1 + 0.077 / 0.76)) ** (-1 / 0.077);
      const sMin = 2.1e3 * ((loss * 0.077) / (0.077 + 0.76)) ** (-1 / 0.76);
      return 1 - (12 * nF * (BCRIT.Bstar / loss ** (1 / BCRIT.alphaB)) * sMin) / (6 * n * d);
    };
    let lo = Math.log(1e9);
    let hi = Math.log(1e13);
    expect(wastedAt(Math.exp(lo)) < limit && wastedAt(Math.exp(hi)) > limit).toBe(true);
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      if (wastedAt(Math.exp(mid)) < limit) lo = mid;
      else hi = mid;
    }
    const d = Math.exp((lo + hi) / 2);
    expect(statusOf(KAPLAN, { nParams: n, nTokens: d * (1 - 1e-4) }, "compute-efficiency")).toBe(under);
    expect(statusOf(KAPLAN, { nParams: n, nTokens: d * (1 + 1e-4) }, "compute-efficiency")).toBe(over);
  });
});

describe("batch-size at [B_crit/4, 4 B_crit]", () => {
  const nParams = 1e9;
  const nTokens = 2e10;
  const critical = BCRIT.Bstar / lossND(nParams, nTokens) ** (1 / BCRIT.alphaB);
  const at = (batchTokens: number) => statusOf(ND_BCRIT, { nParams, nTokens, batchTokens }, "batch-size");
  it("warns just above 4 B_crit, passes just below", () => {
    expect(at(4 * critical * (1 - EPS))).toBe("pass");
    expect(at(4 * critical * (1 + EPS))).toBe("warn");
  });
  it("warns just below B_crit/4, passes just above", () => {
    expect(at((critical / 4) * (1 + EPS))).toBe("pass");
    expect(at((critical / 4) * (1 - EPS))).toBe("warn");
  });
  it("a law without L(N,S) or Chinchilla's form skips the compute checks and says why", () => {
    expect(statusOf(ND_BCRIT, { nParams, nTokens }, "compute-efficiency")).toBe("skip");
    expect(statusOf(ND_BCRIT, { nParams, nTokens }, "model-size")).toBe("skip");
  });
});

describe("target-loss at the predicted loss", () => {
  const loss = lossND(1e9, 2e10);
  const at = (targetLossNats: number) => statusOf(ND_BCRIT, { nParams: 1e9, nTokens: 2e10, targetLossNats }, "target-loss");
  it("passes when the target is just above the prediction, fails just below", () => {
    expect(at(loss * (1 + EPS))).toBe("pass");
    expect(at(loss * (1 - EPS))).toBe("fail");
  });
});

describe("model-size ratio to N_opt(C) (Chinchilla eq. 4)", () => {
  const flops = 1e22;
  const at = (ratio: number) => {
    const nParams = ratio * nOpt(flops);
    return statusOf(CHINCHILLA, { nParams, nTokens: flops / (6 * nParams) }, "model-size");
  };
  it.each([
    [3 * (1 - EPS), "pass"],
    [3 * (1 + EPS), "warn"],
    [10 * (1 - EPS), "warn"],
    [10 * (1 + EPS), "fail"],
    [(1 / 3) * (1 + EPS), "pass"],
    [(1 / 3) * (1 - EPS), "warn"],
    [(1 / 10) * (1 + EPS), "warn"],
    [(1 / 10) * (1 - EPS), "fail"],
  ])("N = %s N_opt: %s", (ratio, status) => {
    expect(at(ratio)).toBe(status);
  });
});

describe("consistency: tokens = B S and flops = 6 N D within 5%", () => {
  const base = { nParams: 1e9, batchTokens: 1e6, steps: 1e4 };
  it.each([
    [1.05 * (1 - EPS), "pass"],
    [1.05 * (1 + EPS), "fail"],
    [0.95 * (1 + EPS), "pass"],
    [0.95 * (1 - EPS), "fail"],
  ])("tokens = %s x B S: %s", (factor, status) => {
    expect(statusOf(KAPLAN, { ...base, nTokens: factor * 1e10 }, "consistency")).toBe(status);
  });
  it.each([
    [1.05 * (1 - EPS), "pass"],
    [1.05 * (1 + EPS), "fail"],
  ])("flops = %s x 6 N D: %s", (factor, status) => {
    expect(statusOf(KAPLAN, { ...base, flops: factor * 6 * 1e9 * 1e10 }, "consistency")).toBe(status);
  });
  it("names both mismatches when both fail", () => {
    const result = checkProposal(KAPLAN, { name: "t", ...base, nTokens: 1.5e10, flops: 1e20 });
    const check = result.checks.find((c) => c.id === "consistency")!;
    expect(check.message).toBe(
      "tokens 1.50e10 vs batchTokens x steps = 1.00e10 (off by 50%); flops 1.00e20 vs 6 N D = 9.00e19 (off by 11.1%): more than 5% apart",
    );
    expectRel(check.value!, 0.5, 1e-12);
    expect(result.ok).toBe(false);
  });
  it("skips with nothing stated twice", () => {
    expect(statusOf(KAPLAN, { nParams: 1e9, nTokens: 1e10 }, "consistency")).toBe("skip");
  });
  it("tokens that disagree with B S are the consistency check's to fail, not an error; the loss as predict gives it", () => {
    // Kaplan has L(N,S_min): the loss follows the steps. L(N,D) alone: the tokens.
    const steps = checkProposal(KAPLAN, { name: "t", ...base, nTokens: 1.5e10 });
    expect(steps.checks[0]!.status).toBe("fail");
    expect(steps.predictedLossNats).toBe(checkProposal(KAPLAN, { name: "t", ...base }).predictedLossNats);
    expectRel(checkProposal(ND_BCRIT, { name: "t", ...base, nTokens: 1.5e10 }).predictedLossNats!, lossND(1e9, 1.5e10), 1e-12);
  });
});

describe("a proposal on which no check runs is an error, never a pass", () => {
  const errorOf = scalingErrorOf;
  it.each([
    [{ nParams: 7e9 }],
    [{ nParams: 7e9, steps: 1e4 }],
    [{ nParams: 7e9, batchTokens: 4e6, targetLossNats: 2 }],
  ])("%j at its source", (fields) => {
    const proposal = { name: "p", ...fields, source: { file: "p.yaml", line: 2 } };
    expect(errorOf(() => checkProposal(KAPLAN, proposal))).toBe(
      "p.yaml:2: p: nothing to check, every check was skipped: give tokens, batchTokens with steps, flops or datasetTokens",
    );
  });
  it("with data the law cannot use, the skips say why", () => {
    expect(errorOf(() => checkProposal(CHINCHILLA, { name: "p", nParams: 7e9, datasetTokens: 1e12 }))).toMatch(
      /^p: nothing to check, every check was skipped: nothing stated twice to cross-check .*; law "chinchilla" has no L\(N,D\) of Kaplan's form/,
    );
  });
  it("one check running is enough", () => {
    expect(checkProposal(KAPLAN, { name: "p", nParams: 7e9, datasetTokens: 1e12 }).ok).toBe(true);
  });
});

describe("getExitCode", () => {
  const report = (...statuses: CheckStatus[]): CheckReport => ({
    ok: true,
    law: "kaplan",
    proposals: [
      { name: "p", ok: true, predictedLossNats: null, checks: statuses.map((status) => ({ id: "overfitting", status, message: "", value: null, limit: null })) },
    ],
  });
  it.each([
    [["pass", "skip"], false, 0],
    [["pass", "warn"], false, 0],
    [["pass", "warn"], true, 1],
    [["fail", "pass"], false, 1],
    [["fail"], true, 1],
  ] as Array<[CheckStatus[], boolean, number]>)("%j strict=%s -> %i", (statuses, strict, code) => {
    expect(getExitCode(report(...statuses), strict)).toBe(code);
  });
});

describe("thresholds are validated", () => {
  it.each([
    [{ wasteWarn: 0.4, wasteFail: 0.3 }, "wasteWarn (0.4) must not exceed wasteFail (0.3)"],
    [{ sizeRatioWarn: 0.5 }, "sizeRatioWarn must be at least 1; got 0.5"],
    [{ batchRange: 0 }, "batchRange must be a positive number; got 0"],
    [{ wasteFail: 1.5 }, "wasteWarn and wasteFail are fractions of the compute: below 1"],
  ])("%j", (layer, message) => {
    expect(() => resolveThresholds(layer)).toThrow(message);
  });
});

describe("a file's bad threshold is placed at its line and column", () => {
  const at = { wasteWarn: { line: 5, column: 14 }, wasteFail: { line: 6, column: 14 }, sizeRatioWarn: { line: 7, column: 18 } };
  const errorOf = (fromFile: object, flags: object): string => scalingErrorOf(() => resolveFileThresholds("p.yaml", fromFile, at, flags));
  it.each([
    [{ wasteWarn: 0.5 }, {}, "p.yaml:5:14: wasteWarn (0.5) must not exceed wasteFail (0.3) (wasteFail is the default)"],
    [{ wasteWarn: 0.5 }, { wasteFail: 0.4 }, "p.yaml:5:14: wasteWarn (0.5) must not exceed wasteFail (0.4) (wasteFail from the flags)"],
    [{ wasteFail: 0.05 }, {}, "p.yaml:6:14: wasteWarn (0.1) must not exceed wasteFail (0.05) (wasteWarn is the default)"],
    [{ wasteWarn: 0.5, wasteFail: 0.4 }, {}, "p.yaml:5:14: wasteWarn (0.5) must not exceed wasteFail (0.4) (wasteFail from this file)"],
    [{ wasteFail: 1.5 }, {}, "p.yaml:6:14: wasteWarn and wasteFail are fractions of the compute: below 1"],
    [{ sizeRatioWarn: 0.5 }, {}, "p.yaml:7:18: sizeRatioWarn must be at least 1; got 0.5"],
    // A flag overrides the file's value, or alone is at fault: no position in the file.
    [{ wasteWarn: 0.05 }, { wasteWarn: 0.5 }, "wasteWarn (0.5) must not exceed wasteFail (0.3)"],
    [{ wasteWarn: 0.05 }, { sizeRatioWarn: 20 }, "sizeRatioWarn (20) must not exceed sizeRatioFail (10)"],
  ])("%j under flags %j", (fromFile, flags, message) => {
    expect(errorOf(fromFile, flags)).toBe(message);
  });
  it("good values merge: defaults, then the file, then the flags", () => {
    expect(resolveFileThresholds("p.yaml", { wasteWarn: 0.05, batchRange: 8 }, at, { batchRange: 2 })).toEqual({
      ...DEFAULT_THRESHOLDS,
      wasteWarn: 0.05,
      batchRange: 2,
    });
  });
});
