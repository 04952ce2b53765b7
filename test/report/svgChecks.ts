/** Structural checks shared by the figure tests: parse, viewBox, labels that do not overlap. */
import { expect } from "vitest";
import type { XmlElement } from "./xml.js";
import { descendants, hasClass, parseXml } from "./xml.js";

/** Parse and check the frame every figure must have: svg root, fixed size, matching viewBox. */
export function parseFigure(svg: string): XmlElement {
  const root = parseXml(svg);
  expect(root.name).toBe("svg");
  expect(root.attrs.xmlns).toBe("http://www.w3.org/2000/svg");
  expect(root.attrs.viewBox).toBe(`0 0 ${root.attrs.width} ${root.attrs.height}`);
  return root;
}

/**
 * Tick labels of each panel, as boxes from their position, anchor and a generous glyph width
 * (0.62 em: DejaVu Sans digits are 0.636 em), must not intersect.
 */
export function expectNoOverlappingTickLabels(root: XmlElement): void {
  for (const panel of descendants(root, "g").filter((g) => hasClass(g, "panel"))) {
    const boxes = descendants(panel, "text")
      .filter((t) => hasClass(t, "tick-label"))
      .map((t) => {
        const width = t.text.length * 12 * 0.62;
        const x = Number(t.attrs.x);
        const left = t.attrs["text-anchor"] === "middle" ? x - width / 2 : t.attrs["text-anchor"] === "end" ? x - width : x;
        const bottom = Number(t.attrs.y);
        return { text: t.text, left, right: left + width, top: bottom - 12, bottom };
      });
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        expect(overlap, `tick labels "${a.text}" and "${b.text}" overlap`).toBe(false);
      }
    }
  }
}

/** The x extent (in the panel's user units) of every path with this class. */
export function pathXRanges(panel: XmlElement, cls: string): [number, number][] {
  return descendants(panel, "path")
    .filter((p) => hasClass(p, cls))
    .map((p) => {
      const xs = (p.attrs.d ?? "")
        .split(/[ML]/)
        .map((s) => s.trim())
        .filter((s) => s !== "" && s !== "Z")
        .map((s) => Number(s.split(" ")[0]));
      return [Math.min(...xs), Math.max(...xs)];
    });
}

export const markers = (node: XmlElement): XmlElement[] => descendants(node).filter((e) => hasClass(e, "marker"));
