/** `plan --ascii`: N and D along the frontier against C, the budget marked, as terminal text. */
import { renderAsciiLogChart } from "./asciiChart.js";
import type { PlanCurve } from "./planSamples.js";

export function renderPlanAscii(curve: PlanCurve): string {
  const title = `Compute-efficient frontier, law ${curve.set.name}: N (parameters) and D (tokens) against C`;
  const chart = renderAsciiLogChart({
    series: [
      { label: "N, parameters", symbol: "N", points: curve.samples.map((p) => ({ x: p.flops, y: p.nParams })) },
      { label: "D, tokens", symbol: "D", points: curve.samples.map((p) => ({ x: p.flops, y: p.nTokens })) },
    ],
    xTitle: "C, training compute (FLOPs)",
    yTitle: "N, D",
    rule: curve.at.flops,
  });
  return `${title}\n${chart}`;
}
