/**
 * One chart panel: axes with ticks and titles, grid, shaded bands, lines (solid fitted,
 * dashed extrapolation), one marker per data point, vertical rules, and a legend. Returns an
 * SVG group positioned by the figure (figure.ts).
 */
import { GRID, INK, RULE, seriesStyle, EXTRAPOLATION_DASH } from "./palette.js";
import type { Scale, ScaleKind, Tick } from "./scale.js";
import { fitDomain, makeScale, thinLabels } from "./scale.js";
import { marker } from "./marker.js";
import { legend, legendWidth } from "./legend.js";
import { coord, element, pathData, textElement, textWidth } from "./svgText.js";

export interface XY {
  x: number;
  y: number;
}

export interface Series {
  label: string;
  /** Palette index: colour, marker shape and dash pattern (palette.ts). */
  style: number;
  /** Measured points: one marker each. */
  points?: readonly XY[];
  /** A curve inside the data range (solid, or the style's dash when `styleDash`). */
  line?: readonly XY[];
  /** The curve beyond the data: dashed. */
  extrapolation?: readonly XY[];
  /** A shaded band (e.g. a bootstrap 95% interval). */
  band?: readonly { x: number; lo: number; hi: number }[];
  /** Draw `line` with the style's dash pattern (tells series apart in greyscale). */
  styleDash?: boolean;
  /** Stroke width of the lines. @default 2 */
  weight?: number;
}

export interface Rule {
  x: number;
  label: string;
}

export interface PanelSpec {
  title: string;
  xTitle: string;
  yTitle: string;
  xKind?: ScaleKind;
  yKind?: ScaleKind;
  xDomain?: readonly [number, number];
  yDomain?: readonly [number, number];
  series: readonly Series[];
  /** Vertical rules (the budget), labelled at the top. */
  rules?: readonly Rule[];
  /** A horizontal reference line (0 on a residual panel). */
  hline?: number;
  /** Where the legend goes; "none" when the figure carries one. */
  legend?: "top-left" | "top-right" | "bottom-left" | "bottom-right" | "right" | "none";
}

export const FONT = 12;
const BASE_MARGIN = { left: 62, right: 14, top: 26, bottom: 44 };

function allValues(spec: PanelSpec, axis: "x" | "y"): number[] {
  const values: number[] = [];
  for (const s of spec.series) {
    for (const p of [...(s.points ?? []), ...(s.line ?? []), ...(s.extrapolation ?? [])]) values.push(p[axis]);
    for (const b of s.band ?? []) values.push(...(axis === "x" ? [b.x] : [b.lo, b.hi]));
  }
  if (axis === "x") for (const r of spec.rules ?? []) values.push(r.x);
  if (axis === "y" && spec.hline !== undefined) values.push(spec.hline);
  return values;
}

/** The scales a panel will use (exported for tests). */
export function panelScales(spec: PanelSpec): { x: Scale; y: Scale } {
  const xKind = spec.xKind ?? "log";
  const yKind = spec.yKind ?? "log";
  return {
    x: makeScale(xKind, spec.xDomain ?? fitDomain(allValues(spec, "x"), xKind, 0.02)),
    y: makeScale(yKind, spec.yDomain ?? fitDomain(allValues(spec, "y"), yKind, 0.06)),
  };
}

/** Render a panel of outer size width x height at (left, top). */
export function renderPanel(spec: PanelSpec, left: number, top: number, width: number, height: number, id: string): string {
  const { x: xs, y: ys } = panelScales(spec);
  // A legend "right" of the plot takes its width out of the plot area.
  const right = spec.legend === "right" ? BASE_MARGIN.right + legendWidth(spec.series) + 4 : BASE_MARGIN.right;
  const MARGIN = { ...BASE_MARGIN, right };
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const px = (v: number): number => MARGIN.left + xs.fraction(v) * plotW;
  const py = (v: number): number => MARGIN.top + (1 - ys.fraction(v)) * plotH;
  const drawable = (p: XY): boolean =>
    Number.isFinite(p.x) && Number.isFinite(p.y) && (xs.kind === "linear" || p.x > 0) && (ys.kind === "linear" || p.y > 0);
  const out: string[] = [];

  // Grid and ticks.
  const xTicks = thinLabels(xs.ticks, (t) => px(t.value), (t) => textWidth(t.label, FONT) / 2);
  const yTicks = thinLabels(ys.ticks, (t) => py(t.value), () => FONT / 2);
  const tickLine = (t: Tick): number => (t.major ? 6 : 3);
  for (const t of xTicks) {
    const x = px(t.value);
    if (t.major) out.push(element("line", { x1: x, y1: MARGIN.top, x2: x, y2: MARGIN.top + plotH, stroke: GRID }));
    out.push(element("line", { x1: x, y1: MARGIN.top + plotH, x2: x, y2: MARGIN.top + plotH + tickLine(t), stroke: INK }));
    if (t.label) out.push(textElement(t.label, { class: "tick-label x", x, y: MARGIN.top + plotH + 8 + FONT, "text-anchor": "middle" }));
  }
  for (const t of yTicks) {
    const y = py(t.value);
    if (t.major) out.push(element("line", { x1: MARGIN.left, y1: y, x2: MARGIN.left + plotW, y2: y, stroke: GRID }));
    out.push(element("line", { x1: MARGIN.left - tickLine(t), y1: y, x2: MARGIN.left, y2: y, stroke: INK }));
    if (t.label) out.push(textElement(t.label, { class: "tick-label y", x: MARGIN.left - 8, y: y + FONT * 0.35, "text-anchor": "end" }));
  }
  out.push(element("rect", { x: MARGIN.left, y: MARGIN.top, width: plotW, height: plotH, fill: "none", stroke: INK }));

  // Data, clipped to the plot area.
  const data: string[] = [];
  if (spec.hline !== undefined) {
    const y = py(spec.hline);
    data.push(element("line", { x1: MARGIN.left, y1: y, x2: MARGIN.left + plotW, y2: y, stroke: RULE, "stroke-width": 1 }));
  }
  for (const s of spec.series) {
    const style = seriesStyle(s.style);
    const band = (s.band ?? []).filter((b) => drawable({ x: b.x, y: b.lo }) && drawable({ x: b.x, y: b.hi }));
    if (band.length >= 2) {
      const edge = [...band.map((b) => [px(b.x), py(b.hi)] as const), ...[...band].reverse().map((b) => [px(b.x), py(b.lo)] as const)];
      data.push(element("path", { class: "band", d: `${pathData(edge)} Z`, fill: style.color, "fill-opacity": 0.18, stroke: "none" }));
    }
    const curve = (points: readonly XY[] | undefined, dash: string, cls: string): void => {
      const usable = (points ?? []).filter(drawable);
      if (usable.length < 2) return;
      data.push(
        element("path", {
          class: cls,
          d: pathData(usable.map((p) => [px(p.x), py(p.y)] as const)),
          fill: "none",
          stroke: style.color,
          "stroke-width": s.weight ?? 2,
          "stroke-dasharray": dash === "" ? undefined : dash,
        }),
      );
    };
    curve(s.line, s.styleDash ? style.dash : "", "line");
    curve(s.extrapolation, EXTRAPOLATION_DASH, "extrapolation");
  }
  for (const s of spec.series) {
    for (const p of (s.points ?? []).filter(drawable)) data.push(marker(seriesStyle(s.style), px(p.x), py(p.y)));
  }
  const clip = `${id}-clip`;
  out.push(element("clipPath", { id: clip }, [element("rect", { x: MARGIN.left, y: MARGIN.top, width: plotW, height: plotH })]));
  out.push(element("g", { "clip-path": `url(#${clip})` }, data));

  for (const rule of spec.rules ?? []) {
    const x = px(rule.x);
    out.push(element("line", { class: "rule", x1: x, y1: MARGIN.top, x2: x, y2: MARGIN.top + plotH, stroke: RULE, "stroke-width": 1.5, "stroke-dasharray": "3 2" }));
    const anchor = xs.fraction(rule.x) > 0.6 ? "end" : "start";
    // On a white box, so a curve passing under the label does not run through its letters.
    const width = textWidth(rule.label, FONT) + 4;
    const textX = x + (anchor === "end" ? -4 : 4);
    out.push(element("rect", { x: anchor === "end" ? textX - width + 2 : textX - 2, y: MARGIN.top + 3, width, height: FONT + 3, fill: "#ffffff", "fill-opacity": 0.9 }));
    out.push(textElement(rule.label, { class: "rule-label", x: textX, y: MARGIN.top + FONT + 2, "text-anchor": anchor, fill: INK }));
  }

  // Titles.
  out.push(textElement(spec.title, { class: "panel-title", x: MARGIN.left, y: MARGIN.top - 8, "font-weight": "bold" }));
  out.push(textElement(spec.xTitle, { class: "axis-title", x: MARGIN.left + plotW / 2, y: height - 6, "text-anchor": "middle" }));
  const yMid = MARGIN.top + plotH / 2;
  out.push(textElement(spec.yTitle, { class: "axis-title", x: 14, y: yMid, "text-anchor": "middle", transform: `rotate(-90 14 ${coord(yMid)})` }));

  const corner = spec.legend ?? "top-left";
  if (corner !== "none") {
    out.push(legend(spec.series, corner, { left: MARGIN.left, top: MARGIN.top, width: plotW, height: plotH }));
  }
  return element("g", { class: "panel", transform: `translate(${coord(left)} ${coord(top)})` }, out);
}
