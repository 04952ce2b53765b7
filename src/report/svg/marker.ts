/**
 * Data-point markers: one element (class "marker") per point, its shape from the series'
 * style so series stay distinct in greyscale. Filled shapes get a white outline to stand out
 * where points crowd.
 */
import type { SeriesStyle } from "./palette.js";
import { coord, element } from "./svgText.js";

const R = 4;

function shapePath(shape: SeriesStyle["marker"], x: number, y: number, r: number): string {
  const p = (dx: number, dy: number): string => `${coord(x + dx)} ${coord(y + dy)}`;
  switch (shape) {
    case "square":
      return `M${p(-r * 0.85, -r * 0.85)} L${p(r * 0.85, -r * 0.85)} L${p(r * 0.85, r * 0.85)} L${p(-r * 0.85, r * 0.85)} Z`;
    case "triangle":
      return `M${p(0, -r * 1.15)} L${p(r, r * 0.75)} L${p(-r, r * 0.75)} Z`;
    case "down":
      return `M${p(0, r * 1.15)} L${p(r, -r * 0.75)} L${p(-r, -r * 0.75)} Z`;
    case "diamond":
      return `M${p(0, -r * 1.2)} L${p(r, 0)} L${p(0, r * 1.2)} L${p(-r, 0)} Z`;
    case "cross":
      return `M${p(-r, -r)} L${p(r, r)} M${p(-r, r)} L${p(r, -r)}`;
    case "plus":
      return `M${p(-r, 0)} L${p(r, 0)} M${p(0, -r)} L${p(0, r)}`;
    case "circle":
      return "";
  }
}

/** One marker at screen point (x, y). */
export function marker(style: SeriesStyle, x: number, y: number, r = R): string {
  if (style.marker === "circle") {
    return element("circle", { class: "marker", cx: x, cy: y, r, fill: style.color, stroke: "#ffffff", "stroke-width": 0.8 });
  }
  const open = style.marker === "cross" || style.marker === "plus";
  return element("path", {
    class: "marker",
    d: shapePath(style.marker, x, y, r),
    fill: open ? "none" : style.color,
    stroke: open ? style.color : "#ffffff",
    "stroke-width": open ? 2 : 0.8,
  });
}
