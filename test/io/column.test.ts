/** Column and Arena (io/column.ts): push, at, set and values as they grow, against plain arrays. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Arena, Column } from "../../src/io/column.js";

describe("Column", () => {
  it("holds what was pushed, in order, as it grows in place and moves to new chunks", () => {
    for (const count of [0, 1, 15, 16, 17, 8191, 8192, 8193, 20_000, 3 * 8192]) {
      const column = new Column();
      const expected = Array.from({ length: count }, (_, i) => i * 0.5 - 7);
      for (const value of expected) column.push(value);
      expect(column.length).toBe(count);
      const values = column.values();
      expect(values.length).toBe(count);
      expect(Array.from(values)).toEqual(expected);
      for (const i of [0, count >> 1, count - 1]) if (i >= 0 && i < count) expect(column.at(i)).toBe(expected[i]);
    }
  });

  it("set and at agree with a plain array under any pushes and writes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30_000 }), fc.array(fc.tuple(fc.nat(), fc.double({ noNaN: true })), { maxLength: 50 }), (count, writes) => {
        const column = new Column();
        const expected: number[] = [];
        for (let i = 0; i < count; i++) {
          column.push(i);
          expected.push(i);
        }
        for (const [at, value] of writes) {
          column.set(at % count, value);
          expected[at % count] = value;
        }
        for (const [at] of writes) expect(column.at(at % count)).toBe(expected[at % count]);
        expect(Array.from(column.values())).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });

  it("columns sharing an arena, filled in turn or interleaved, each hold their own values", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 3 }), { maxLength: 3000 }), fc.integer({ min: 1, max: 64 }), (pushes, firstValues) => {
        const arena = new Arena({ firstValues, maxValues: 256 });
        const columns = [0, 1, 2, 3].map(() => new Column(arena));
        const expected: number[][] = [[], [], [], []];
        pushes.forEach((k, i) => {
          columns[k]!.push(i);
          expected[k]!.push(i);
        });
        columns.forEach((column, k) => expect(Array.from(column.values())).toEqual(expected[k]));
      }),
      { numRuns: 100 },
    );
  });

  it("writes the rows of runs that come one after another in place: their values share one chunk, back to back", () => {
    const arena = new Arena({ firstValues: 1 << 16, maxValues: 1 << 16 });
    const first = new Column(arena);
    const second = new Column(arena);
    for (let i = 0; i < 1000; i++) first.push(i);
    for (let i = 0; i < 500; i++) second.push(-i);
    const [a, b] = [first.values(), second.values()];
    expect(a.buffer).toBe(b.buffer);
    expect(a.byteOffset).toBe(0);
    // The first column grew in place (4, 8, 16, ... 1024 values): the second starts after its room.
    expect(b.byteOffset).toBe(1024 * 8);
    expect(a.buffer.byteLength).toBe((1 << 16) * 8);
  });
});
