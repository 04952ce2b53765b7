/**
 * A small log-log chart for the terminal (`--ascii`): each series drawn with its own
 * character on a grid of cells, decades labelled on both axes, an optional vertical rule
 * (the budget), and a legend line. asciichart has no log axes (shared/LIBRARIES.md), so this
 * is ours: plain text, no colour, the same output on every terminal.
 */
import { formatConstant } from "./lawText.js";
import { makeScale } from "./svg/scale.js";

export interface AsciiSeries {
  label: string;
  /** One character drawn at each point. */
  symbol: string;
  /** Fill the cells between neighbouring points (a curve), or not (measured points). @default true */
  connect?: boolean;
  points: readonly { x: number; y: number }[];
}

export interface AsciiChartSpec {
  series: readonly AsciiSeries[];
  xTitle: string;
  yTitle: string;
  /** Plot area in cells. @default 56 x 14 */
  width?: number;
  height?: number;
  /** A vertical rule at this x, drawn with "|". */
  rule?: number;
}

const decadeRange = (values: number[]): [number, number] => {
  const logs = values.filter((v) => v > 0 && Number.isFinite(v)).map(Math.log10);
  if (logs.length === 0) return [0, 1];
  const lo = Math.min(...logs);
  const hi = Math.max(...logs);
  return hi - lo < 1e-9 ? [lo - 0.5, hi + 0.5] : [lo, hi];
};

export function renderAsciiLogChart(spec: AsciiChartSpec): string {
  const width = spec.width ?? 56;
  const height = spec.height ?? 14;
  const all = spec.series.flatMap((s) => s.points);
  const [x0, x1] = decadeRange(all.map((p) => p.x));
  const [y0, y1] = decadeRange(all.map((p) => p.y));
  const col = (x: number): number => Math.round(((Math.log10(x) - x0) / (x1 - x0)) * (width - 1));
  const row = (y: number): number => height - 1 - Math.round(((Math.log10(y) - y0) / (y1 - y0)) * (height - 1));
  const grid = Array.from({ length: height }, () => Array.from({ length: width }, () => " "));
  const inside = (r: number, c: number): boolean => r >= 0 && r < height && c >= 0 && c < width;
  if (spec.rule !== undefined && spec.rule > 0) {
    const c = col(spec.rule);
    for (let r = 0; r < height; r++) if (inside(r, c)) grid[r]![c] = "|";
  }
  for (const s of spec.series) {
    const points = s.points.filter((p) => p.x > 0 && p.y > 0).sort((a, b) => a.x - b.x);
    for (const p of points) if (inside(row(p.y), col(p.x))) grid[row(p.y)]![col(p.x)] = s.symbol;
    // Between neighbouring points, one cell a column (straight in log-log), so lines have no gaps.
    for (let i = 1; s.connect !== false && i < points.length; i++) {
      const a = points[i - 1]!;
      const b = points[i]!;
      for (let c = col(a.x) + 1; c < col(b.x); c++) {
        const t = (x0 + (c / (width - 1)) * (x1 - x0) - Math.log10(a.x)) / (Math.log10(b.x) - Math.log10(a.x));
        const r = row(10 ** (Math.log10(a.y) + t * (Math.log10(b.y) - Math.log10(a.y))));
        if (inside(r, c)) grid[r]![c] = s.symbol;
      }
    }
  }
  // Y labels on the rows of the labelled ticks (decades, or 2 and 5 on a short axis), one a row.
  const yLabels = new Map<number, string>();
  for (const tick of makeScale("log", [10 ** y0, 10 ** y1]).ticks) {
    const r = row(tick.value);
    if (tick.label !== "" && !yLabels.has(r) && !yLabels.has(r - 1) && !yLabels.has(r + 1)) yLabels.set(r, tick.label);
  }
  const gutter = Math.max(4, ...[...yLabels.values()].map((l) => l.length)) + 1;
  const lines = [`${spec.yTitle}`];
  grid.forEach((cells, r) => lines.push(`${(yLabels.get(r) ?? "").padStart(gutter - 1)} ${yLabels.has(r) ? "+" : "|"}${cells.join("")}`));
  // X axis: ticks at decades; labels placed left to right, skipped when they would collide.
  const axis = Array.from({ length: width }, () => "-");
  const labels = Array.from({ length: width + 8 }, () => " ");
  let free = 0;
  for (const tick of makeScale("log", [10 ** x0, 10 ** x1]).ticks.filter((t) => t.label !== "")) {
    const c = col(tick.value);
    axis[c] = "+";
    const text = tick.label;
    const start = Math.max(0, c - Math.floor(text.length / 2));
    if (start < free) continue;
    for (let i = 0; i < text.length; i++) labels[start + i] = text[i]!;
    free = start + text.length + 1;
  }
  lines.push(`${" ".repeat(gutter)}+${axis.join("")}`);
  lines.push(`${" ".repeat(gutter + 1)}${labels.join("").trimEnd()}`);
  lines.push(`${" ".repeat(gutter + 1)}${spec.xTitle}`);
  const legend = spec.series.filter((s) => s.label !== "").map((s) => `${s.symbol} ${s.label}`);
  if (spec.rule !== undefined) legend.push(`| ${formatConstant(spec.rule)}`);
  // Entries three spaces apart, wrapped so that no line is wider than the chart's axis.
  const indent = " ".repeat(gutter + 1);
  let entries = "";
  for (const entry of legend) {
    if (entries !== "" && indent.length + entries.length + 3 + entry.length > gutter + 1 + width + 8) {
      lines.push(indent + entries);
      entries = "";
    }
    entries = entries === "" ? entry : `${entries}   ${entry}`;
  }
  if (entries !== "") lines.push(indent + entries);
  return lines.map((line) => line.trimEnd()).join("\n") + "\n";
}
