import { describe, expect, it } from "vitest";
import { renderFigure, wrap } from "../../src/report/svg/figure.js";
import { parseFigure } from "./svgChecks.js";
import { descendants, hasClass } from "./xml.js";

describe("renderFigure", () => {
  it("wraps long subtitle lines after a comma, indenting the rest", () => {
    expect(wrap("alpha [1, 2], beta [3, 4], gamma [5, 6]", 20)).toEqual(["alpha [1, 2],", "    beta [3, 4],", "    gamma [5, 6]"]);
    expect(wrap("short", 20)).toEqual(["short"]);
  });

  it("leaves a null cell empty and keeps a fixed size with a matching viewBox", () => {
    const panel = { title: "p", xTitle: "x", yTitle: "y", series: [{ label: "s", style: 0, points: [{ x: 1, y: 1 }, { x: 10, y: 100 }] }] };
    const root = parseFigure(renderFigure({ title: "t & <u>", panels: [panel, null, panel], columns: 2, panelWidth: 300, panelHeight: 200 }));
    const panels = descendants(root, "g").filter((g) => hasClass(g, "panel"));
    expect(panels.map((g) => g.attrs.transform)).toEqual(["translate(12 36)", "translate(12 236)"]);
    expect(root.attrs.width).toBe("624");
    expect(descendants(root, "title")[0]!.text).toBe("t & <u>");
  });
});
