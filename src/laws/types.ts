/**
 * The laws as plain data: constants named by the paper's symbols (shared/laws.md), so a
 * preset, a fit file and a test read the same. Every object here round-trips through JSON.
 */

/** L(N) = (Nc/N)^alphaN. Kaplan et al. 2020, eq. 1.1. */
export interface LawN {
  alphaN: number;
  Nc: number;
}

/** L(D) = (Dc/D)^alphaD. Kaplan et al. 2020, eq. 1.2. Dc in tokens. */
export interface LawD {
  alphaD: number;
  Dc: number;
}

/** L(C_min) = (Cc/C_min)^alphaC. Kaplan et al. 2020, eq. 1.3. Cc in PF-days. */
export interface LawCmin {
  alphaC: number;
  Cc: number;
}

/** B_crit(L) = Bstar / L^(1/alphaB). Kaplan et al. 2020, eq. 1.4. Bstar in tokens. */
export interface LawBcrit {
  Bstar: number;
  alphaB: number;
}

/** L(N,D) = [(Nc/N)^(alphaN/alphaD) + Dc/D]^alphaD. Kaplan et al. 2020, eq. 1.5, Table 2. */
export interface LawND {
  alphaN: number;
  alphaD: number;
  Nc: number;
  Dc: number;
}

/** L(N,S_min) = (Nc/N)^alphaN + (Sc/S_min)^alphaS. Kaplan et al. 2020, eq. 1.6, Table 3. */
export interface LawNS {
  alphaN: number;
  alphaS: number;
  Nc: number;
  Sc: number;
}

/** L(N,D) = E + A/N^alpha + B/D^beta. Hoffmann et al. 2022, Approach 3. */
export interface LawChinchilla {
  E: number;
  A: number;
  B: number;
  alpha: number;
  beta: number;
}

export type LawId = "n" | "d" | "nd" | "ns" | "bcrit" | "cmin" | "chinchilla";
export const LAW_IDS: readonly LawId[] = ["n", "d", "nd", "ns", "bcrit", "cmin", "chinchilla"];

export interface LawParamsById {
  n: LawN;
  d: LawD;
  nd: LawND;
  ns: LawNS;
  bcrit: LawBcrit;
  cmin: LawCmin;
  chinchilla: LawChinchilla;
}

/** A 95% interval for each constant of a law, where a fit's bootstrap gave one. */
export type Intervals<T> = { [K in keyof T]?: [number, number] };

/**
 * A set of laws the planner can use: a preset, or the laws of a fit file. A Kaplan-family
 * set plans with `ns` and `bcrit` (and `nd` for data needs); a Chinchilla-family set with
 * `chinchilla`. Absent laws are absent, never defaulted silently.
 */
export interface LawSet {
  /** `kaplan`, `chinchilla`, `epoch`, or the fit file's path. */
  name: string;
  /** Who published these constants, or which data they were fitted to. */
  source: string;
  laws: Partial<LawParamsById>;
  /** Bootstrap intervals of fitted constants, by law id. */
  intervals?: { [K in LawId]?: Intervals<LawParamsById[K]> };
}

export type LawFamily = "kaplan" | "chinchilla";

/** Which planner a law set supports: Kaplan's frontier needs L(N,S) and B_crit(L). */
export function lawFamily(set: LawSet): LawFamily | undefined {
  if (set.laws.ns !== undefined && set.laws.bcrit !== undefined) return "kaplan";
  if (set.laws.chinchilla !== undefined) return "chinchilla";
  return undefined;
}
