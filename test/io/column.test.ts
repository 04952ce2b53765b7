/** Column (io/column.ts): push, at, set and values across its block boundaries, against a plain array. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Column } from "../../src/io/column.js";

describe("Column", () => {
  it("holds what was pushed, in order, through the doubling first block and the blocks after it", () => {
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

  it("gives a small column an array of its own size, not its block", () => {
    const column = new Column();
    column.push(3);
    expect(column.values().buffer.byteLength).toBe(8);
  });
});
