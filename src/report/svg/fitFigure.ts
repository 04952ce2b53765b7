/**
 * `fit --plot`: each fitted law as a row of two panels (data with fitted curves, extrapolation
 * and bootstrap band; residuals), the law's equation and fitted constants with their 95%
 * intervals in the subtitle. `renderLawFigure` draws one law alone (`--plot-dir`).
 */
import { isScalingError, ScalingError } from "../../errors.js";
import type { LogData } from "../../fit/logData.js";
import { KAPLAN } from "../../laws/presets.js";
import type { Run } from "../../io/runs.js";
import type { LawBcrit, LawCmin, LawId } from "../../laws/types.js";
import { LAW_SPECS } from "../../fit/lawSpecs.js";
import { batchSweeps } from "../../fit/curveData.js";
import { isLossLaw } from "../fitCurves.js";
import { formatConstant, lawText } from "../lawText.js";
import type { BatchSweep } from "./bcritPanels.js";
import { bcritPanels } from "./bcritPanels.js";
import { cminPanels } from "./cminPanels.js";
import { renderFigure } from "./figure.js";
import type { FitForFigure } from "./fitLawPanels.js";
import { fitLawPanels } from "./fitLawPanels.js";
import type { PanelSpec, XY } from "./panel.js";

/** A fit as `fit --json` reports it (DESIGN.md), with the bootstrap refits when there were any. */
export interface FitResultForFigure {
  law: LawId;
  params: Record<string, number>;
  ci95?: Record<string, [number, number]> | null;
  rmse?: number;
  r2?: number;
  points?: number;
  samples?: ReadonlyArray<Record<string, number>>;
  /** B_crit(L) only: the batch sweeps it was fitted to (without them it is not drawn). */
  sweeps?: readonly BatchSweep[];
}

export interface FitFigureOptions {
  /** Learning-curve steps below this are skipped, as the fit skipped them. @default 100 */
  minStep?: number;
  /** B_crit(L) for S_min and E_min (ns, cmin). @default the bcrit fit among the fits, else Kaplan's */
  bcrit?: LawBcrit;
}

function summary(fit: FitResultForFigure): string {
  const parts: string[] = [];
  if (fit.rmse !== undefined) parts.push(`rmse ${formatConstant(fit.rmse)} in ln L`);
  if (fit.r2 !== undefined) parts.push(`R² ${formatConstant(fit.r2)}`);
  if (fit.points !== undefined) parts.push(`${fit.points} points`);
  const refits = fit.samples?.length ?? 0;
  if (isLossLaw(fit.law)) parts.push(refits >= 20 ? `band: 95% of ${refits} bootstrap refits` : "no bootstrap band");
  const intervals = Object.entries(fit.ci95 ?? {}).map(([name, [lo, hi]]) => `${name} [${formatConstant(lo)}, ${formatConstant(hi)}]`);
  return [parts.join(", "), ...(intervals.length > 0 ? [`95% CI: ${intervals.join(", ")}`] : [])].join("; ");
}

/**
 * The points src/fit fitted this law to, or null where it has no such law (or the runs do not
 * support it). `bcrit` converts steps and tokens to S_min and E_min for ns and cmin, as the fit did.
 */
function fittedPoints(law: LawId, runs: readonly Run[], options: FitFigureOptions, bcrit: LawBcrit): LogData | null {
  const spec = LAW_SPECS[law];
  if (spec === undefined) return null;
  const extractOptions = { minStep: options.minStep ?? 100, bcrit };
  try {
    return spec.extract(runs, extractOptions);
  } catch (error) {
    if (isScalingError(error)) return null;
    throw error;
  }
}

function lawPanels(fit: FitResultForFigure, runs: readonly Run[], options: FitFigureOptions, bcrit: LawBcrit): (PanelSpec | null)[] {
  const data = fittedPoints(fit.law, runs, options, bcrit);
  const points = (d: LogData): XY[] => Array.from(d.lnL, (lnY, i) => ({ x: Math.exp(d.lnX[0]![i]!), y: Math.exp(lnY) }));
  if (fit.law === "cmin") return cminPanels(fit.params as unknown as LawCmin, runs, bcrit, data === null ? null : points(data), options.minStep ?? 100);
  if (fit.law === "bcrit") {
    const sweeps = fit.sweeps ?? batchSweeps(runs, options.minStep ?? 100).sweeps;
    if (data === null && sweeps.length === 0) return [];
    return bcritPanels(fit.params as unknown as LawBcrit, data === null ? null : points(data), sweeps);
  }
  if (!isLossLaw(fit.law) || data === null) return [];
  const drawable: FitForFigure = { law: fit.law, params: fit.params, ...(fit.samples ? { samples: fit.samples } : {}) };
  return fitLawPanels(drawable, data);
}

/** The B_crit(L) that S_min and E_min come from: given, else the one fitted alongside, else Kaplan's (as src/fit does). */
function bcritOf(fits: readonly FitResultForFigure[], options: FitFigureOptions): LawBcrit {
  const fitted = fits.find((f) => f.law === "bcrit");
  return options.bcrit ?? (fitted ? (fitted.params as unknown as LawBcrit) : KAPLAN.laws.bcrit!);
}

/** Whether this fit has a figure with these runs. */
export function isDrawable(fit: FitResultForFigure, runs: readonly Run[], options: FitFigureOptions = {}, alongside: readonly FitResultForFigure[] = [fit]): boolean {
  return lawPanels(fit, runs, options, bcritOf(alongside, options)).length > 0;
}

/** Every drawable law of a fit, one row each. Laws without a figure yet are named in the subtitle. */
export function renderFitFigure(fits: readonly FitResultForFigure[], runs: readonly Run[], options: FitFigureOptions = {}): string {
  const panels: (PanelSpec | null)[] = [];
  const subtitle: string[] = [];
  const undrawn: string[] = [];
  for (const fit of fits) {
    const rows = lawPanels(fit, runs, options, bcritOf(fits, options));
    if (rows.length === 0) {
      undrawn.push(fit.law);
      continue;
    }
    panels.push(...rows);
    subtitle.push(`${fit.law}: ${lawText(fit.law, fit.params)}`, `    ${summary(fit)}`);
  }
  if (undrawn.length > 0) subtitle.push(`not drawn (no figure for these laws yet): ${undrawn.join(", ")}`);
  if (panels.length === 0) throw new ScalingError("data", `no figure can be drawn for the laws fitted (${fits.map((f) => f.law).join(", ")})`);
  return renderFigure({
    title: `Fitted scaling laws: ${fits.filter((f) => !undrawn.includes(f.law)).map((f) => f.law).join(", ")}`,
    subtitle,
    panels,
    columns: 2,
    panelWidth: 460,
    panelHeight: 320,
  });
}

/** One law alone, for `--plot-dir` (a file per law); `alongside`: all the fits, for a B_crit(L) fitted with it. */
export function renderLawFigure(
  fit: FitResultForFigure,
  runs: readonly Run[],
  options: FitFigureOptions = {},
  alongside: readonly FitResultForFigure[] = [fit],
): string {
  return renderFitFigure([fit], runs, { ...options, bcrit: bcritOf(alongside, options) });
}
