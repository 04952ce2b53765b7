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

/** Style number `index` (wraps around after seven). */
export function seriesStyle(index: number): SeriesStyle {
  const i = ((index % COLORS.length) + COLORS.length) % COLORS.length;
  return { color: COLORS[i]!, marker: MARKERS[i]!, dash: DASHES[i]! };
}

/** Dashes of an extrapolation: visibly different from every DASHES entry used by a fitted line. */
export const EXTRAPOLATION_DASH = "6 4";

/** Ink for axes and text, grid and the budget rule. */
export const INK = "#222222";
export const GRID = "#e4e4e4";
export const RULE = "#555555";
