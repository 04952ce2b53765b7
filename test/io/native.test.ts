/**
 * The native reader (native/scaling.c) against independent references, not against itself:
 * - every number a scan takes equals JavaScript's Number(text) (CSV) or JSON.parse (JSONL) bit
 *   for bit, over some 20,000 seeded decimal strings of every shape; where a scan stops, it stops
 *   at the start of that line; and it takes every plain decimal (at most 15 significant digits,
 *   power of ten within +-22), so a fast path that silently refuses everything fails;
 * - the run name spans it reports (first row and each change), on hand-made blocks;
 * - a table of lines, CSV and JSONL, each of which must stop the scan at its line, and of lines
 *   that must be taken with known values;
 * - hugeBuffer's size, zeros and writes, and that bad arguments throw rather than crash;
 * - whole files (fixtures/ and generated ones) read with and without native give the same runs
 *   and summary, also thinned (maxPoints, every), and the losses written.
 * Skipped, with the reason, when the addon is not built (it is optional: npm run install).
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { RUN, SKIP } from "../../src/io/byteRows.js";
import { F, FIELD_COUNT } from "../../src/io/collector.js";
import { nativeReader } from "../../src/io/native.js";
import { readRuns, type ReadOptions } from "../../src/io/read.js";

const native = nativeReader();
const NOT_BUILT = "native reader not built (optional; a compiler is needed at npm install): nothing to test";

/** `run,params,step,loss`; loss may be 0 here so that "0" and "0.0" are converted too. */
const TABLE = { roles: Int8Array.of(RUN, F.params, F.step, F.loss), positive: Uint8Array.of(0, 1, 0, 0) };
/** The same with the reader's own rule: params and loss positive. */
const READER_TABLE = { roles: TABLE.roles, positive: Uint8Array.of(0, 1, 0, 1) };
/** And with a fifth column not read. */
const NOTE_TABLE = { roles: Int8Array.of(RUN, F.params, F.step, F.loss, SKIP), positive: Uint8Array.of(0, 1, 0, 1, 0) };
/** JSONL keys as jsonlBytes passes them: each key ends with a quote. */
const JSONL = { keys: Buffer.from('run"params"step"loss"'), roles: TABLE.roles, positive: TABLE.positive };
const READER_JSONL = { ...JSONL, positive: READER_TABLE.positive };
const NOTE_JSONL = { keys: Buffer.from('run"params"step"loss"note"'), roles: NOTE_TABLE.roles, positive: NOTE_TABLE.positive };

/** Rows taken; state[0], the index after the last of them; each row's values; (row, first, end) where the name changes. */
type Scan = { rows: number; next: number; values: number[][]; names: number[][] };
/** A table's roles per column, or JSONL's per key (with its keys). */
type ScanPlan = { keys?: Uint8Array; roles: Int8Array; positive: Uint8Array };

/** One scan of bytes[start, end), buffers as NativeRows has them (smaller when asked). */
function scan(plan: ScanPlan, bytes: Uint8Array, start = 0, end = bytes.length, rowCapacity = 8192, nameCapacity = rowCapacity, base = new Float64Array(FIELD_COUNT).fill(NaN)): Scan {
  const out = new Float64Array(rowCapacity * FIELD_COUNT);
  const names = new Int32Array(3 * nameCapacity);
  const state = new Int32Array(2);
  const rows = plan.keys
    ? native!.scanJsonl(bytes, start, end, plan.keys, plan.roles, plan.positive, base, out, names, state)
    : native!.scanTable(bytes, start, end, plan.roles, plan.positive, 44, base, out, names, state);
  const values = Array.from({ length: rows }, (_, row) => [...out.subarray(row * FIELD_COUNT, (row + 1) * FIELD_COUNT)]);
  const triples = Array.from({ length: state[1]! }, (_, k) => [...names.subarray(3 * k, 3 * k + 3)]);
  return { rows, next: state[0]!, values, names: triples };
}

// ------------------------------------------------------------------------------------------
// Decimal strings of every shape, seeded.

const digits = (min: number, max: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: min, maxLength: max });
const exponent = fc
  .tuple(fc.constantFrom("e", "E"), fc.constantFrom("", "+", "-"), fc.constantFrom("", "0", "00"), fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 400 })))
  .map(([e, sign, pad, value]) => `${e}${sign}${pad}${value}`);
/** Free-form: integer part, fraction, exponent, each optional (leading and trailing zeros included). */
const freeForm = fc
  .tuple(digits(0, 18), fc.option(digits(0, 18)), fc.option(exponent))
  .map(([int, frac, exp]) => `${int}${frac === null ? "" : `.${frac}`}${exp ?? ""}`);
/** m x 10^p for 1..17-digit m and p around +-22, written in e-notation or fixed-point. */
const scaled = fc.tuple(digits(1, 17), fc.integer({ min: -30, max: 30 }), fc.boolean()).map(([m, p, fixed]) => {
  if (!fixed) return `${m}e${p}`;
  if (p >= 0) return m + "0".repeat(Math.min(p, 8));
  const point = m.length + p;
  return point > 0 ? `${m.slice(0, point)}.${m.slice(point)}` : `0.${"0".repeat(-point)}${m}`;
});
/** Doubles as JavaScript prints them, at every precision. */
const printed = fc.tuple(fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 1, max: 17 })).map(([x, k]) => {
  const forms = [String(x), x.toPrecision(k), x.toExponential(k - 1), x < 1e21 ? x.toFixed(Math.min(k, 20)) : String(x)];
  return forms[k % forms.length]!;
});
/** Not plain decimals: signs, words, hex, separators, spaces; none holds a comma or line end. */
const odd = fc.constantFrom("-1", "+3", "-0", "Infinity", "NaN", "0x1f", "1_000", "1e", "1e+", ".", "..5", "1.2.3", " 2.5", "2.5 ", "\t2.5", "1 2", "e5", "5e-", "125M", "1e00001", "");
const HAND = ["0", "0.0", "5.", ".5", "0007", "0.000123", "123.4500", "1e22", "1e23", "1e-22", "1e-23", "9007199254740993", "123456789012345", "1234567890123456", "12345678901234567", "1.7976931348623157e308", "5e-324", "2.2250738585072014e-308", "1e400", "1e-400", "0e999", "4.35", "0.1", "0.3", "1E+05", "00.5e1"];
const TEXTS = [...HAND, ...fc.sample(fc.oneof({ arbitrary: freeForm, weight: 3 }, { arbitrary: scaled, weight: 3 }, { arbitrary: printed, weight: 3 }, { arbitrary: odd, weight: 1 }), { seed: 20_250_611, numRuns: 20_000 })];

/** A number as JSON writes it, without the sign (RFC 8259, section 6). */
const JSON_NUMBER = /^(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** At most 15 significant digits (as written, trailing zeros too) and a power of ten within +-22: what the fast path must take. */
function plain(text: string, json: boolean): boolean {
  const match = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/.exec(text);
  if (match === null || (match[1]! + (match[2] ?? "")).length === 0) return false;
  if (json && !JSON_NUMBER.test(text)) return false;
  const fraction = match[2] ?? "";
  const significant = (match[1]! + fraction).replace(/^0+/, "").length;
  return significant <= 15 && Math.abs(Number(match[3] ?? "0") - fraction.length) <= 22;
}

/**
 * Scans one line a text (rows i + 1) from the first line on, and after each stop from the line
 * after it; checks each row taken against reference(i) and each stop to be at its line start.
 */
function scanAll(plan: ScanPlan, line: (text: string, i: number) => string, reference: (i: number) => number | undefined): { taken: Set<number>; wrong: string[] } {
  const lines = TEXTS.map((text, i) => `${line(text, i)}\n`);
  const bytes = Buffer.from(lines.join(""));
  const starts = [0];
  for (const text of lines) starts.push(starts.at(-1)! + Buffer.byteLength(text));
  const taken = new Set<number>();
  const wrong: string[] = [];
  for (let at = 0; at < lines.length; ) {
    const { rows, next, values } = scan(plan, bytes, starts[at]);
    for (let k = 0; k < rows; k++) {
      const i = at + k;
      const [got, expected] = [values[k]![F.loss]!, reference(i)];
      taken.add(i);
      if (!Object.is(got, expected) || values[k]![F.step] !== i + 1 || values[k]![F.params] !== 1 || !Number.isNaN(values[k]![F.tokens]!)) {
        wrong.push(`${JSON.stringify(TEXTS[i])}: expected ${expected}, got ${got}`);
      }
    }
    if (next !== starts[at + rows]) wrong.push(`stopped at byte ${next}, not at the start of line ${at + rows + 1}`);
    at += rows + 1; // the line it stopped at is the JavaScript reader's
  }
  return { taken, wrong };
}

describe("native reader", () => {
  beforeEach((context) => context.skip(native === null, NOT_BUILT));

  describe("numbers", () => {
    it("CSV: each number taken is Number(text), bit for bit; every plain decimal is taken", () => {
      const { taken, wrong } = scanAll(TABLE, (text, i) => `r,1,${i + 1},${text}`, (i) => Number(TEXTS[i]));
      expect(wrong).toEqual([]);
      expect(TEXTS.filter((text, i) => plain(text, false) && !taken.has(i))).toEqual([]);
      // The generator reaches both sides: thousands plain (8,352 of 20,026 with this seed), thousands not.
      expect(TEXTS.filter((text) => plain(text, false)).length).toBeGreaterThan(7000);
      expect(TEXTS.length - taken.size).toBeGreaterThan(7000);
    });

    it("JSONL: each number taken is JSON.parse's; invalid JSON numbers are never taken; every plain one is", () => {
      const line = (text: string, i: number): string => `{"run":"r","params":1,"step":${i + 1},"loss":${text}}`;
      const parsed = (i: number): number | undefined => {
        try {
          return (JSON.parse(line(TEXTS[i]!, i)) as { loss: number }).loss;
        } catch {
          return undefined; // Object.is(value, undefined) fails: a taken row JSON refuses is reported
        }
      };
      const { taken, wrong } = scanAll(JSONL, line, parsed);
      expect(wrong).toEqual([]);
      expect(TEXTS.filter((text, i) => plain(text, true) && !taken.has(i))).toEqual([]);
      expect(TEXTS.filter((text) => plain(text, true)).length).toBeGreaterThan(6000); // 7,261 with this seed
    });
  });

  describe("names", () => {
    // Each row: its line, and the name's [offset in the line, length] where a triple is expected.
    const block: Array<[string, [number, number] | null]> = [
      ["a,1,1,1", [0, 1]],
      ["a,1,2,1", null],
      ['"b",1,3,1', [1, 1]],
      ["b,1,4,1", null], // the same bytes as the quoted b
      ["  c ,1,5,1\r", [2, 1]], // trimmed, CRLF
      ['"a,b",1,6,1', [1, 3]],
      ['" a,b ",1,7,1', null], // trimmed inside the quotes: a,b again
      ["a,1,8,1", [0, 1]],
      ["ab,1,9,1", [0, 2]],
    ];
    const text = block.map(([line]) => `${line}\n`).join("");
    const expected = (offset: number): number[][] => {
      const triples: number[][] = [];
      let start = offset;
      block.forEach(([line, span], row) => {
        if (span !== null) triples.push([row, start + span[0], start + span[0] + span[1]]);
        start += line.length + 1;
      });
      return triples;
    };

    it("CSV: the span on the first row and wherever the name changes", () => {
      const bytes = Buffer.from(text);
      const result = scan(TABLE, bytes);
      expect(result.rows).toBe(block.length);
      expect(result.names).toEqual(expected(0));
      expect(result.names.map(([, first, end]) => bytes.toString("latin1", first, end))).toEqual(["a", "b", "c", "a,b", "a", "ab"]);
    });

    it("spans count from the start of the view, not of its buffer", () => {
      const padded = Buffer.from(`${"x".repeat(37)}${text}`);
      expect(scan(TABLE, padded.subarray(37)).names).toEqual(expected(0));
      expect(scan(TABLE, padded, 37).names).toEqual(expected(37));
    });

    it("a scan stops where the names or rows are full, at that row", () => {
      const bytes = Buffer.from(text);
      expect(scan(TABLE, bytes, 0, bytes.length, 8192, 2)).toMatchObject({ rows: 4, next: text.indexOf("  c") });
      expect(scan(TABLE, bytes, 0, bytes.length, 3)).toMatchObject({ rows: 3, next: text.indexOf("b,1,4") });
    });

    it("JSONL: the run value's span, quotes excluded", () => {
      const lines = ['{"run":"a","params":1,"step":1,"loss":1}', '{"run":"a","params":1,"step":2,"loss":1}', '{ "run" : "bb" , "params":1,"step":3,"loss":1}'];
      const result = scan(JSONL, Buffer.from(lines.map((line) => `${line}\n`).join("")));
      const second = lines[0]!.length + lines[1]!.length + 2;
      expect(result.names).toEqual([[0, 8, 9], [2, second + 11, second + 13]]);
    });

    // A name equal to the last one read is compared whole (native/scaling.c): names that extend
    // it, stop short of it, or differ from it only in spaces or a line end are still read whole.
    it("CSV: names that start like the last one, or end where it does", () => {
      const rows: Array<[string, string | null]> = [
        ["run1,1,1,1", "run1"],
        ["run1,1,2,1", null],
        ["run10,1,3,1", "run10"],
        ["run1,1,4,1", "run1"],
        ["run1 ,1,5,1", null],
        ["run1 ,1,6,1", null],
        [" run1,1,7,1", null],
        ['"run1",1,8,1', null],
        ["run1,1,9,1\r", null],
        ["ru,1,10,1", "ru"],
      ];
      const bytes = Buffer.from(rows.map(([line]) => `${line}\n`).join(""));
      const result = scan(TABLE, bytes);
      expect(result.rows).toBe(rows.length);
      expect(result.values.map((row) => row[F.step])).toEqual(rows.map((_, i) => i + 1));
      expect(result.names.map(([row, first, end]) => [row, bytes.toString("latin1", first!, end)])).toEqual(
        rows.flatMap(([, name], row) => (name === null ? [] : [[row, name]])),
      );
    });

    it("CSV: a name in the last column, before CRLF or at the block's end", () => {
      const plan = { roles: Int8Array.of(F.params, F.step, F.loss, RUN), positive: Uint8Array.of(1, 0, 1, 0) };
      const taken = Buffer.from("1,1,1,abcdefgh\r\n1,2,1,abcdefgh\r\n1,3,1,abcdefgh\n1,4,1,abcdefghi\n1,5,1,a\n");
      const result = scan(plan, taken);
      expect(result.rows).toBe(5);
      expect(result.names.map(([row, first, end]) => [row, taken.toString("latin1", first!, end)])).toEqual([[0, "abcdefgh"], [3, "abcdefghi"], [4, "a"]]);
      // The same name with a stray CR: the scan stops at that line, as the byte loop does.
      const stray = Buffer.from("1,1,1,ab\n1,2,1,ab\r\r\n1,3,1,ab\n");
      expect(scan(plan, stray)).toMatchObject({ rows: 1, next: stray.indexOf("1,2,1") });
    });

    it("JSONL: names that start like the last one, or end where it does", () => {
      const names = ["a", "a", "ab", "a", "", "", "a"];
      const bytes = Buffer.from(names.map((name, i) => `{"run":"${name}","params":1,"step":${i + 1},"loss":1}\n`).join(""));
      const result = scan(JSONL, bytes);
      expect(result.rows).toBe(names.length);
      expect(result.names.map(([row, first, end]) => [row, bytes.toString("latin1", first!, end)])).toEqual([[0, "a"], [2, "ab"], [3, "a"], [4, ""], [6, "a"]]);
    });

    it("the base's values stay where the row has none", () => {
      const base = new Float64Array(FIELD_COUNT).fill(NaN);
      base[F.batchTokens] = 65536;
      const { values } = scan(TABLE, Buffer.from("r,7,3,2.5\n"), 0, 10, 1, 1, base);
      expect(values).toEqual([[7, NaN, 3, NaN, 65536, 2.5, NaN, NaN, NaN]]);
    });
  });

  // A call of at least 16,384 lines runs on two threads (native/scaling.c, scanSplit): this
  // thread the first half of the lines, a second thread the rest, merged as one scan would have
  // written them. The names change around the split (line 20,000 of 40,000) and a line the
  // scan does not take falls in either half.
  describe("a call on two threads", () => {
    const LINES = 40_000;
    const changes = new Set([0, 5000, 19_999, 20_000, 20_001, 39_999]);
    /** The lines, each line's offset, and the names' triples a scan of them all gives. */
    const block = (line: (row: number, name: string) => string) => {
      const lines: string[] = [];
      const offsets: number[] = [];
      const triples: number[][] = [];
      let name = "";
      let at = 0;
      for (let row = 0; row < LINES; row++) {
        if (changes.has(row)) name = `run${row}`;
        const text = line(row, name);
        const first = text.indexOf(name);
        if (changes.has(row)) triples.push([row, at + first, at + first + name.length]);
        offsets.push(at);
        lines.push(text);
        at += Buffer.byteLength(text) + 1;
      }
      return { lines, offsets, triples };
    };
    const csv = block((row, name) => `${name},${1 + (row % 7)},${row},${(1 + row / LINES).toFixed(6)}`);
    const jsonl = block((row, name) => `{"run":"${name}","params":${1 + (row % 7)},"step":${row},"loss":${(1 + row / LINES).toFixed(6)}}`);
    const bytesOf = (lines: string[]): Buffer => Buffer.from(lines.map((line) => `${line}\n`).join(""));

    it.each([
      ["CSV", TABLE, csv],
      ["JSONL", JSONL, jsonl],
    ] as const)("%s: every row, value and name, renumbered after the split", (_format, plan, { lines, triples }) => {
      const bytes = bytesOf(lines);
      const result = scan(plan, bytes, 0, bytes.length, 65_536);
      expect([result.rows, result.next]).toEqual([LINES, bytes.length]);
      expect(result.values.map((row) => row[F.step])).toEqual(lines.map((_, row) => row));
      expect(result.values[LINES - 1]![F.loss]).toBe(Number((1 + (LINES - 1) / LINES).toFixed(6)));
      expect(result.names).toEqual(triples);
    });

    it.each([
      ["CSV", TABLE, csv, 10_000],
      ["CSV", TABLE, csv, 20_000],
      ["CSV", TABLE, csv, 30_000],
      ["JSONL", JSONL, jsonl, 10_000],
      ["JSONL", JSONL, jsonl, 30_000],
    ] as const)("%s: a line not taken at line %i ends the scan there", (_format, plan, { lines, offsets, triples }, bad) => {
      const bytes = bytesOf(lines.map((line, row) => (row === bad ? "# not a row" : line)));
      const result = scan(plan, bytes, 0, bytes.length, 65_536);
      expect([result.rows, result.next]).toEqual([bad, offsets[bad]]);
      expect(result.names).toEqual(triples.filter(([row]) => row! < bad));
    });

    it("a call with room for fewer rows than lines: the rows that fit", () => {
      const bytes = bytesOf(csv.lines);
      const result = scan(TABLE, bytes, 0, bytes.length, 36_000);
      expect([result.rows, result.next]).toEqual([36_000, csv.offsets[36_000]]);
      expect(result.names).toEqual(csv.triples.filter(([row]) => row! < 36_000));
    });
  });

  describe("stops", () => {
    // Each line must stop the scan at its own start, after two good lines; the line after it is good too.
    const stopsAt = (plan: ScanPlan, good: string, line: string): void => {
      expect(scan(plan, Buffer.from(`${good}${good}${line}\n${good}`))).toMatchObject({ rows: 2, next: 2 * good.length });
    };
    // Signs, 0 (loss is positive), 16 significant digits, 1e23 (10^23 is not a double: two roundings), not numbers.
    const LOSSES = ["-1", "+3", "-0", "0", "1.234567890123456", "1e23", "1e400", "0x10", "1 2", '1"', "1e", "NaN", ""];

    it.each(LOSSES)("CSV: loss %j", (loss) => stopsAt(READER_TABLE, "r,1,1,1\n", `r,1,3,${loss}`));

    it.each([
      ["blank line", ""],
      ["comment", "# r,1,3,1"],
      ["params 0 (positive)", "r,0,3,1"],
      ["empty cell", "r,,3,1"],
      ["SI suffix", "r,125M,3,1"],
      ["quote inside an unquoted name", 'r"s,1,3,1'],
      ["escaped quote in a quoted name", '"r""s",1,3,1'],
      ["text after a closing quote", '"r"s,1,3,1'],
      ["unterminated quote", '"r,1,3,1'],
      ["too many fields", "r,1,3,1,5"],
      ["too few fields", "r,1,3"],
      ["non-ASCII run name", "ré,1,3,1"],
      ["tab in the run name", "r\ts,1,3,1"],
      ["empty run name", "  ,1,3,1"],
      ["CR without LF", "r,1,3,1\rr,1,4,1"],
      ["two CRs", "r,1,3,1\r\r"],
    ])("CSV: %s", (_what, line) => stopsAt(READER_TABLE, "r,1,1,1\n", line));

    it.each(['a"b', '"a"b', '"ab'])("CSV: the field not read is %s", (note) => stopsAt(NOTE_TABLE, "r,1,1,1,x\n", `r,1,3,1,${note}`));

    it.each(['"a,b é"', "é\tx", ""])("CSV: the field not read may be %j", (note) => {
      const bytes = Buffer.from(`r,1,3,1,${note}\n`);
      expect(scan(NOTE_TABLE, bytes)).toMatchObject({ rows: 1, next: bytes.length });
    });

    it("CSV: rows taken have their values; an unterminated last line is left", () => {
      const bytes = Buffer.from('r,1,3,2.5\r\n  s ,  10 ,4,  0.125  \n"t,u",1e3,5,7E-1\nr,1,6,1');
      const { rows, next, values } = scan(TABLE, bytes);
      expect([rows, next]).toEqual([3, bytes.lastIndexOf("r,1,6")]);
      expect(values.map((row) => [row[F.params], row[F.step], row[F.loss]])).toEqual([[1, 3, 2.5], [10, 4, 0.125], [1000, 5, 0.7]]);
    });

    const J = (loss: string, rest = ""): string => `{"run":"r","params":1,"step":3,"loss":${loss}${rest}}`;
    it.each([...LOSSES, "01", "1.", ".5", '"1.5"', "null", "true", '{"v":1}', "[1]"])("JSONL: loss %j", (loss) => stopsAt(READER_JSONL, `${J("1")}\n`, J(loss)));

    it.each([
      ["blank line", ""],
      ["other key", '{"run":"r","params":1,"step":3,"val":1}'],
      ["keys in another order", '{"params":1,"run":"r","step":3,"loss":1}'],
      ["a key more", J("1", ',"x":1')],
      ["a key fewer", '{"run":"r","params":1,"step":3}'],
      ["escaped key", '{"run":"r","params":1,"step":3,"lo\\u0073s":1}'],
      ["escape in the name", '{"run":"r\\u0041","params":1,"step":3,"loss":1}'],
      ["escaped quote in the name", '{"run":"r\\"","params":1,"step":3,"loss":1}'],
      ["non-ASCII name", '{"run":"ré","params":1,"step":3,"loss":1}'],
      ["tab in the name", '{"run":"r\ts","params":1,"step":3,"loss":1}'],
      ["number for the name", '{"run":1,"params":1,"step":3,"loss":1}'],
      ["trailing comma", J("1", ",")],
      ["text after the object", `${J("1")} x`],
      ["unclosed object", '{"run":"r","params":1,"step":3,"loss":1'],
      ["an array line", "[1,2]"],
      ["a longer key", '{"run":"r","params":1,"step":3,"losses":1}'],
      ["a shorter key", '{"run":"r","params":1,"step":3,"los":1}'],
      ["a line cut in a key", '{"ru'],
      ["a line cut in the name", '{"run":"'],
    ])("JSONL: %s", (_what, line) => stopsAt(JSONL, `${J("1")}\n`, line));

    const NOTE = (note: string): string => J("1", `,"note":${note}`);
    it.each(["tru", "-", "01", '"a\\"b"', "{}", "[1]"])("JSONL: the key not read is %s", (note) => stopsAt(NOTE_JSONL, `${NOTE("0")}\n`, NOTE(note)));

    it.each(["true", "null", "false", "-1.5e-3", '"é x"', "1234567890123456789"])("JSONL: the key not read may be %s", (note) => {
      const bytes = Buffer.from(`${NOTE(note)}\n`);
      expect(scan(NOTE_JSONL, bytes)).toMatchObject({ rows: 1, next: bytes.length });
    });

    it("JSONL: rows taken have their values (spaces, CRLF, exponents)", () => {
      const bytes = Buffer.from(' { "run" : "r" , "params" : 2e3 , "step" : 4 , "loss" : 0.5E1 } \r\n{"run":"s","params":1,"step":0,"loss":1.25}\n');
      const { rows, values } = scan(JSONL, bytes);
      expect(rows).toBe(2);
      expect(values.map((row) => [row[F.params], row[F.step], row[F.loss]])).toEqual([[2000, 4, 5], [1, 0, 1.25]]);
    });
  });
});

describe("native hugeBuffer and arguments", () => {
  beforeEach((context) => context.skip(native === null, NOT_BUILT));

  it.each([1, 4096, 3 * 2 ** 20 + 5])("hugeBuffer(%i): that many bytes, all zeros, writable", (bytes) => {
    const buffer = native!.hugeBuffer(bytes);
    expect([buffer instanceof ArrayBuffer, buffer.byteLength]).toEqual([true, bytes]);
    const view = new Uint8Array(buffer);
    expect(view.every((byte) => byte === 0)).toBe(true);
    view.fill(0xa5);
    expect(view.every((byte) => byte === 0xa5)).toBe(true);
  });

  it.each([0, 0.5, -1, NaN, Infinity, 1e13, "1024", undefined])("hugeBuffer(%s) throws", (bytes) => {
    const hugeBuffer = native!.hugeBuffer as (bytes?: unknown) => ArrayBuffer;
    expect(() => hugeBuffer(bytes)).toThrow(new RangeError("hugeBuffer: bytes must be a number of at least 1"));
  });

  // scanTable's arguments, each replaced in turn by a bad one.
  const args = (): unknown[] => {
    const base = new Float64Array(FIELD_COUNT).fill(NaN);
    return [Buffer.from("r,1,1,1\n"), 0, 8, TABLE.roles, TABLE.positive, 44, base, new Float64Array(FIELD_COUNT * 4), new Int32Array(12), new Int32Array(2)];
  };
  it.each([
    ["no arguments", -1, null],
    ["bytes as a string", 0, "r,1,1,1\n"],
    ["bytes as a Float64Array", 0, new Float64Array(8)],
    ["start as a string", 1, "0"],
    ["start negative", 1, -1],
    ["end beyond the bytes", 2, 9],
    ["end before start", 2, -1],
    ["roles as a Uint8Array", 3, Uint8Array.of(0, 1, 2, 3)],
    ["positive of another length", 4, Uint8Array.of(0)],
    ["delimiter as a string", 5, ","],
    ["base empty", 6, new Float64Array(0)],
    ["out as a plain array", 7, [0, 0]],
    ["names as a Float64Array", 8, new Float64Array(12)],
    ["state too short", 9, new Int32Array(1)],
  ])("scanTable with %s throws a TypeError", (_what, index, bad) => {
    const scanTable = native!.scanTable as unknown as (...args: unknown[]) => number;
    const given = index < 0 ? [] : args().map((arg, k) => (k === index ? bad : arg));
    expect(() => scanTable(...given)).toThrow(new TypeError("scanTable: bad arguments"));
  });

  it("a role beyond the row throws a RangeError; scanJsonl checks its arguments too", () => {
    const given = args();
    given[3] = Int8Array.of(RUN, 0, 1, FIELD_COUNT);
    expect(() => (native!.scanTable as unknown as (...args: unknown[]) => number)(...given)).toThrow(new RangeError("scanTable: a role beyond the row"));
    const scanJsonl = native!.scanJsonl as unknown as (...args: unknown[]) => number;
    const [bytes, start, end, roles, positive, , base, out, names, state] = args();
    const line = Buffer.from('{"run":"r","params":1,"step":1,"loss":1}\n');
    expect(scanJsonl(line, 0, line.length, JSONL.keys, roles, positive, base, out, names, state)).toBe(1);
    expect(() => scanJsonl(bytes, start, end, "run", roles, positive, base, out, names, state)).toThrow(new TypeError("scanJsonl: bad arguments"));
    expect(() => scanJsonl(bytes, start, end, JSONL.keys, roles, positive, base, out, names)).toThrow(new TypeError("scanJsonl: bad arguments"));
    expect(() => scanJsonl(bytes, start, end, JSONL.keys, Int8Array.of(RUN, 0, 1, 99), positive, base, out, names, state)).toThrow(new RangeError("scanJsonl: a role beyond the row"));
    // Keys must be printable ASCII, each ending in a quote (a newline in a key would let the match
    // run past the line); otherwise nothing is read, even a line with those very keys.
    expect(scanJsonl(line, 0, line.length, Buffer.from('run"params"step"loss'), roles, positive, base, out, names, state)).toBe(0);
    const tabbed = Buffer.from('{"run":"r","par\tams":1,"step":1,"loss":1}\n');
    expect(scanJsonl(tabbed, 0, tabbed.length, Buffer.from('run"par\tams"step"loss"'), roles, positive, base, out, names, state)).toBe(0);
  });
});

// ------------------------------------------------------------------------------------------
// Whole files: the same runs and summary with and without native.

/** A read's runs and summary, or its error: what must not depend on ReadOptions.native. */
async function outcome(paths: string[], options: ReadOptions): Promise<unknown> {
  try {
    return await readRuns(paths, options);
  } catch (error) {
    return { error: String(error), code: (error as { code?: unknown }).code };
  }
}

const THINNING: ReadOptions[] = [{}, { maxPoints: 50 }, { every: 3 }];

/** A few thousand rows of 5 runs, plain rows mixed with rows the scans hand back; each run's losses as written. */
function generated(dir: string): { paths: string[]; losses: Map<string, number[]> } {
  const losses = new Map<string, number[]>();
  const csv = ["run,params,batch_tokens,step,loss"];
  const jsonl: string[] = [];
  // Positive numbers valid in JSON too (CSV's `5.`, `.5` and `007` are in the number tests).
  const texts = fc.sample(
    fc.oneof(scaled, printed).filter((text) => JSON_NUMBER.test(text) && Number(text) > 0 && Number.isFinite(Number(text))),
    { seed: 11, numRuns: 3000 },
  );
  texts.forEach((text, i) => {
    const run = `run${i % 5}`;
    const step = Math.floor(i / 5) + 1;
    csv.push(`${i % 97 === 0 ? `"${run}"` : run},${1e6 * (1 + (i % 5))},65536,${step},${text}${i % 89 === 0 ? "\r" : ""}`);
    if (i % 101 === 0) csv.push(i % 2 === 0 ? "" : "# a comment");
    const name = i % 113 === 0 ? `"run":"ru\\u006e${i % 5}"` : `"run":"${run}"`;
    jsonl.push(i % 71 === 0 ? `{"step":${step},${name},"params":1e6,"loss":${text}}` : `{${name},"params":1e6,"step":${step},"loss":${text}}`);
    losses.set(run, [...(losses.get(run) ?? []), Number(text)]);
  });
  writeFileSync(join(dir, "big.csv"), `${csv.join("\n")}\n`);
  writeFileSync(join(dir, "big.jsonl"), `${jsonl.join("\n")}\n`);
  return { paths: [join(dir, "big.csv"), join(dir, "big.jsonl")], losses };
}

describe("whole files, with and without native", () => {
  beforeEach((context) => context.skip(native === null, NOT_BUILT));
  const dir = mkdtempSync(join(tmpdir(), "scaling-native-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const root = fileURLToPath(new URL("../../fixtures/", import.meta.url));
  const fixtures = readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((path) => /\.(csv|tsv|jsonl?|ya?ml|py)$/.test(path))
    .sort()
    .map((path) => join(root, path));

  it.each(THINNING)("every fixture reads the same (%o)", async (thinning) => {
    let accepted = 0;
    for (const path of fixtures) {
      const [withNative, without] = [await outcome([path], { ...thinning, native: true }), await outcome([path], { ...thinning, native: false })];
      expect(withNative, path).toEqual(without);
      if (!("error" in (without as object))) accepted++;
    }
    expect(accepted).toBeGreaterThanOrEqual(7);
  });

  it.each(THINNING)("generated CSV and JSONL read the same (%o)", async (thinning) => {
    const { paths } = generated(dir);
    for (const path of paths) {
      const without = await outcome([path], { ...thinning, native: false });
      expect(without, path).not.toHaveProperty("error");
      expect(await outcome([path], { ...thinning, native: true }), path).toEqual(without);
    }
  });

  it("generated files: each run's losses are the numbers written", async () => {
    const { paths, losses } = generated(dir);
    for (const path of paths) {
      const { runs } = await readRuns([path]);
      expect(new Map(runs.map((run) => [run.id, [...run.loss]])), path).toEqual(losses);
    }
  });
});
