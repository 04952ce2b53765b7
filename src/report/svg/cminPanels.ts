/**
 * L(C_min) (Kaplan et al. 2020, eq. 1.3 and Fig. 1): every run's learning curve against
 * C_min = 6 N E_min (PF-days), E_min = E/(1 + B/B_crit(L)) (6 N E for runs without a batch
 * size), as a thin line, one colour per model size (per band of sizes past six); the envelope
 * (the points no run beats with less compute: the points src/fit fitted, when given) as
 * markers; and the fitted power law (Cc/C_min)^alphaC through it, dashed a decade beyond.
 * Residuals of the envelope points.
 */
import type { Run } from "../../io/runs.js";
import { flopsToPfDays } from "../../io/units.js";
import { criticalBatchTokens, lossCmin } from "../../laws/kaplan.js";
import type { LawBcrit, LawCmin } from "../../laws/types.js";
import { logGrid, sizeBands } from "../fitCurves.js";
import { MAX_STYLED_SIZES } from "./fitLawPanels.js";
import type { PanelSpec, Series, XY } from "./panel.js";

/** Each run's (C_min in PF-days, loss) points; runs without N or tokens are left out. */
export function computeCurves(runs: readonly Run[], bcrit: LawBcrit, minStep = 0): { nParams: number; points: XY[] }[] {
  return runs.flatMap((run) => {
    if (run.nParams === null || run.tokens === null) return [];
    const points: XY[] = [];
    for (let i = 0; i < run.loss.length; i++) {
      const loss = run.loss[i]!;
      if (run.steps !== null && run.loss.length > 1 && run.steps[i]! < minStep) continue;
      const minTokens = run.batchTokens === null ? run.tokens[i]! : run.tokens[i]! / (1 + run.batchTokens / criticalBatchTokens(bcrit, loss));
      const x = flopsToPfDays(6 * run.nParams * minTokens);
      if (x > 0 && loss > 0) points.push({ x, y: loss });
    }
    return points.length > 0 ? [{ nParams: run.nParams, points }] : [];
  });
}

/** The compute-efficient envelope: points with a lower loss than every point of less compute. */
export function envelope(curves: readonly { points: readonly XY[] }[]): XY[] {
  const all = curves.flatMap((c) => c.points).sort((a, b) => a.x - b.x || a.y - b.y);
  const kept: XY[] = [];
  for (const p of all) if (kept.length === 0 || p.y < kept[kept.length - 1]!.y) kept.push(p);
  return kept;
}

export function cminPanels(law: LawCmin, runs: readonly Run[], bcrit: LawBcrit, fitted: readonly XY[] | null, minStep = 0): [PanelSpec, PanelSpec] {
  const curves = computeCurves(runs, bcrit, minStep);
  const front = fitted ?? envelope(curves);
  if (front.length === 0) throw new Error("L(C_min) figure needs runs with N and tokens");
  const sizes = [...new Set(curves.map((c) => c.nParams))].sort((a, b) => a - b);
  // A style and a legend entry per model size (per band of consecutive sizes past
  // MAX_STYLED_SIZES): the first run of a band's first size carries the label.
  const { bandOf, bands } = sizeBands(sizes, MAX_STYLED_SIZES);
  const runLines: Series[] = curves.map((c, i) => {
    const size = sizes.indexOf(c.nParams);
    const band = bandOf[size]!;
    const first = bands[band]!.first === size && curves.findIndex((other) => other.nParams === c.nParams) === i;
    return { label: first ? bands[band]!.label : "", style: band, line: c.points, weight: 1.2 };
  });
  const lo = front[0]!.x;
  const hi = front[front.length - 1]!.x;
  const fit = (grid: number[]): XY[] => grid.map((x) => ({ x, y: lossCmin(law, x) }));
  const frontier: Series = {
    label: "envelope and fit L(C_min)",
    style: bands.length,
    points: front,
    line: fit(logGrid(lo, hi)),
    extrapolation: fit(logGrid(hi, hi * 10, 12)),
  };
  return [
    {
      title: "L(C_min): learning curves, envelope, fit",
      xTitle: "C_min = 6 N E_min (PF-days)",
      yTitle: "L, loss (nats/token)",
      series: [...runLines, frontier],
      legend: "top-right",
    },
    {
      title: "L(C_min): residuals of the envelope",
      xTitle: "C_min = 6 N E_min (PF-days)",
      yTitle: "ln(L_fit / L)",
      yKind: "linear",
      hline: 0,
      series: [{ label: "", style: bands.length, points: front.map((p) => ({ x: p.x, y: Math.log(lossCmin(law, p.x) / p.y) })) }],
      legend: "none",
    },
  ];
}
