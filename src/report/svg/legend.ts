/**
 * A legend box in a corner of the plot area: for each series a swatch that repeats how the
 * series is drawn (band, line with its dash, marker) and its label.
 */
import { EXTRAPOLATION_DASH, INK, seriesStyle } from "./palette.js";
import { marker } from "./marker.js";
import type { Series } from "./panel.js";
import { element, textElement, textWidth } from "./svgText.js";

/** A corner inside the plot area, or "right": outside it, top-aligned (panel.ts reserves the room). */
export type Corner = "top-left" | "top-right" | "bottom-left" | "bottom-right" | "right";

const FONT = 11;
const ROW = 16;
const SWATCH = 26;

/** One legend row's swatch at (x, y) (y is the row's middle). */
function swatch(series: Series, x: number, y: number, asMarker = true): string[] {
  const style = seriesStyle(series.style);
  const parts: string[] = [];
  if (series.band) {
    parts.push(element("rect", { x, y: y - 5, width: SWATCH, height: 10, fill: style.color, "fill-opacity": 0.18 }));
  }
  if (series.line || series.extrapolation) {
    const dash = series.line ? (series.styleDash ? style.dash : "") : EXTRAPOLATION_DASH;
    parts.push(
      element("line", { x1: x, y1: y, x2: x + SWATCH, y2: y, stroke: style.color, "stroke-width": 2, "stroke-dasharray": dash || undefined }),
    );
  }
  if (series.points && series.points.length > 0 && asMarker) {
    // Legend markers are not data: no "marker" class, so a count of markers counts data points.
    parts.push(marker(style, x + SWATCH / 2, y).replace('class="marker"', 'class="legend-marker"'));
  }
  return parts;
}

/** Width of the legend box of these series (0 when none has a label). */
export function legendWidth(series: readonly Series[]): number {
  const shown = series.filter((s) => s.label !== "");
  return shown.length === 0 ? 0 : 8 + SWATCH + 6 + Math.max(...shown.map((s) => textWidth(s.label, FONT))) + 8;
}

export function legend(series: readonly Series[], corner: Corner, plot: { left: number; top: number; width: number; height: number }): string {
  const shown = series.filter((s) => s.label !== "");
  if (shown.length === 0) return "";
  const width = legendWidth(shown);
  const height = shown.length * ROW + 8;
  const left = corner === "right" ? plot.left + plot.width + 10 : corner.endsWith("left") ? plot.left + 6 : plot.left + plot.width - width - 6;
  const top = corner === "right" || corner.startsWith("top") ? plot.top + (corner === "right" ? 0 : 6) : plot.top + plot.height - height - 6;
  const rows = shown.flatMap((s, i) => {
    const y = top + 4 + ROW * i + ROW / 2;
    return [...swatch(s, left + 8, y), textElement(s.label, { x: left + 8 + SWATCH + 6, y: y + FONT * 0.35, "font-size": FONT, fill: INK })];
  });
  return element("g", { class: "legend" }, [
    element("rect", { x: left, y: top, width, height, fill: "#ffffff", "fill-opacity": 0.85, stroke: "#bbbbbb" }),
    ...rows,
  ]);
}

/** A legend as one row of entries, for a figure whose panels share their series. */
export function legendRow(series: readonly Series[], left: number, y: number): string {
  let x = left;
  const parts: string[] = [];
  for (const s of series.filter((entry) => entry.label !== "")) {
    parts.push(...swatch(s, x, y), textElement(s.label, { x: x + SWATCH + 6, y: y + FONT * 0.35, "font-size": FONT, fill: INK }));
    x += SWATCH + 6 + textWidth(s.label, FONT) + 18;
  }
  return element("g", { class: "legend" }, parts);
}
