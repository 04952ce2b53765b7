/** Series styles: the first seven as the palette lists them, and no pair repeated within 49. */
import { describe, expect, it } from "vitest";
import { seriesStyle } from "../../src/report/svg/palette.js";

describe("seriesStyle", () => {
  it("pairs colour k with marker k and dash k for the first seven (Okabe–Ito order)", () => {
    expect(seriesStyle(0)).toEqual({ color: "#0072B2", marker: "circle", dash: "" });
    expect(seriesStyle(6)).toEqual({ color: "#000000", marker: "plus", dash: "12 3 3 3" });
  });

  it("gives 49 different (colour, marker) pairs and 49 different (colour, dash) pairs, then repeats", () => {
    const styles = Array.from({ length: 49 }, (_, k) => seriesStyle(k));
    expect(new Set(styles.map((s) => `${s.color} ${s.marker}`)).size).toBe(49);
    expect(new Set(styles.map((s) => `${s.color} ${s.dash}`)).size).toBe(49);
    expect(seriesStyle(49)).toEqual(seriesStyle(0));
    // Style 7 keeps colour 0 but not its marker.
    expect(seriesStyle(7).color).toBe(seriesStyle(0).color);
    expect(seriesStyle(7).marker).not.toBe(seriesStyle(0).marker);
  });
});
