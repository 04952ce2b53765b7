/**
 * `fit --ascii`: each fitted law as a small log-log chart in the terminal: the points it was
 * fitted to as `o` (or one digit per model size, per band of sizes past ten, for L(N,D) and
 * Chinchilla against D, L(N,S_min) against S_min) and the fitted curve as `.` over the points' range. B_crit(L) is drawn against
 * the loss, L(C_min) against C_min; both, and L(N,S_min), from the points as the fit saw them:
 * S_min and E_min by the B_crit(L) fitted alongside, else Kaplan's, as src/fit does.
 */
import type { Run } from "../io/runs.js";
import { LAW_SPECS } from "../fit/lawSpecs.js";
import { criticalBatchTokens, lossCmin } from "../laws/kaplan.js";
import { KAPLAN } from "../laws/presets.js";
import type { LawBcrit, LawCmin } from "../laws/types.js";
import type { AsciiSeries } from "./asciiChart.js";
import { renderAsciiLogChart } from "./asciiChart.js";
import { isLossLaw, lawLoss, logGrid, sizeBands } from "./fitCurves.js";
import { lawText } from "./lawText.js";
import type { FitResultForFigure } from "./svg/fitFigure.js";

type Point = { x: number; y: number };

/** Digits for model sizes: 1-9 and 0. */
const MAX_DIGITS = 10;

/** The chart of a law of one variable: its points as `o` and its curve as `.`. */
function oneCurve(points: Point[], curve: (x: number) => number, xTitle: string, yTitle: string): string {
  const xs = points.map((p) => p.x);
  const grid = logGrid(Math.min(...xs), Math.max(...xs), 60);
  return renderAsciiLogChart({
    series: [
      { label: "fit", symbol: ".", points: grid.map((x) => ({ x, y: curve(x) })) },
      { label: "data", symbol: "o", points, connect: false },
    ],
    xTitle,
    yTitle,
  });
}

/**
 * @param alongside - every fit of the run, for the B_crit(L) fitted with this law (ns, cmin)
 */
export function renderFitAscii(fit: FitResultForFigure, runs: readonly Run[], minStep = 100, alongside: readonly FitResultForFigure[] = [fit]): string {
  const spec = LAW_SPECS[fit.law];
  if (spec === undefined) return `${fit.law}: no terminal chart for this law\n`;
  const fittedBcrit = alongside.find((f) => f.law === "bcrit");
  const bcrit = fittedBcrit ? (fittedBcrit.params as unknown as LawBcrit) : KAPLAN.laws.bcrit!;
  const data = spec.extract(runs, { minStep, bcrit });
  const title = `${fit.law}: ${lawText(fit.law, fit.params)}\n`;
  const law = fit.law;
  if (law === "bcrit" || law === "cmin") {
    const points = Array.from(data.lnL, (lnY, i) => ({ x: Math.exp(data.lnX[0]![i]!), y: Math.exp(lnY) }));
    const chart =
      law === "bcrit"
        ? oneCurve(points, (x) => criticalBatchTokens(fit.params as unknown as LawBcrit, x), "L, loss (nats/token)", "B_crit = E_min/S_min (tokens)")
        : oneCurve(points, (x) => lossCmin(fit.params as unknown as LawCmin, x), "C_min = 6 N E_min (PF-days)", "L, loss (nats/token)");
    return title + chart;
  }
  if (!isLossLaw(law)) return `${fit.law}: no terminal chart for this law\n`;
  const twoVariable = data.lnX.length > 1;
  const byN = new Map<number, Point[]>();
  for (let i = 0; i < data.lnL.length; i++) {
    const n = twoVariable ? Number(Math.exp(data.lnX[0]![i]!).toPrecision(6)) : NaN;
    const list = byN.get(n) ?? [];
    list.push({ x: Math.exp(data.lnX[twoVariable ? 1 : 0]![i]!), y: Math.exp(data.lnL[i]!) });
    byN.set(n, list);
  }
  const groups = [...byN.entries()].sort((a, b) => a[0] - b[0]);
  const xs = groups.flatMap(([, points]) => points.map((p) => p.x));
  const grid = logGrid(Math.min(...xs), Math.max(...xs), 60);
  const curves: AsciiSeries[] = groups.map(([n]) => ({
    label: "",
    symbol: ".",
    points: grid.map((x) => ({ x, y: lawLoss(law, fit.params, x, n) })),
  }));
  // A digit a model size, 1-9 then 0; past ten sizes, a digit a band of consecutive sizes.
  const { bandOf, bands } = sizeBands(
    groups.map(([n]) => n),
    MAX_DIGITS,
  );
  const points: AsciiSeries[] = twoVariable
    ? bands.map((band, b) => ({
        label: band.label,
        symbol: String((b + 1) % 10),
        points: groups.filter((_, i) => bandOf[i] === b).flatMap(([, pts]) => pts),
        connect: false,
      }))
    : [{ label: "data", symbol: "o", points: groups[0]![1], connect: false }];
  const chart = renderAsciiLogChart({
    series: [...curves.slice(0, 1).map((c) => ({ ...c, label: "fit" })), ...curves.slice(1), ...points],
    xTitle: law === "n" ? "N, parameters" : law === "ns" ? "S_min, steps" : "D, tokens",
    yTitle: "L, loss (nats/token)",
  });
  return title + chart;
}
