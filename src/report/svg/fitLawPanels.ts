/**
 * The two panels of one fitted loss law: the data on log-log axes with the fitted curve(s),
 * the extrapolation a decade beyond the data dashed, the bootstrap 95% band shaded; and the
 * residuals ln(L_fit/L) of every point. L(N,D) and Chinchilla are drawn as a family of curves
 * against D, one colour (and marker) per model size (per band of sizes past MAX_STYLED_SIZES),
 * plus a dashed curve for 10x the largest.
 */
import type { LogData } from "../../fit/logData.js";
import type { LossLawId } from "../fitCurves.js";
import { bootstrapBand, lawLoss, logGrid, sizeBands } from "../fitCurves.js";
import { formatConstant } from "../lawText.js";
import type { PanelSpec, Series, XY } from "./panel.js";

/** What a figure needs of a fit (a subset of src/fit's LawFit, so a fit file can be drawn too). */
export interface FitForFigure {
  law: LossLawId;
  params: Record<string, number>;
  /** Bootstrap refits' constants; the band needs at least 20. */
  samples?: ReadonlyArray<Record<string, number>>;
}

const AXIS: Record<LossLawId, { x: string; symbol: string; title: string }> = {
  n: { x: "N, parameters", symbol: "N", title: "L(N)" },
  d: { x: "D, tokens (largest model)", symbol: "D", title: "L(D)" },
  nd: { x: "D, tokens", symbol: "D", title: "L(N,D)" },
  ns: { x: "S_min, steps", symbol: "S", title: "L(N,S_min)" },
  chinchilla: { x: "D, tokens", symbol: "D", title: "Chinchilla L(N,D)" },
};

/** At most this many markers a panel: long learning curves are thinned evenly for display. */
const MAX_MARKERS = 300;

/**
 * At most this many model sizes get a style and a legend row each; with more (Epoch's 240
 * Chinchilla points have dozens of sizes), consecutive sizes share a style in this many bands of
 * equal count, and the legend has a row a band: "N = lo–hi (k sizes)". Every size keeps its own
 * curve. Six, so that the bands and the extrapolated 10x curve have the palette's seven colours
 * to themselves.
 */
export const MAX_STYLED_SIZES = 6;

interface Group {
  nParams: number;
  points: XY[];
}

/** The points, grouped by model size for the two-variable laws (one group otherwise). */
function groups(data: LogData): Group[] {
  const twoVariable = data.lnX.length > 1;
  const byN = new Map<number, XY[]>();
  for (let i = 0; i < data.lnL.length; i++) {
    const nParams = twoVariable ? Math.exp(data.lnX[0]![i]!) : NaN;
    const key = twoVariable ? Number(nParams.toPrecision(6)) : 0;
    const x = Math.exp(data.lnX[twoVariable ? 1 : 0]![i]!);
    const list = byN.get(key) ?? [];
    list.push({ x, y: Math.exp(data.lnL[i]!) });
    byN.set(key, list);
  }
  return [...byN.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([key, points]) => ({ nParams: twoVariable ? key : NaN, points: points.sort((a, b) => a.x - b.x) }));
}

function thin(points: XY[], keep: number): XY[] {
  if (points.length <= keep) return points;
  const every = Math.ceil(points.length / keep);
  return points.filter((_, i) => i % every === 0);
}

export function fitLawPanels(fit: FitForFigure, data: LogData): [PanelSpec, PanelSpec] {
  const axis = AXIS[fit.law];
  const all = groups(data);
  const xs = all.flatMap((g) => g.points.map((p) => p.x));
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const beyond = hi * 10;
  const perGroup = Math.max(1, Math.floor(MAX_MARKERS / all.length));
  const thinned = all.some((g) => g.points.length > perGroup);
  const series: Series[] = [];
  const residuals: Series[] = [];
  const { bandOf, bands } = sizeBands(
    all.map((g) => g.nParams),
    MAX_STYLED_SIZES,
  );
  all.forEach((group, i) => {
    const loss = (x: number): number => lawLoss(fit.law, fit.params, x, group.nParams);
    const curve = (grid: number[]): XY[] => grid.map((x) => ({ x, y: loss(x) }));
    const shown = thin(group.points, perGroup);
    const band = bootstrapBand(fit.law, fit.samples ?? [], logGrid(lo, beyond), group.nParams);
    const sizes = bands[bandOf[i]!]!;
    const label = Number.isNaN(group.nParams) ? "data and fit" : sizes.first === i ? sizes.label : "";
    series.push({
      label,
      style: bandOf[i]!,
      points: shown,
      line: curve(logGrid(lo, hi)),
      extrapolation: curve(logGrid(hi, beyond, 12)),
      ...(band === null ? {} : { band }),
    });
    residuals.push({ label, style: bandOf[i]!, points: shown.map((p) => ({ x: p.x, y: Math.log(loss(p.x) / p.y) })) });
  });
  const largest = all[all.length - 1]!.nParams;
  if (!Number.isNaN(largest)) {
    const bigger = largest * 10;
    series.push({
      label: `N = ${formatConstant(bigger)} (extrapolated)`,
      style: bands.length,
      extrapolation: logGrid(lo, beyond).map((x) => ({ x, y: lawLoss(fit.law, fit.params, x, bigger) })),
    });
  }
  const every = Math.ceil(Math.max(...all.map((g) => g.points.length)) / perGroup);
  return [
    {
      title: thinned ? `${axis.title}: fit, extrapolation dashed, 1 in ${every} points` : `${axis.title}: data, fit, extrapolation dashed`,
      xTitle: axis.x,
      yTitle: "L, loss (nats/token)",
      series,
      legend: series.length > 1 ? "right" : "top-right",
    },
    {
      title: `${axis.title}: residuals`,
      xTitle: axis.x,
      yTitle: "ln(L_fit / L)",
      yKind: "linear",
      hline: 0,
      series: residuals,
      legend: "none",
    },
  ];
}
