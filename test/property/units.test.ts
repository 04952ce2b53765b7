/**
 * Property tests of reading and printing quantities (src/io/units.ts): whatever `scaling`
 * prints, it reads back within the printed precision; whatever a user types, it either reads
 * as a finite number or fails with a ScalingError (never NaN, never another exception).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isScalingError } from "../../src/errors.js";
import { FLOPS_PER_PF_DAY, formatSI, formatSig, parsePositive, parseQuantity } from "../../src/io/units.js";

const SEED = 20260806;
const RUNS = 200;

/** Doubles of every magnitude a quantity can have, both signs. */
const magnitude = fc.double({ min: 1e-300, max: 1e300, noNaN: true, noDefaultInfinity: true });
const signed = fc.tuple(magnitude, fc.boolean()).map(([x, negative]) => (negative ? -x : x));

/** Relative error allowed by `digits` significant figures: half a unit in the last place. */
const halfUlp = (digits: number): number => 0.5 * 10 ** (1 - digits) * (1 + 1e-12);

describe("parseQuantity(formatSig(x)) round trip", () => {
  it.each([3, 4])("reads back %i significant figures within half a unit in the last place", (digits) => {
    fc.assert(
      fc.property(signed, (x) => {
        const printed = formatSig(x, digits);
        const read = parseQuantity(printed, "--x");
        expect(Math.abs(read - x) / Math.abs(x)).toBeLessThanOrEqual(halfUlp(digits));
        // And it is a fixed point: printing what was read gives the same text.
        expect(formatSig(read, digits)).toBe(printed);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("prints three significant figures (a whole number may end in placeholder zeros: 999.5 -> 1000)", () => {
    fc.assert(
      fc.property(signed, (x) => {
        const mantissa = formatSig(x).replace(/^-/, "").replace(/e-?\d+$/, "");
        const digits = mantissa.includes(".")
          ? mantissa.replace(".", "").replace(/^0+/, "")
          : mantissa.replace(/0+$/, "");
        if (mantissa.includes(".")) expect(digits).toHaveLength(3);
        else expect(digits.length).toBeLessThanOrEqual(3);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe("parseQuantity(formatSI(x)) round trip", () => {
  it("reads SI-suffixed counts back within printed precision", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e20, noNaN: true }), (x) => {
        const printed = formatSI(x);
        expect(printed).toMatch(/^\d[\d.]*(e-?\d+)?[kMBT]?$/);
        const read = parseQuantity(printed, "--params");
        expect(Math.abs(read - x) / x).toBeLessThanOrEqual(halfUlp(3) * 1.001);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it.each([
    // The suffixes' meaning, independent of formatSI: DESIGN.md, "Numbers are read with SI suffixes".
    ["1.3B", 1.3e9],
    ["300M", 3e8],
    ["2.5T", 2.5e12],
    ["125k", 1.25e5],
    ["3.5pf-days", 3.5 * 8.64e19],
  ])("%s reads as %d", (text, value) => {
    expect(parseQuantity(text, "--x")).toBeCloseTo(value, -Math.floor(Math.log10(value)) + 12);
  });

  it("x pf-days is x times 8.64e19 FLOPs (1e15 FLOP/s for a day)", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (x) => {
        const text = x.toString();
        for (const unit of ["pf-days", "PF-days", "pfdays", "pf-day"]) {
          const read = parseQuantity(`${text}${unit}`, "--compute");
          expect(Math.abs(read / (x * 1e15 * 86400) - 1)).toBeLessThan(1e-15);
        }
        expect(FLOPS_PER_PF_DAY).toBe(1e15 * 86400);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});

describe("parsing whatever a user types", () => {
  /** Strings near the grammar: digits, signs, dots, exponents, suffixes, junk. */
  const nearNumber = fc
    .array(fc.constantFrom(..."0123456789+-.eE kMBGTpf-daysflopx,_\t", "1e308", "9".repeat(400), "NaN", "Infinity", "0x1f"), {
      maxLength: 12,
    })
    .map((parts) => parts.join(""));

  it("returns a finite number or throws a ScalingError with the flag and the text", () => {
    fc.assert(
      fc.property(fc.oneof(nearNumber, fc.string(), fc.string({ unit: "binary" })), (text) => {
        // Plain booleans, not expect(): this runs hundreds of times.
        try {
          return Number.isFinite(parseQuantity(text, "--compute"));
        } catch (error) {
          return isScalingError(error) && error.message.startsWith("--compute: ");
        }
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it("parsePositive never returns zero, a negative or NaN", () => {
    fc.assert(
      fc.property(fc.oneof(nearNumber, signed.map(String), fc.constant("0"), fc.constant("-0"), fc.constant("1e-400")), (text) => {
        try {
          const value = parsePositive(text, "--params");
          expect(value > 0 && Number.isFinite(value)).toBe(true);
        } catch (error) {
          expect(isScalingError(error)).toBe(true);
        }
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe("messages about bad numbers stay on one line (DESIGN.md: one or two lines on stderr)", () => {
  // Found by this file: the text was quoted raw, so a newline inside a flag's value split the
  // message, and a terminal escape in it was printed as is. Now quoted with JSON.stringify.
  it('--compute "1\\n2" gives a one-line message', () => {
    expect(() => parseQuantity("1\n2", "--compute")).toThrow(/^--compute: "1\\n2" is not a number; write it like 1e21, 1.3B, 300M or 3.5pf-days$/);
  });
  it("--compute 1e999 says it is too large (one line)", () => {
    expect(() => parseQuantity("1e999", "--compute")).toThrow(/^--compute: "1e999" is too large to represent; use a finite number$/);
  });
});
