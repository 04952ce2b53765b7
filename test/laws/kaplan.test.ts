import { describe, expect, it } from "vitest";
import {
  criticalBatchTokens,
  earlyStopSteps,
  lossAtCriticalBatch,
  lossCmin,
  lossD,
  lossN,
  lossND,
  lossNS,
  maxParamsForDataset,
  minDatasetTokens,
  minSteps,
  minStepsForLoss,
  minTokensProcessed,
  overfitPenalty,
} from "../../src/laws/kaplan.js";
import { KAPLAN } from "../../src/laws/presets.js";
import { expectRel } from "../helpers/close.js";

const laws = KAPLAN.laws;

describe("Kaplan et al. 2020 laws", () => {
  it("D_min with Table 2's constants is within 15% of the paper's 5e3 N^0.74 (eq. 4.4)", () => {
    for (let exponent = 6; exponent <= 12; exponent += 0.5) {
      const nParams = 10 ** exponent;
      expectRel(minDatasetTokens(laws.nd!, nParams, 0.02), 5e3 * nParams ** 0.74, 0.15, `N = 1e${exponent}`);
    }
  });

  it("8x the model needs ~5x the data (sec. 4)", () => {
    const ratio = minDatasetTokens(laws.nd!, 8e9, 0.02) / minDatasetTokens(laws.nd!, 1e9, 0.02);
    // closed form: 8^(alphaN/alphaD) = 8^(0.076/0.103)
    expectRel(ratio, 8 ** (0.076 / 0.103), 1e-12);
    expect(ratio).toBeGreaterThan(4.5);
    expect(ratio).toBeLessThan(5.5);
  });

  it("at D = D_min(N; delta) the overfitting penalty is exactly delta", () => {
    for (const delta of [0.01, 0.02, 0.1]) {
      for (const nParams of [1e7, 1e9, 1e11]) {
        const dMin = minDatasetTokens(laws.nd!, nParams, delta);
        expectRel(overfitPenalty(laws.nd!, nParams, dMin), delta, 1e-9);
        expectRel(maxParamsForDataset(laws.nd!, dMin, delta), nParams, 1e-9);
      }
    }
  });

  it("L(N), L(D), L(C_min) are the power laws of eqs. 1.1-1.3", () => {
    // closed forms evaluated by hand: (8.8e13/1e9)^0.076 = exp(0.076 ln 88000)
    expectRel(lossN(laws.n!, 1e9), Math.exp(0.076 * Math.log(88000)), 1e-12);
    expectRel(lossD(laws.d!, 5.4e11), 100 ** 0.095, 1e-12);
    expectRel(lossCmin(laws.cmin!, 3.1e6), 100 ** 0.05, 1e-12);
  });

  it("loss falls in N, D, S and C", () => {
    let previous = Infinity;
    for (let e = 6; e <= 13; e++) {
      const values = [lossN(laws.n!, 10 ** e), lossND(laws.nd!, 10 ** e, 10 ** (e + 1)), lossNS(laws.ns!, 10 ** e, 1e5)];
      expect(values.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
      expect(values[0]!).toBeLessThan(previous);
      previous = values[0]!;
    }
    expect(lossNS(laws.ns!, 1e9, 2e5)).toBeLessThan(lossNS(laws.ns!, 1e9, 1e5));
    expect(lossND(laws.nd!, 1e9, 2e10)).toBeLessThan(lossND(laws.nd!, 1e9, 1e10));
  });

  it("L(N,D) tends to L(N) and to L(D) in its limits (eq. 1.5)", () => {
    expectRel(lossND(laws.nd!, 1e9, 1e30), (6.4e13 / 1e9) ** 0.076, 1e-9);
    expectRel(lossND(laws.nd!, 1e30, 1e10), (1.8e13 / 1e10) ** 0.103, 1e-9);
  });

  it("B_crit(L) and its inverse (eq. 1.4)", () => {
    // B_crit(L) = 2.1e8 / L^(1/0.21): at L = 1 it is B_star.
    expect(criticalBatchTokens(laws.bcrit!, 1)).toBe(2.1e8);
    expectRel(criticalBatchTokens(laws.bcrit!, 2), 2.1e8 / 2 ** (1 / 0.21), 1e-12);
    expectRel(lossAtCriticalBatch(laws.bcrit!, criticalBatchTokens(laws.bcrit!, 3.1)), 3.1, 1e-12);
  });

  it("eq. 5.4: at B = B_crit, S = 2 S_min and E = 2 E_min; (S/S_min - 1)(E/E_min - 1) = 1", () => {
    expect(minSteps(1000, 4e6, 4e6)).toBe(500);
    expect(minTokensProcessed(4e9, 4e6, 4e6)).toBe(2e9);
    for (const batch of [1e5, 1e6, 3e7]) {
      const steps = 1e4;
      const sMin = minSteps(steps, batch, 2e6);
      const eMin = minTokensProcessed(steps * batch, batch, 2e6);
      expectRel((steps / sMin - 1) * ((steps * batch) / eMin - 1), 1, 1e-12);
      expectRel(eMin / sMin, 2e6, 1e-12);
    }
  });

  it("S_min for a loss inverts L(N,S_min)", () => {
    const loss = lossNS(laws.ns!, 1e9, 3e4);
    expectRel(minStepsForLoss(laws.ns!, 1e9, loss), 3e4, 1e-9);
    expect(minStepsForLoss(laws.ns!, 1e9, 1)).toBe(Infinity);
  });

  it("early stopping: S_stop = S_c / [L(N,D) - L(N,inf)]^(1/alphaS), later for more data", () => {
    const gap = lossND(laws.nd!, 1e9, 1e10) - (6.4e13 / 1e9) ** 0.076;
    expectRel(earlyStopSteps(laws.ns!, laws.nd!, 1e9, 1e10), 2.1e3 / gap ** (1 / 0.76), 1e-12);
    expect(earlyStopSteps(laws.ns!, laws.nd!, 1e9, 1e11)).toBeGreaterThan(earlyStopSteps(laws.ns!, laws.nd!, 1e9, 1e10));
  });
});
