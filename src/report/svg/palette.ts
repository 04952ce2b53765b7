/**
 * Series styles that survive colour-blindness and greyscale printing: the Okabe–Ito palette
 * (Okabe & Ito 2008, "Color Universal Design"), ordered so neighbours differ in lightness,
 * each paired with its own marker shape and dash pattern so a series is told apart without
 * colour. Yellow is left out: it vanishes on white.
 */

export type MarkerShape = "circle" | "square" | "triangle" | "diamond" | "down" | "cross" | "plus";

export interface SeriesStyle {
  color: string;
  marker: MarkerShape;
  /** stroke-dasharray for the series' main line; "" is solid. */
  dash: string;
}

const COLORS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#000000"] as const;
const MARKERS: readonly MarkerShape[] = ["circle", "square", "triangle", "diamond", "down", "cross", "plus"];
const DASHES = ["", "9 3", "2 3", "9 3 2 3", "5 5", "1 2", "12 3 3 3"] as const;

/**
 * Style number `index`. The first seven pair colour k with marker and dash k; each further round
 * of seven shifts the marker and the dash one more step against the colour, so the first 49
 * styles are 49 different (colour, marker) pairs (a sweep of many model sizes), and only then
 * repeat.
 */
export function seriesStyle(index: number): SeriesStyle {
  const n = COLORS.length;
  const wrap = (k: number) => ((k % n) + n) % n;
  const i = wrap(index);
  const shift = wrap(Math.floor(index / n));
  return { color: COLORS[i]!, marker: MARKERS[wrap(i + shift)]!, dash: DASHES[wrap(i + shift)]! };
}

/** Dashes of an extrapolation: visibly different from every DASHES entry used by a fitted line. */
export const EXTRAPOLATION_DASH = "6 4";

/** Ink for axes and text, grid and the budget rule. */
export const INK = "#222222";
export const GRID = "#e4e4e4";
export const RULE = "#555555";
