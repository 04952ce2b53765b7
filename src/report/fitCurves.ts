/**
 * Curves of a fitted law for its figure: the loss the law predicts from its constants (the
 * equations of src/laws), on a log grid, and the 95% band of the bootstrap refits at each x.
 */
import { quantileSorted } from "../fit/bootstrap.js";
import { chinchillaLoss } from "../laws/chinchilla.js";
import { lossD, lossN, lossND, lossNS } from "../laws/kaplan.js";
import type { LawChinchilla, LawD, LawId, LawN, LawND, LawNS } from "../laws/types.js";
import { formatConstant } from "./lawText.js";

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

/** A band of consecutive model sizes that share a style: sizes[first..last] and its legend label. */
export interface SizeBand {
  first: number;
  last: number;
  label: string;
}

/**
 * Model sizes (ascending) in at most `max` bands of consecutive sizes and equal count (size i
 * in band floor(i · bands / sizes)): one a size, labelled "N = 1e8", when there are at most
 * `max`; else labelled "N = 1e8–3e8 (4 sizes)". For figures and charts that would otherwise
 * need more styles, digits or legend rows than they have.
 */
export function sizeBands(sizes: readonly number[], max: number): { bandOf: number[]; bands: SizeBand[] } {
  const count = Math.min(sizes.length, max);
  const bandOf = sizes.map((_, i) => Math.floor((i * count) / sizes.length));
  const bands: SizeBand[] = [];
  bandOf.forEach((band, i) => {
    if (bands[band] === undefined) bands[band] = { first: i, last: i, label: "" };
    else bands[band]!.last = i;
  });
  for (const band of bands) {
    const size = band.last - band.first + 1;
    const lo = formatConstant(sizes[band.first]!);
    band.label = size === 1 ? `N = ${lo}` : `N = ${lo}–${formatConstant(sizes[band.last]!)} (${size} sizes)`;
  }
  return { bandOf, bands };
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
