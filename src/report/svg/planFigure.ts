/**
 * `plan --plot`: the compute-efficient frontier of each law against the budget C on log-log
 * axes, one panel per quantity (N, D, and B, S where a law has a batch law), the budget marked
 * by a vertical rule and the plan's values by a marker on each curve.
 */
import type { LawId } from "../../laws/types.js";
import type { Plan } from "../../plan/plan.js";
import { formatConstant, lawText } from "../lawText.js";
import type { PlanCurve } from "../planSamples.js";
import { renderFigure } from "./figure.js";
import type { PanelSpec, Series, XY } from "./panel.js";

interface Quantity {
  title: string;
  yTitle: string;
  symbol: string;
  value: (plan: Plan) => number | null;
  empirical?: (plan: Plan) => number | null;
}

const QUANTITIES: readonly Quantity[] = [
  {
    title: "Model size",
    yTitle: "N (parameters)",
    symbol: "N",
    value: (p) => p.nParams,
    empirical: (p) => p.empirical?.nParams ?? null,
  },
  {
    title: "Training data",
    yTitle: "D (tokens)",
    symbol: "D",
    value: (p) => p.nTokens,
    empirical: (p) => p.empirical?.nTokens ?? null,
  },
  {
    title: "Batch size",
    yTitle: "B (tokens)",
    symbol: "B",
    value: (p) => p.batchTokens,
    empirical: (p) => p.empirical?.batchTokens ?? null,
  },
  {
    title: "Optimizer steps",
    yTitle: "S (steps)",
    symbol: "S",
    value: (p) => p.steps,
    // Table 6 gives S_min; a plan at B = k B_crit takes S = S_min (1 + 1/k) steps.
    empirical: (p) => (p.empirical === null || p.frontier === null || p.steps === null ? null : (p.empirical.minSteps * p.steps) / p.frontier.minSteps),
  },
];

function curvePoints(samples: readonly Plan[], value: (plan: Plan) => number | null): XY[] {
  return samples.flatMap((p) => {
    const y = value(p);
    return y === null ? [] : [{ x: p.flops, y }];
  });
}

function seriesFor(curves: readonly PlanCurve[], quantity: Quantity): Series[] {
  const series: Series[] = [];
  curves.forEach((curve, i) => {
    const line = curvePoints(curve.samples, quantity.value);
    const at = quantity.value(curve.at);
    if (line.length >= 2) {
      series.push({ label: curve.set.name, style: i, line, styleDash: true, points: at === null ? [] : [{ x: curve.at.flops, y: at }] });
    }
  });
  const kaplan = curves.findIndex((c) => c.at.empirical !== null);
  if (kaplan >= 0 && quantity.empirical) {
    const line = curvePoints(curves[kaplan]!.samples, quantity.empirical);
    if (line.length >= 2) series.push({ label: `${curves[kaplan]!.set.name}, Table 6 fit`, style: curves.length, line, styleDash: true });
  }
  return series;
}

/** `N 1.31e9, D 1.27e11, B 1.66e6, S 7.63e4, L 2.55 nats` for one plan. */
function planValues(plan: Plan): string {
  const parts = QUANTITIES.flatMap((q) => {
    const v = q.value(plan);
    return v === null ? [] : [`${q.symbol} = ${formatConstant(v)}`];
  });
  return `${plan.law}: ${[...parts, `L = ${formatConstant(plan.lossNats)} nats/token`].join(", ")}`;
}

function constantsLines(curve: PlanCurve): string[] {
  const laws = curve.set.laws;
  const ids: LawId[] = curve.at.family === "kaplan" ? ["ns", "bcrit"] : ["chinchilla"];
  return ids.flatMap((id) => (laws[id] === undefined ? [] : [`${curve.set.name}: ${lawText(id, laws[id])}`]));
}

export function renderPlanFigure(curves: readonly PlanCurve[]): string {
  if (curves.length === 0) throw new Error("renderPlanFigure needs at least one curve");
  const budget = curves[0]!.at.flops;
  const panels: PanelSpec[] = [];
  const legendSeries: Series[] = [];
  for (const quantity of QUANTITIES) {
    const series = seriesFor(curves, quantity);
    if (series.length === 0) continue;
    for (const s of series) if (!legendSeries.some((l) => l.label === s.label)) legendSeries.push(s);
    panels.push({
      title: `${quantity.title} ${quantity.symbol}`,
      xTitle: "C, training compute (FLOPs)",
      yTitle: quantity.yTitle,
      series,
      rules: [{ x: budget, label: `C = ${formatConstant(budget)} FLOPs` }],
      legend: "none",
    });
  }
  const names = curves.map((c) => c.set.name).join(", ");
  const cap = curves[0]!.at.dataCap?.maxTokens;
  return renderFigure({
    title: cap === undefined ? `Compute-efficient frontier: ${names}` : `Plans with at most ${formatConstant(cap)} unique tokens: ${names}`,
    subtitle: [...curves.flatMap(constantsLines), ...curves.map((c) => planValues(c.at))],
    panels,
    columns: 2,
    legend: legendSeries,
  });
}
