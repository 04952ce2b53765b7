/**
 * JSONL lines read straight from bytes when they are flat objects of plain keys: each key a
 * string of printable ASCII without escapes, each value a number, a string without escapes,
 * true, false or null. The line is checked whole against that subset of JSON before anything
 * is read from it; the mapping of its key sequence (objectRows.ts) is made once and kept while
 * the next lines have the same keys, compared as bytes. Every other line (nested values,
 * escapes, an array or integer-like key, a repeated or forbidden key, a number as a string, a
 * bad value, a comment, invalid JSON) goes through JSON.parse and objectRows' handler, so rows
 * and errors are exactly those of the string path. When the native reader is built, its scan
 * (native/scaling.c) takes the lines with the plan's keys that this fast path would take.
 */
import type { LineBlock } from "./byteLines.js";
import { NameCache, NativeRows, RUN } from "./byteRows.js";
import { DecimalScanner } from "./decimal.js";
import type { FileContext } from "./fileContext.js";
import { type NativeReader, nativeReader } from "./native.js";
import type { KeyPlan, ObjectRows } from "./objectRows.js";

const NEWLINE = 10;
const QUOTE = 34;
const BACKSLASH = 92;

/** Keys a line may have on the fast path. */
const MAX_KEYS = 64;

/** Value kinds. */
const NUMBER = 1;
const STRING = 2;
const OTHER = 3;

/** JSON whitespace within a line. */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

export class JsonlBytes {
  /** Lines consumed so far. */
  private line = 0;
  private readonly numbers = new DecimalScanner();
  private readonly names = new NameCache();
  /** The run name of the line last read, or null when its keys have none. */
  private name: string | null = null;
  private values = new Float64Array(0);
  // The line last parsed: each key's span, each value's kind, number, and string span.
  private count = 0;
  private readonly keyStart = new Int32Array(MAX_KEYS);
  private readonly keyEnd = new Int32Array(MAX_KEYS);
  private readonly kinds = new Uint8Array(MAX_KEYS);
  private readonly numberValues = new Float64Array(MAX_KEYS);
  private readonly textStart = new Int32Array(MAX_KEYS);
  private readonly textEnd = new Int32Array(MAX_KEYS);
  // The key sequence of the current plan, as bytes: keys joined by a quote (never in a key).
  private keyBytes = new Uint8Array(1024);
  private keyLength = -1;
  /** Whether the line last parsed has the plan's keys. */
  private keysSame = false;
  private plan: KeyPlan | null = null;
  /** The native reader's scan (native.ts), taking the lines of the plan's keys that `parse` and `read` would take. */
  private readonly native: NativeReader | null;
  private nativeRows: NativeRows | null = null;

  /**
   * @param slow - reads one line through JSON.parse and the handler (text without its newline)
   */
  constructor(
    private readonly context: FileContext,
    private readonly handler: ObjectRows,
    private readonly slow: (text: string, line: number) => void,
  ) {
    this.native = nativeReader(context.options);
  }

  /** Lines consumed so far. */
  get lines(): number {
    return this.line;
  }

  /** Reads one block of whole lines (the last may be unterminated). */
  block({ bytes: b, start, end, unterminated }: LineBlock): void {
    const { file, collector, bad } = this.context;
    let p = start;
    while (p < end) {
      const plan = this.plan;
      if (this.native !== null && plan !== null && plan.complete && !unterminated) {
        const rows = (this.nativeRows ??= new NativeRows(this.native, b.length));
        const keys = this.keyBytes.subarray(0, this.keyLength);
        const count = this.native.scanJsonl(b, p, end, keys, plan.roles, plan.positive, plan.base, rows.out, rows.names, rows.state, rows.slots, this.context.collector.lossScale, rows.summary);
        if (count > 0) {
          p = rows.deliver(b, count, this.context, plan.mode, this.line, this.names);
          this.line += count;
          continue;
        }
      }
      const lineStart = p;
      this.line++;
      if (b[p] === NEWLINE) {
        p++;
        continue;
      }
      // The last line without a newline goes the slow way, which needs no newline.
      const next = unterminated ? -1 : this.parse(b, p);
      if (next >= 0 && this.sameKeys(b) && this.read(b)) {
        collector.add(file, this.plan!.mode, this.name, this.values, this.line, bad);
        p = next;
        continue;
      }
      let stop = b.indexOf(NEWLINE, lineStart);
      if (stop < 0 || stop >= end) stop = end;
      this.slow(b.toString("utf8", lineStart, stop), this.line);
      p = stop + 1;
    }
  }

  /**
   * Checks the line at p is a flat object of the fast subset, recording its keys and values;
   * returns the index after its newline, or -1 when it is not (or has no keys).
   */
  private parse(b: Buffer, p: number): number {
    let c = b[p]!;
    while (isSpace(c)) c = b[++p]!;
    if (c !== 123 /* { */) return -1;
    let count = 0;
    // While the keys are the plan's, each is matched against the plan's bytes (`at` walks
    // keyBytes, where each key ends with a quote); from the first that differs, keys are scanned.
    const { keyBytes, keyLength } = this;
    let at = 0;
    let same = true;
    for (;;) {
      c = b[++p]!;
      while (isSpace(c)) c = b[++p]!;
      if (c !== QUOTE || count === MAX_KEYS) return -1;
      this.keyStart[count] = p + 1;
      let matched = false;
      if (same && at < keyLength) {
        let q = p + 1;
        let expected = keyBytes[at]!;
        while (expected !== QUOTE && b[q] === expected) {
          q++;
          expected = keyBytes[++at]!;
        }
        matched = expected === QUOTE && b[q] === QUOTE;
        if (matched) {
          at++;
          p = q;
          c = QUOTE;
        }
      }
      if (!matched) {
        same = false;
        c = b[++p]!;
        while (c >= 32 && c <= 126 && c !== QUOTE && c !== BACKSLASH) c = b[++p]!;
        if (c !== QUOTE) return -1;
      }
      this.keyEnd[count] = p;
      c = b[++p]!;
      while (isSpace(c)) c = b[++p]!;
      if (c !== 58 /* : */) return -1;
      c = b[++p]!;
      while (isSpace(c)) c = b[++p]!;
      if (c === QUOTE) {
        // Any byte but a control byte, a quote or a backslash; a run name must also be ASCII (read()).
        this.textStart[count] = p + 1;
        c = b[++p]!;
        while (c >= 32 && c !== QUOTE && c !== BACKSLASH) c = b[++p]!;
        if (c !== QUOTE) return -1;
        this.textEnd[count] = p;
        this.kinds[count] = STRING;
        c = b[++p]!;
      } else if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
        const value = this.numbers.scanPlain(b, p, true);
        if (value !== value) return -1;
        this.numberValues[count] = value;
        this.kinds[count] = NUMBER;
        p = this.numbers.end;
        c = b[p]!;
      } else {
        const length = c === 102 /* f */ ? 5 : 4;
        if (!isLiteral(b, p, c)) return -1;
        this.kinds[count] = OTHER;
        p += length;
        c = b[p]!;
      }
      count++;
      while (isSpace(c)) c = b[++p]!;
      if (c === 44 /* , */) continue;
      if (c !== 125 /* } */) return -1;
      break;
    }
    c = b[++p]!;
    while (isSpace(c)) c = b[++p]!;
    if (c !== NEWLINE) return -1;
    this.count = count;
    this.keysSame = same && at === keyLength;
    return p + 1;
  }

  /** True when the parsed line's keys are the plan's; otherwise makes the plan of its keys. */
  private sameKeys(b: Buffer): boolean {
    if (this.keysSame) return this.plan !== null;
    const { count, keyStart, keyEnd } = this;
    const keys: string[] = [];
    for (let k = 0; k < count; k++) keys.push(b.toString("latin1", keyStart[k]!, keyEnd[k]!));
    // Integer-like keys come first in Object.keys, whatever their place in the line.
    this.plan = keys.some((key) => key.charCodeAt(0) >= 48 && key.charCodeAt(0) <= 57) ? null : this.handler.plan(keys, this.line);
    const joined = Buffer.from(`${keys.join('"')}"`, "latin1");
    if (joined.length > this.keyBytes.length) this.keyBytes = new Uint8Array(joined.length * 2);
    this.keyBytes.set(joined);
    this.keyLength = joined.length;
    if (this.plan !== null) this.values = this.plan.base.slice();
    return this.plan !== null && this.plan.complete;
  }

  /** The parsed line's values into `values` and the run name; false when the slow path must read it. */
  private read(b: Buffer): boolean {
    const plan = this.plan!;
    if (!plan.complete) return false;
    const { roles, positive } = plan;
    const { kinds, values, numberValues } = this;
    this.name = null;
    for (let k = 0; k < this.count; k++) {
      const role = roles[k]!;
      if (role >= 0) {
        if (kinds[k] !== NUMBER) return false;
        const value = numberValues[k]!;
        if ((positive[k] === 1 ? !(value > 0) : !(value >= 0)) || value === Infinity) return false;
        values[role] = value;
      } else if (role === RUN) {
        if (kinds[k] !== STRING) return false;
        const from = this.textStart[k]!;
        const to = this.textEnd[k]!;
        for (let i = from; i < to; i++) if (b[i]! > 126) return false;
        this.name = this.names.take(b, from, to);
      }
    }
    return true;
  }
}

/** `true`, `false` or `null` at p (c = b[p]). */
function isLiteral(b: Buffer, p: number, c: number): boolean {
  if (c === 116) return b[p + 1] === 114 && b[p + 2] === 117 && b[p + 3] === 101; // true
  if (c === 110) return b[p + 1] === 117 && b[p + 2] === 108 && b[p + 3] === 108; // null
  if (c === 102) return b[p + 1] === 97 && b[p + 2] === 108 && b[p + 3] === 115 && b[p + 4] === 101; // false
  return false;
}
