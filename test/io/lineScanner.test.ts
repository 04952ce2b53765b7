/** The streaming CSV scanner: quotes, CRLF, BOM, comments, and any chunking gives the same rows. */
import { describe, expect, it } from "vitest";
import { LineScanner } from "../../src/io/lineScanner.js";

function scan(chunks: string[], delimiter = ","): Array<{ fields: string[]; line: number; columns: number[] }> {
  const rows: Array<{ fields: string[]; line: number; columns: number[] }> = [];
  const scanner = new LineScanner(delimiter, (fields, line, columns) => rows.push({ fields: [...fields], line, columns: columns() }));
  for (const chunk of chunks) scanner.push(chunk);
  scanner.end();
  return rows;
}

const TEXT = '\uFEFFa,b,c\r\n# a comment, "with quotes"\r\n1,"x, ""y""",3\r\n\r\n"multi\nline",2,"3"\n4,5,6';

describe("LineScanner", () => {
  it("handles BOM, CRLF, comments, blank lines, quotes and a last line without newline", () => {
    expect(scan([TEXT])).toEqual([
      { fields: ["a", "b", "c"], line: 1, columns: [1, 3, 5] },
      { fields: ["1", 'x, "y"', "3"], line: 3, columns: [1, 3, 14] },
      { fields: ["multi\nline", "2", "3"], line: 5, columns: [1, 7, 9] },
      { fields: ["4", "5", "6"], line: 7, columns: [1, 3, 5] },
    ]);
  });

  it("gives the same rows however the text is chunked", () => {
    const whole = scan([TEXT]);
    for (let size = 1; size <= 7; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < TEXT.length; i += size) chunks.push(TEXT.slice(i, i + size));
      expect(scan(chunks)).toEqual(whole);
    }
  });

  it("splits TSV on tabs only", () => {
    expect(scan(["a\tb,c\n1\t2,3\n"], "\t").map((row) => row.fields)).toEqual([["a", "b,c"], ["1", "2,3"]]);
  });
});

describe("LineScanner on a long line without a newline (fuzz seed 2032, case 323)", () => {
  // A W&B header with quotes, then 4 MB of cells and CRs but no newline: each field searched the
  // rest of the text for a newline again: over a minute for this row, now about a second (the
  // test timeout catches a return of the quadratic).
  it("cuts a quoted row of three million fields in one pass", () => {
    const text = `"Step","loss"${",".repeat(3_000_000)}\r`;
    const chunks = Array.from({ length: Math.ceil(text.length / 65_536) }, (_, k) => text.slice(k * 65_536, (k + 1) * 65_536));
    const rows = scan(chunks);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.fields).toHaveLength(3_000_002);
    expect(rows[0]!.fields.slice(0, 3)).toEqual(["Step", "loss", ""]);
  }, 15_000);
});
