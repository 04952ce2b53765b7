/**
 * The published constants `scaling` ships, each with its source (shared/laws.md).
 */
import type { LawSet } from "./types.js";

/**
 * Kaplan et al. 2020 (arXiv 2001.08361). Each law keeps its own fitted constants (the paper
 * is not self-consistent: N_c is 8.8e13, 6.4e13 or 6.5e13 by table). WebText2 nats.
 */
export const KAPLAN: LawSet = {
  name: "kaplan",
  source: "Kaplan et al. 2020, Scaling Laws for Neural Language Models, arXiv 2001.08361 (eqs. 1.1-1.6, Tables 2, 3, 5)",
  laws: {
    n: { alphaN: 0.076, Nc: 8.8e13 }, // eq. 1.1
    d: { alphaD: 0.095, Dc: 5.4e13 }, // eq. 1.2
    cmin: { alphaC: 0.05, Cc: 3.1e8 }, // eq. 1.3, Cc in PF-days
    bcrit: { Bstar: 2.1e8, alphaB: 0.21 }, // eq. 1.4; Table 5 gives 2.1e8 (2e8 rounded in eq. 1.4)
    nd: { alphaN: 0.076, alphaD: 0.103, Nc: 6.4e13, Dc: 1.8e13 }, // eq. 1.5, Table 2
    ns: { alphaN: 0.077, alphaS: 0.76, Nc: 6.5e13, Sc: 2.1e3 }, // eq. 1.6, Table 3
  },
};

/**
 * Hoffmann et al. 2022 (arXiv 2203.15556), Approach 3, unrounded values from the paper's
 * source (the rounded E = 1.69, A = 406.4, B = 410.7, alpha = 0.34, beta = 0.28 miss the
 * paper's own Table A3 by 20-30%).
 */
export const CHINCHILLA: LawSet = {
  name: "chinchilla",
  source: "Hoffmann et al. 2022, Training Compute-Optimal Large Language Models, arXiv 2203.15556 (Approach 3, unrounded)",
  laws: {
    chinchilla: { E: 1.69337368, A: 406.401018, B: 410.722827, alpha: 0.33917084, beta: 0.2849083 },
  },
};

/** Besiroglu et al. 2024 (arXiv 2404.10102): the same form refitted on Chinchilla's Fig. 4 data. */
export const EPOCH: LawSet = {
  name: "epoch",
  source: "Besiroglu et al. 2024, Chinchilla Scaling: A Replication Attempt, arXiv 2404.10102",
  laws: {
    chinchilla: { E: 1.82, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 },
  },
};

export const PRESETS: readonly LawSet[] = [KAPLAN, CHINCHILLA, EPOCH];

export function findPreset(name: string): LawSet | undefined {
  return PRESETS.find((preset) => preset.name === name.toLowerCase());
}
