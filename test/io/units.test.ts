import { describe, expect, it } from "vitest";
import {
  formatFlops,
  formatLoss,
  formatParams,
  formatPfDays,
  formatSig,
  formatTokens,
  parsePositive,
  parseQuantity,
} from "../../src/io/units.js";

describe("units", () => {
  it.each([
    ["1e21", 1e21],
    ["1.3B", 1.3e9],
    ["300M", 3e8],
    ["2.5T", 2.5e12],
    ["125k", 125e3],
    ["2.5e3", 2500],
    ["7e9", 7e9],
    ["3.5pf-days", 3.5 * 8.64e19],
    ["3.5pfdays", 3.5 * 8.64e19],
    ["3.5 PF-days", 3.5 * 8.64e19],
    ["1PF-day", 8.64e19],
    ["1e21flops", 1e21],
    [" 42 ", 42],
  ])("parses %s", (text, expected) => {
    expect(parsePositive(text, "--x")).toBeCloseTo(expected, -Math.floor(Math.log10(expected)) + 12);
  });

  it.each([
    ["-5", '--compute: "-5" must be greater than zero'],
    ["0", '--compute: "0" must be greater than zero'],
    ["NaN", '--compute: "NaN" is not a number; write it like 1e21, 1.3B, 300M or 3.5pf-days'],
    ["1e400", '--compute: "1e400" is too large to represent; use a finite number'],
    ["12abc", '--compute: "12abc" is not a number; write it like 1e21, 1.3B, 300M or 3.5pf-days'],
    ["", '--compute: "" is not a number; write it like 1e21, 1.3B, 300M or 3.5pf-days'],
    ["1e", '--compute: "1e" is not a number; write it like 1e21, 1.3B, 300M or 3.5pf-days'],
  ])("rejects %s", (text, message) => {
    expect(() => parsePositive(text, "--compute")).toThrow(message);
  });

  it("accepts zero and negatives where a plain number is asked", () => {
    expect(parseQuantity("-5", "--x")).toBe(-5);
  });

  it("prints three significant figures with units", () => {
    expect(formatParams(2e9)).toBe("2.00B params");
    expect(formatParams(350e6)).toBe("350M params");
    expect(formatParams(999.7e6)).toBe("1.00B params");
    expect(formatTokens(8.3412e10)).toBe("8.34e10 tokens");
    expect(formatPfDays(11.574)).toBe("11.6 PF-days");
    expect(formatFlops(1e21)).toBe("1.00e21 FLOPs");
    expect(formatLoss(2.45740061)).toBe("2.457 nats/token");
    expect(formatSig(0.02)).toBe("0.0200");
    expect(formatSig(12345)).toBe("12300");
    expect(formatSig(123456)).toBe("1.23e5");
    expect(formatSig(1e-7)).toBe("1.00e-7");
  });

  it("round-trips: parse(format(x)) is within the printed precision", () => {
    for (let e = -2; e <= 30; e += 0.37) {
      const value = 10 ** e;
      const printed = formatSig(value);
      expect(Math.abs(parseQuantity(printed, "x") / value - 1)).toBeLessThan(5e-3);
    }
  });
});
