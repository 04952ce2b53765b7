/**
 * Format detection (io/detect.ts): headText decodes only the first 64 KB of a head when they
 * hold what detectLayout reads, and must then give the same layout (and the same emptiness) as
 * the whole head, on heads of long and short lines, comments, blank lines, JSON and tables.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectLayout, headText } from "../../src/io/detect.js";

const line = fc.oneof(
  fc.constantFrom("", "   ", "# a comment", "#", '{"run":"a","loss":1}', '{"run":', "[1,2]", "run,step,loss", "run\tstep\tloss", "a,1,2", "a\t1\t2", "{"),
  fc.integer({ min: 1, max: 40_000 }).chain((n) => fc.constantFrom(",", "\t", "x", "#").map((c) => c.repeat(n))),
  fc.integer({ min: 1, max: 40_000 }).map((n) => `{"k":"${"v".repeat(n)}"}`),
);

describe("headText", () => {
  it("gives detectLayout what the whole head gives it", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.constantFrom("a.csv", "a.json", "a.txt", "-", "a.tsv"), fc.boolean(), (lines, path, pad) => {
        // Padded to over 64 KB now and then, so that the prefix is taken.
        const text = lines.join("\n") + (pad ? `\n${"a,1,2\n".repeat(12_000)}` : "");
        const bytes = Buffer.from(text);
        const prefix = headText(bytes);
        expect(text.startsWith(prefix)).toBe(true);
        expect(detectLayout(path, prefix)).toBe(detectLayout(path, text));
        expect(prefix.trim() === "").toBe(text.trim() === "");
      }),
      { seed: 2026_1125, numRuns: 400 },
    );
  });

  it("reads past 64 KB of comments to the header: a TSV after them is a TSV", () => {
    const text = `${"# a comment line of the export\n".repeat(3000)}run\tstep\tloss\na\t1\t2\n`;
    expect(text.length).toBeGreaterThan(65_536);
    expect(detectLayout("log.txt", headText(Buffer.from(text)))).toBe("tsv");
  });

  it("decodes 64 KB, not the megabyte, of a plain CSV head", () => {
    const head = Buffer.from(`run,step,loss\n${"a,1,2.5\n".repeat(130_000)}`);
    const text = headText(head);
    expect(text.length).toBeLessThanOrEqual(65_536);
    expect(text.length).toBeGreaterThan(65_000);
    expect(text.endsWith("\n")).toBe(true);
  });
});
