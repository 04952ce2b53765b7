/**
 * Curves of a fitted law for its figure: the loss the law predicts from its constants (the
 * equations of src/laws), on a log grid, and the 95% band of the bootstrap refits at each x.
 */
import { quantileSorted } from "../fit/bootstrap.js";
import { chinchillaLoss } from "../laws/chinchilla.js";
import { lossD, lossN, lossND, lossNS } from "../laws/kaplan.js";
import type { LawChinchilla, LawD, LawId, LawN, LawND, LawNS } from "../laws/types.js";

/** Laws whose curves are L against one regressor (N or D), the other (N) fixed per curve. */
export type LossLawId = Extract<LawId, "n" | "d" | "nd" | "ns" | "chinchilla">;

export const isLossLaw = (law: LawId): law is LossLawId => law === "n" || law === "d" || law === "nd" || law === "ns" || law === "chinchilla";

/**
 * Loss of a law at x (N for `n`; D for `d`, `nd`, `chinchilla`; S for `ns`) and, for the
 * two-variable laws, the model size nParams of the curve.
 */
export function lawLoss(law: LossLawId, params: Record<string, number>, x: number, nParams = NaN): number {
  switch (law) {
    case "n":
      return lossN(params as unknown as LawN, x);
    case "d":
      return lossD(params as unknown as LawD, x);
    case "nd":
      return lossND(params as unknown as LawND, nParams, x);
    case "ns":
      return lossNS(params as unknown as LawNS, nParams, x);
    case "chinchilla":
      return chinchillaLoss(params as unknown as LawChinchilla, nParams, x);
  }
}

/** `count` points from lo to hi, evenly spaced in log x. */
export function logGrid(lo: number, hi: number, count = 40): number[] {
  if (count < 2 || !(hi > lo)) return [lo];
  return Array.from({ length: count }, (_, i) => lo * Math.pow(hi / lo, i / (count - 1)));
}

/** The 2.5%..97.5% range of the refits' predictions at each x (null with under 20 refits). */
export function bootstrapBand(
  law: LossLawId,
  samples: ReadonlyArray<Record<string, number>>,
  xs: readonly number[],
  nParams = NaN,
): { x: number; lo: number; hi: number }[] | null {
  if (samples.length < 20) return null;
  return xs.map((x) => {
    const values = samples
      .map((p) => lawLoss(law, p, x, nParams))
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    return { x, lo: quantileSorted(values, 0.025), hi: quantileSorted(values, 0.975) };
  });
}
