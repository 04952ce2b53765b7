/**
 * Blocks of whole lines: whatever the reads deliver and however small the buffer starts, the
 * blocks put together are the input (BOM skipped), each ends with a newline but an unterminated
 * last one, and a line is refused only past MAX_LINE_CHARS characters (not bytes).
 */
import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ByteLines } from "../../src/io/byteLines.js";
import { MAX_LINE_CHARS } from "../../src/io/chunkJoiner.js";
import type { ByteSource } from "../../src/io/sources.js";
import { openSource } from "../../src/io/sources.js";

/** Every block of the input delivered in these chunks, as [text, unterminated]. */
async function blocksOf(chunks: Buffer[], blockBytes: number): Promise<Array<[string, boolean]>> {
  const lines = new ByteLines(openSource("-", Readable.from(chunks), () => {}, "f"), () => new Error("too long"), blockBytes);
  const blocks: Array<[string, boolean]> = [];
  for (let block = await lines.next(); block !== null; block = await lines.next()) {
    blocks.push([block.bytes.toString("utf8", block.start, block.end), block.unterminated]);
  }
  return blocks;
}

/** A source of these bytes, at most `step` a read. */
function memorySource(bytes: Buffer, step: number): ByteSource {
  let at = 0;
  return {
    read(into, offset, length) {
      const count = Math.min(length, step, bytes.length - at);
      into.set(bytes.subarray(at, at + count), offset);
      at += count;
      return Promise.resolve(count);
    },
    close() {},
  };
}

describe("ByteLines", () => {
  it("blocks put together are the input, each ending at a newline", async () => {
    const text = fc.string({ unit: fc.constantFrom("a", "é", "\n", "\r", ",", "😀"), maxLength: 200 });
    await fc.assert(
      fc.asyncProperty(text, fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }), fc.constantFrom(1, 4, 16, 4096), async (body, sizes, blockBytes) => {
        const bytes = Buffer.from(body);
        const chunks: Buffer[] = [];
        for (let at = 0, k = 0; at < bytes.length; k++) {
          const size = sizes[k % sizes.length]!;
          chunks.push(bytes.subarray(at, at + size));
          at += size;
        }
        const blocks = await blocksOf(chunks, blockBytes);
        expect(blocks.map(([block]) => block).join("")).toBe(body);
        blocks.forEach(([block, unterminated], index) => {
          expect(block.endsWith("\n")).toBe(!unterminated);
          if (unterminated) expect(index).toBe(blocks.length - 1);
        });
      }),
      { seed: 11, numRuns: 500 },
    );
  });

  it("skips a BOM, even split over reads, and only one", async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expect(await blocksOf([bom.subarray(0, 1), bom.subarray(1, 2), Buffer.concat([bom.subarray(2), Buffer.from("a\n")])], 64)).toEqual([["a\n", false]]);
    expect(await blocksOf([Buffer.concat([bom, bom, Buffer.from("a\n")])], 64)).toEqual([["\uFEFFa\n", false]]);
    expect(await blocksOf([Buffer.from([0xef, 0xbb])], 64)).toEqual([["\uFFFD", true]]);
  });

  it.each([1, 2, 5, 4096])("gives the same head (BOM skipped) in reads of %i bytes, without consuming it", async (step) => {
    const lines = new ByteLines(memorySource(Buffer.from("\uFEFFrun,loss\na,1\n"), step), () => new Error("too long"));
    expect((await lines.head()).toString()).toBe("run,loss\na,1\n");
    let text = "";
    for (let block = await lines.next(); block !== null; block = await lines.next()) text += block.bytes.toString("utf8", block.start, block.end);
    expect(text).toBe("run,loss\na,1\n");
  });

  it("counts a long line in UTF-16 characters, not bytes", async () => {
    // 2-byte characters: 1.5 x MAX_LINE_CHARS bytes are 0.75 x MAX_LINE_CHARS characters, under the limit.
    const wide = Buffer.from(`${"é".repeat(0.75 * MAX_LINE_CHARS)}\n`);
    const lines = new ByteLines(memorySource(wide, 1 << 22), () => new Error("too long"));
    const block = await lines.next();
    expect(block!.end - block!.start).toBe(wide.length);
    const narrow = Buffer.from("x".repeat(MAX_LINE_CHARS + 1));
    await expect(new ByteLines(memorySource(narrow, 1 << 22), () => new Error("too long")).next()).rejects.toThrow("too long");
  });
});

describe("openSource", () => {
  it("names the byte offset of a NUL in the input, across reads", async () => {
    const source = openSource("-", Readable.from([Buffer.from("ab"), Buffer.from("c\0d")]), () => {}, "x.bin");
    const lines = new ByteLines(source, () => new Error("too long"), 2);
    await expect(lines.next()).rejects.toThrow("binary file (a NUL byte at byte 3); give a CSV, TSV, JSONL or JSON run log");
  });
});
