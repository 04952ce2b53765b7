/**
 * Decimal numbers read straight from bytes, giving exactly what `Number(text)` (or JSON.parse)
 * gives for the same text. Clinger's fast path: when the decimal mantissa m has at most 15
 * significant digits (m < 2^53, exact as a double) and the decimal exponent e has |e| <= 22
 * (10^|e| is exact as a double), m x 10^e or m / 10^-e is one correctly rounded IEEE operation,
 * so it equals the correctly rounded value of the decimal. Other numbers of valid syntax are
 * converted by `Number` on their (ASCII) text. W. D. Clinger, "How to read floating point
 * numbers accurately", PLDI 1990.
 */

/** 10^0 ... 10^22, each exact as a double. */
const POW10 = Float64Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** Significant digits the fast path takes: any 15-digit integer is below 2^53. */
const MAX_DIGITS = 15;

export class DecimalScanner {
  /** Index just after the number last scanned (valid when the scan did not return NaN). */
  end = 0;
  /**
   * The significant digits seen by `scan`: the first 9 in `head` and the next 6 in `tail` (small
   * integers, no overflow to doubles), and how many (leading zeros not counted); more than 15
   * leave the conversion to Number.
   */
  private head = 0;
  private tail = 0;
  private digits = 0;

  /**
   * `scan(bytes, start, json)`, shorter for the common cell: plain digits with an optional
   * point, at most 15 of them, no sign and no exponent (small enough for V8 to inline).
   */
  scanPlain(bytes: Uint8Array, start: number, json: boolean): number {
    let p = start;
    let mantissa = 0;
    let d = bytes[p]! - 48;
    while (d >= 0 && d <= 9) {
      mantissa = mantissa * 10 + d;
      d = bytes[++p]! - 48;
    }
    let scale = 0;
    const intDigits = p - start;
    let count = intDigits;
    const point = d === 46 - 48; /* . */
    if (point) {
      const fracStart = ++p;
      d = bytes[p]! - 48;
      while (d >= 0 && d <= 9) {
        mantissa = mantissa * 10 + d;
        d = bytes[++p]! - 48;
      }
      scale = p - fracStart;
      count += scale;
    }
    if (count === 0 || count > MAX_DIGITS || d === 101 - 48 /* e */ || d === 69 - 48 /* E */) return this.scan(bytes, start, json);
    // JSON: digits before the point, after the point if any, and no leading zero.
    if (json && (intDigits === 0 || (point && scale === 0) || (intDigits > 1 && bytes[start] === 48))) return this.scan(bytes, start, json);
    this.end = p;
    return scale === 0 ? mantissa : mantissa / POW10[scale]!;
  }

  /**
   * The number whose text starts at `start` in `bytes`, or NaN when the bytes there are not one.
   * CSV syntax (`json` false), as `Number` reads it: `[+-]?(digits[.digits?] | .digits)([eE][+-]?digits)?`
   * (`5.`, `.5`, `+3`, `007` are numbers). JSON syntax (`json` true): `-?(0|[1-9]digits*)(.digits)?([eE][+-]?digits)?`.
   * The scan stops at the first byte that cannot continue the number; the caller checks what follows.
   * @example new DecimalScanner().scan(Buffer.from("1.5e3,"), 0, false) // 1500, end 5
   */
  scan(bytes: Uint8Array, start: number, json: boolean): number {
    let p = start;
    // Past the end of `bytes`, c is undefined and c - 48 is NaN: no digit, no sign, no point.
    let c = bytes[p]!;
    let negative = false;
    if (c === 45 /* - */) {
      negative = true;
      c = bytes[++p]!;
    } else if (c === 43 /* + */ && !json) {
      c = bytes[++p]!;
    }
    this.head = 0;
    this.tail = 0;
    this.digits = 0;
    const intStart = p;
    p = this.significant(bytes, p);
    let d = bytes[p]! - 48;
    let seen = p - intStart;
    if (json && (seen === 0 || (seen > 1 && bytes[intStart] === 48))) return NaN;
    let scale = 0; // digits after the point
    if (d === 46 - 48 /* . */) {
      const fracStart = ++p;
      p = this.significant(bytes, p);
      d = bytes[p]! - 48;
      scale = p - fracStart;
      if (json && scale === 0) return NaN;
      seen += scale;
    }
    if (seen === 0) return NaN;
    let exponent = 0;
    if (d === 101 - 48 /* e */ || d === 69 - 48 /* E */) {
      c = bytes[++p]!;
      let exponentNegative = false;
      if (c === 45 || c === 43) {
        exponentNegative = c === 45;
        c = bytes[++p]!;
      }
      d = c - 48;
      const expStart = p;
      while (d >= 0 && d <= 9) {
        if (exponent < 100_000) exponent = exponent * 10 + d;
        d = bytes[++p]! - 48;
      }
      if (p === expStart) return NaN;
      if (exponentNegative) exponent = -exponent;
    }
    this.end = p;
    const { head, tail, digits } = this;
    if (digits > MAX_DIGITS) return Number(asciiText(bytes, start, p));
    if (digits === 0) return negative ? -0 : 0;
    const mantissa = digits <= 9 ? head : head * POW10[digits - 9]! + tail;
    const power = exponent - scale;
    let value: number;
    if (power === 0) value = mantissa;
    else if (power > 0 && power <= 22) value = mantissa * POW10[power]!;
    else if (power < 0 && power >= -22) value = mantissa / POW10[-power]!;
    else return Number(asciiText(bytes, start, p));
    return negative ? -value : value;
  }

  /** Adds the digits from `p` on (integer or fraction part) to head/tail/digits; the index after them. */
  private significant(bytes: Uint8Array, p: number): number {
    let d = bytes[p]! - 48;
    while (d >= 0 && d <= 9) {
      if (this.digits < 9) {
        if (this.digits !== 0 || d !== 0) {
          this.head = this.head * 10 + d;
          this.digits++;
        }
      } else {
        if (this.digits < MAX_DIGITS) this.tail = this.tail * 10 + d;
        this.digits++;
      }
      d = bytes[++p]! - 48;
    }
    return p;
  }
}

/** bytes[start, end) as text; every byte there is ASCII. */
function asciiText(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString("latin1");
}
