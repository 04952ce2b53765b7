/**
 * Numbers read from bytes are exactly what `Number(text)` (CSV) and `JSON.parse(text)` (JSON)
 * give for the same text: the reference is the engine's own correctly rounded conversion.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DecimalScanner } from "../../src/io/decimal.js";

const options = { seed: 20_251_125, numRuns: 20_000 };
const scanner = new DecimalScanner();

/** The number at the start of `text` followed by `,`, and where the scan stopped. */
function scan(text: string, json = false): { value: number; end: number } {
  const bytes = Buffer.from(`${text},`, "latin1");
  const value = scanner.scan(bytes, 0, json);
  const end = scanner.end;
  // The short form for plain cells must agree with the full scan on every text.
  const plain = scanner.scanPlain(bytes, 0, json);
  expect(Object.is(plain, value), `scanPlain(${text}) = ${plain}, scan = ${value}`).toBe(true);
  if (!Number.isNaN(value)) expect(scanner.end).toBe(end);
  return { value, end };
}

const digits = (max: number): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: fc.constantFrom(..."0123456789"), maxLength: max }),
    // Runs of zeros and nines: leading zeros, trailing zeros, carries near powers of ten.
    fc.tuple(fc.constantFrom("", "0", "00000", "9", "99999999"), fc.string({ unit: fc.constantFrom(..."0123456789"), maxLength: 8 }), fc.constantFrom("", "0", "000000000", "9999"))
      .map(([a, b, c]) => a + b + c),
  );

/** Decimal text as a CSV cell may hold it: `+3`, `.5`, `5.`, `007`, `1E+05`, `-0.000e-7`. */
const csvNumber = fc
  .record({
    sign: fc.constantFrom("", "", "-", "+"),
    int: digits(25),
    point: fc.boolean(),
    frac: digits(25),
    exponent: fc.option(fc.tuple(fc.constantFrom("e", "E"), fc.constantFrom("", "-", "+"), fc.integer({ min: 0, max: 400 }).map(String)), { nil: null }),
  })
  .filter(({ int, point, frac }) => int.length + (point ? frac.length : 0) > 0)
  .map(({ sign, int, point, frac, exponent }) => `${sign}${int}${point ? `.${frac}` : ""}${exponent === null ? "" : exponent.join("")}`);

/** Text of a JSON number: `-?(0|[1-9]d*)(.d+)?([eE][+-]?d+)?`. */
const jsonNumber = fc
  .record({
    negative: fc.boolean(),
    int: fc.oneof(fc.constant("0"), fc.tuple(fc.constantFrom(..."123456789"), digits(20)).map(([a, b]) => a + b)),
    frac: fc.option(digits(25).filter((d) => d.length > 0), { nil: null }),
    exponent: fc.option(fc.tuple(fc.constantFrom("e", "E"), fc.constantFrom("", "-", "+"), fc.integer({ min: 0, max: 400 }).map(String)), { nil: null }),
  })
  .map(({ negative, int, frac, exponent }) => `${negative ? "-" : ""}${int}${frac === null ? "" : `.${frac}`}${exponent === null ? "" : exponent.join("")}`);

describe("DecimalScanner", () => {
  it("reads any decimal text exactly as Number does, and stops at its end", () => {
    fc.assert(
      fc.property(csvNumber, (text) => {
        const { value, end } = scan(text);
        expect(Object.is(value, Number(text)), `${text}: ${value} vs ${Number(text)}`).toBe(true);
        expect(end).toBe(text.length);
      }),
      options,
    );
  });

  it("reads any JSON number exactly as JSON.parse does", () => {
    fc.assert(
      fc.property(jsonNumber, (text) => {
        expect(Object.is(scan(text, true).value, JSON.parse(text))).toBe(true);
      }),
      options,
    );
  });

  it.each([
    "0.1", "4.35", "37.61258", "1e-7", ".5", "5.", "+3", "-0", "007", "1E+05", "5.e3",
    // 15, 16 and 17 significant digits: the fast path ends at 15
    "123456789012345", "1234567890123456", "12345678901234567", "0.30000000000000004", "9007199254740993",
    "1.000000000000000000000000001", "0.000000000000000000000000001", "100000000000000000000000",
    // exponent at and past 22, subnormals, the largest double and past it
    "1e22", "1e23", "123e-22", "1e-23", "2.2250738585072014e-308", "5e-324", "2e-324", "1.7976931348623157e308", "1e309", "0e999999",
  ])("%s as Number reads it", (text) => {
    expect(Object.is(scan(text).value, Number(text))).toBe(true);
  });

  it.each(["", ".", "e5", ".e5", "+", "-", "+-1", "1e", "1e+", "abc", "-.", " 1"])("%j is not a number (NaN)", (text) => {
    expect(scan(text).value).toBeNaN();
  });

  it.each(["01", "+1", ".5", "5.", "1.e5", "-", "-.5", "00"])("%j is not a JSON number", (text) => {
    expect(scan(text, true).value).toBeNaN();
  });

  it("stops at the first byte that cannot continue the number", () => {
    expect(scan("125M")).toEqual({ value: 125, end: 3 });
    expect(scan("3.5e")).toMatchObject({ value: NaN });
    expect(scan("1.5 ")).toEqual({ value: 1.5, end: 3 });
    expect(scan("2.5e-3x")).toEqual({ value: 0.0025, end: 6 });
  });

  it("reads a number that runs to the end of the bytes", () => {
    const bytes = Buffer.from("x61.25");
    expect(scanner.scan(bytes, 1, false)).toBe(61.25);
    expect(scanner.end).toBe(6);
  });
});
