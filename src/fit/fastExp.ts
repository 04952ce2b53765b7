/** 2^(j/64), j = 0..63. */
const TWO_TO_J64 = Float64Array.from({ length: 64 }, (_, j) => 2 ** (j / 64));
/** 2^k for k = −1024..1023, at k + 1024. */
const TWO_TO_K = Float64Array.from({ length: 2048 }, (_, k) => 2 ** (k - 1024));
/** 64/ln2. */
const INV_LN2_64 = 92.33248261689366;
/** ln2/64 to 32 significant bits (so n · LN2_64_HI is exact for |n| < 2^21), and the rest. */
const LN2_64_HI = 0.01083042469326756;
const LN2_64_LO = 2.9815858269852933e-12;
/** 1.5 · 2^52: adding and subtracting it rounds a double of magnitude < 2^51 to an integer. */
const ROUND = 6755399441055744;

/**
 * e^x for the grid fit's inner loop (issue 7), within 2 ulp of Math.exp and about twice as fast
 * in V8, where Math.exp is a call into C that TurboFan cannot inline.
 *
 * Tang's table method (Tang 1989, "Table-driven implementation of the exponential function in
 * IEEE floating-point arithmetic", ACM TOMS 15(2)): x = (64k + j) ln2/64 + r with |r| ≤ ln2/128,
 * so e^x = 2^k · 2^(j/64) · e^r. ln2/64 is split in two (Cody & Waite) so that r is exact to
 * rounding; e^r is its Taylor polynomial to r⁵ (truncation below r⁶/720 < 4e-17); 2^k and
 * 2^(j/64) come from tables. Outside (−708, 708), where 2^k would leave the normal range, and for
 * NaN, it returns Math.exp(x).
 * @param x - the exponent
 * @returns e^x, relative error ≤ 2⁻⁵¹ against Math.exp (test/fit/fastExp.test.ts)
 * @example fastExp(1) // 2.718281828459045
 */

export function fastExp(x: number): number {
  if (!(x > -708 && x < 708)) return Math.exp(x);
  const n = x * INV_LN2_64 + ROUND - ROUND;
  const r = x - n * LN2_64_HI - n * LN2_64_LO;
  const ni = n | 0;
  const er = 1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120)))));
  return TWO_TO_K[(ni >> 6) + 1024]! * (TWO_TO_J64[ni & 63]! * er);
}
