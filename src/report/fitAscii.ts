/**
 * `fit --ascii`: each fitted loss law as a small log-log chart in the terminal: the data as
 * `o` (or one digit per model size for L(N,D) and Chinchilla against D, L(N,S_min) against
 * S_min) and the fitted curve as `.` over the data's range. B_crit(L) and L(C_min) have none.
 */
import type { Run } from "../io/runs.js";
import { LAW_SPECS } from "../fit/lawSpecs.js";
import type { AsciiSeries } from "./asciiChart.js";
import { renderAsciiLogChart } from "./asciiChart.js";
import { isLossLaw, lawLoss, logGrid } from "./fitCurves.js";
import { formatConstant, lawText } from "./lawText.js";
import type { FitResultForFigure } from "./svg/fitFigure.js";

export function renderFitAscii(fit: FitResultForFigure, runs: readonly Run[], minStep = 100): string {
  const spec = LAW_SPECS[fit.law];
  if (!isLossLaw(fit.law) || spec === undefined) return `${fit.law}: no terminal chart for this law\n`;
  const law = fit.law;
  const data = spec.extract(runs, { minStep });
  const twoVariable = data.lnX.length > 1;
  const byN = new Map<number, { x: number; y: number }[]>();
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
  const points: AsciiSeries[] = groups.map(([n, pts], i) => ({
    label: twoVariable ? `N = ${formatConstant(n)}` : "data",
    symbol: twoVariable ? String((i + 1) % 10) : "o",
    points: pts,
    connect: false,
  }));
  const chart = renderAsciiLogChart({
    series: [...curves.slice(0, 1).map((c) => ({ ...c, label: "fit" })), ...curves.slice(1), ...points],
    xTitle: law === "n" ? "N, parameters" : law === "ns" ? "S_min, steps" : "D, tokens",
    yTitle: "L, loss (nats/token)",
  });
  return `${fit.law}: ${lawText(fit.law, fit.params)}\n${chart}`;
}
