/**
 * B_crit(L) (Kaplan et al. 2020, eq. 1.4 and sec. 5.1, Fig. 11): for each loss target, the
 * runs of a batch-size sweep as (S/S_min, E/E_min), which all fall on the hyperbola
 * (S/S_min − 1)(E/E_min − 1) = 1; and B_crit = E_min/S_min of each target against L with the
 * fitted Bstar / L^(1/alphaB), dashed beyond the targets. Without the sweeps (src/fit keeps only
 * the (L, B_crit) points), the B_crit panel and its residuals.
 */
import { criticalBatchTokens } from "../../laws/kaplan.js";
import type { LawBcrit } from "../../laws/types.js";
import { logGrid, sizeBands } from "../fitCurves.js";
import { formatConstant } from "../lawText.js";
import { MAX_STYLED_SIZES } from "./fitLawPanels.js";
import type { PanelSpec, Series, XY } from "./panel.js";

import type { BatchSweep } from "../../fit/curveData.js";

export type { BatchSweep };

function sweepPanel(targets: readonly BatchSweep[]): PanelSpec {
  const ratios = targets.flatMap((t) => t.runs.map((r) => r.steps / t.minSteps));
  const hiRatio = Math.max(10, ...ratios) * 1.2;
  const hyperbola: XY[] = logGrid(1.01, hiRatio, 60).map((x) => ({ x, y: 1 + 1 / (x - 1) }));
  // One series per model size (all loss targets of a size share a colour), so the legend stays
  // short; past MAX_STYLED_SIZES, one per band of consecutive sizes, as the loss-law figures do.
  // Targets without a size come last, in a series of their own.
  const known = [...new Set(targets.flatMap((t) => (t.nParams === undefined ? [] : [t.nParams])))].sort((a, b) => a - b);
  const { bandOf, bands } = sizeBands(known, MAX_STYLED_SIZES);
  const groups: { sizeLabel: string; own: BatchSweep[] }[] = bands.map((band) => ({
    sizeLabel: `${band.label}, `,
    own: targets.filter((t) => t.nParams !== undefined && bandOf[known.indexOf(t.nParams)] === bands.indexOf(band)),
  }));
  const unsized = targets.filter((t) => t.nParams === undefined);
  if (unsized.length > 0) groups.push({ sizeLabel: "", own: unsized });
  const sweepSeries: Series[] = groups.map(({ sizeLabel, own }, i) => {
    const losses = own.map((t) => t.lossNats);
    const range = `L ${formatConstant(Math.min(...losses))}..${formatConstant(Math.max(...losses))}`;
    return {
      label: `${sizeLabel}${own.length} ${own.length === 1 ? "target" : "targets"}, ${range}`,
      style: i,
      points: own.flatMap((t) => t.runs.map((r) => ({ x: r.steps / t.minSteps, y: r.tokens / t.minTokens }))),
    };
  });
  return {
    title: "Batch sweeps: steps against tokens to reach each loss",
    xTitle: "S / S_min",
    yTitle: "E / E_min",
    series: [...sweepSeries, { label: "(S/S_min − 1)(E/E_min − 1) = 1", style: Math.max(MAX_STYLED_SIZES, sweepSeries.length), line: hyperbola, weight: 1.5 }],
    yDomain: [1, hiRatio],
    xDomain: [1, hiRatio],
    legend: "top-right",
  };
}

/**
 * @param points - (L, B_crit) of each loss target, as fitted; derived from the sweeps when null
 * @param sweeps - the batch sweeps behind them, when known
 */
export function bcritPanels(law: LawBcrit, points: readonly XY[] | null, sweeps: readonly BatchSweep[]): (PanelSpec | null)[] {
  const targets = [...sweeps].sort((a, b) => b.lossNats - a.lossNats);
  const measured = points ?? targets.map((t) => ({ x: t.lossNats, y: t.minTokens / t.minSteps }));
  if (measured.length === 0) throw new Error("B_crit(L) figure needs loss targets");
  const losses = measured.map((p) => p.x);
  const lo = Math.min(...losses);
  const hi = Math.max(...losses);
  const at = (grid: number[]): XY[] => grid.map((x) => ({ x, y: criticalBatchTokens(law, x) }));
  const bcrit: PanelSpec = {
    title: "B_crit(L), extrapolation dashed",
    xTitle: "L, loss (nats/token)",
    yTitle: "B_crit = E_min / S_min (tokens)",
    series: [{ label: "E_min/S_min and fit", style: 0, points: measured, line: at(logGrid(lo, hi)), extrapolation: at(logGrid(lo * 0.8, lo, 12)) }],
    legend: "top-right",
  };
  const residuals: PanelSpec = {
    title: "B_crit(L): residuals",
    xTitle: "L, loss (nats/token)",
    yTitle: "ln(B_fit / B_crit)",
    yKind: "linear",
    hline: 0,
    series: [{ label: "", style: 0, points: measured.map((p) => ({ x: p.x, y: Math.log(criticalBatchTokens(law, p.x) / p.y) })) }],
    legend: "none",
  };
  // With the sweeps: hyperbolas and B_crit on one row, residuals on the next (its second cell empty).
  return targets.length > 0 ? [sweepPanel(targets), bcrit, residuals, null] : [bcrit, residuals];
}
