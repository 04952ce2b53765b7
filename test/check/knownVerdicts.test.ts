/**
 * The verdicts issue 5 names, on real runs: GPT-3 175B (Brown et al. 2020: 1.75e11 params,
 * 3e11 tokens) overfits under Kaplan's law; Chinchilla (Hoffmann et al. 2022: 7e10, 1.4e12)
 * does not; 1e9 params on 1e13 tokens wastes compute under Kaplan's law.
 */
import { describe, expect, it } from "vitest";
import { checkProposal } from "../../src/check/checkProposal.js";
import type { CheckId, ProposalResult } from "../../src/check/types.js";
import { CHINCHILLA, KAPLAN } from "../../src/laws/presets.js";
import { expectRel } from "../helpers/close.js";

const find = (result: ProposalResult, id: CheckId) => result.checks.find((check) => check.id === id)!;

/** D_min(N; 0.02) from eq. 4.4 with Table 2's constants (shared/laws.md), written out here. */
const dMin = (nParams: number): number => (1.8e13 * (nParams / 6.4e13) ** (0.076 / 0.103)) / (1.02 ** (1 / 0.103) - 1);

describe("known verdicts under the Kaplan law", () => {
  it("GPT-3 175B fails overfitting: 3e11 tokens < D_min(1.75e11) ≈ 1.09e12", () => {
    const result = checkProposal(KAPLAN, { name: "gpt3", nParams: 1.75e11, nTokens: 3e11 });
    const check = find(result, "overfitting");
    expect(check.status).toBe("fail");
    expect(check.value).toBe(3e11);
    expectRel(check.limit!, dMin(1.75e11), 1e-12);
    expectRel(check.limit!, 1.09e12, 0.01); // ≈ 5.5e3 N^0.74, the paper's rule of thumb
    expect(result.ok).toBe(false);
  });

  it("Chinchilla 70B passes overfitting: 1.4e12 tokens > D_min(7e10) ≈ 5.55e11", () => {
    const result = checkProposal(KAPLAN, { name: "chinchilla", nParams: 7e10, nTokens: 1.4e12 });
    const check = find(result, "overfitting");
    expect(check.status).toBe("pass");
    expectRel(check.limit!, dMin(7e10), 1e-12);
  });

  it("1e9 params on 1e13 tokens is compute-inefficient: ~95% of 6e22 FLOPs wasted", () => {
    const result = checkProposal(KAPLAN, { name: "small", nParams: 1e9, nTokens: 1e13 });
    const check = find(result, "compute-efficiency");
    expect(check.status).toBe("fail");
    // Closed forms: L = L(N,D) (eq. 1.5, Table 2); the frontier at L (App. B.2, Table 3 and
    // eq. 1.4 constants) costs C = 2 C_min = 2 x 6 N_f B_crit S_min.
    const loss = ((6.4e13 / 1e9) ** (0.076 / 0.103) + 1.8e13 / 1e13) ** 0.103;
    const nFrontier = 6.5e13 * (loss / (1 + 0.077 / 0.76)) ** (-1 / 0.077);
    const minSteps = 2.1e3 * ((loss * 0.077) / (0.077 + 0.76)) ** (-1 / 0.76);
    const critical = 2.1e8 / loss ** (1 / 0.21);
    const wasted = 1 - (2 * 6 * nFrontier * critical * minSteps) / (6 * 1e9 * 1e13);
    expectRel(check.value!, wasted, 1e-9);
    expectRel(check.value!, 0.95, 0.01);
    expect(find(result, "model-size").status).toBe("fail");
  });

  it("under the chinchilla preset, overfitting and batch-size are skipped and say why", () => {
    const result = checkProposal(CHINCHILLA, { name: "gpt3", nParams: 1.75e11, nTokens: 3e11, batchTokens: 3.2e6 });
    expect(find(result, "overfitting")).toMatchObject({ status: "skip", value: null, limit: null });
    expect(find(result, "overfitting").message).toBe(
      `law "chinchilla" has no L(N,D) of Kaplan's form (eq. 1.5), so no D_min(N); use --law kaplan or a fit with --law nd`,
    );
    expect(find(result, "batch-size").message).toBe(
      `law "chinchilla" has no batch law B_crit(L) (Kaplan eq. 1.4); use --law kaplan or a fit with --law bcrit`,
    );
    expect(find(result, "compute-efficiency").status).toBe("fail"); // Chinchilla's law: GPT-3 is 5.7x too large
  });
});
