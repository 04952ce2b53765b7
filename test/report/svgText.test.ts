import { describe, expect, it } from "vitest";
import { coord, element, escapeXml, pathData, textElement } from "../../src/report/svg/svgText.js";
import { parseXml } from "./xml.js";

describe("svgText", () => {
  it("escapes the five XML specials", () => {
    expect(escapeXml(`a<b & "c" 'd'>`)).toBe("a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;");
  });

  it("formats coordinates with at most two decimals and never -0", () => {
    expect(coord(12.3456)).toBe("12.35");
    expect(coord(-0.001)).toBe("0");
    expect(coord(100)).toBe("100");
    expect(coord(1 / 3)).toBe("0.33");
    expect(() => coord(NaN)).toThrow("svg coordinate must be finite; got NaN");
  });

  it("builds elements whose text and attributes survive a round trip through an XML parser", () => {
    const label = `L(N,S) < 3 & "B*" > 2`;
    const svg = element("svg", { title: label }, [textElement(label, { x: 1.005 }), element("path", { d: pathData([[0, 1], [2.5, 3]]) })]);
    const root = parseXml(svg);
    expect(root.attrs.title).toBe(label);
    expect(root.children[0]!.text).toBe(label);
    expect(root.children[1]!.attrs.d).toBe("M0 1 L2.5 3");
  });
});
