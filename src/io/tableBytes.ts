/**
 * CSV/TSV rows read straight from bytes: no UTF-8 decoding and no string per cell. Fields are
 * found by scanning bytes, numeric cells are converted from bytes (decimal.ts, exactly as
 * `Number` would), and the run name is decoded only when its bytes differ from the last row's.
 * Simple quoted fields are taken too (a quoted run name or skipped field on one line, no quote
 * inside). Every line this fast path does not take whole goes through the string scanner
 * (lineScanner.ts) and tableReader's handler instead: the header and anything before it, any
 * other quote, a non-ASCII or control byte in the run name, an SI suffix like `125M`, an empty
 * cell, a bad number, a field count that is not the header's. So rows and errors, with their
 * lines and columns, are exactly those of the string path. When the native reader is built,
 * its scan (native/scaling.c) takes the rows this fast path would take, many a call.
 */
import type { LineBlock } from "./byteLines.js";
import { NameCache, NativeRows, RUN, SKIP } from "./byteRows.js";
import { DecimalScanner } from "./decimal.js";
import type { FileContext } from "./fileContext.js";
import { LineScanner } from "./lineScanner.js";
import { type NativeReader, nativeReader } from "./native.js";
import type { TableHandler, TablePlan } from "./tableReader.js";
import { tableRows } from "./tableReader.js";

const NEWLINE = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const HASH = 35;

export class TableBytes {
  readonly handler: TableHandler;
  private readonly scanner: LineScanner;
  private readonly delimiterCode: number;
  private readonly numbers = new DecimalScanner();
  /** Lines consumed so far. */
  private line = 0;
  private plan: TablePlan | null = null;
  /** Every line to the string scanner (after a W&B header, or when no column is read). */
  private bulk = false;
  private values = new Float64Array(0);
  private readonly names = new NameCache();
  /** The native reader's scan (native.ts), taking the rows `row` would take, many a call. */
  private readonly native: NativeReader | null;
  private nativeRows: NativeRows | null = null;

  constructor(
    private readonly context: FileContext,
    delimiter: "," | "\t",
  ) {
    let scanner: LineScanner | null = null;
    this.handler = tableRows(context, (indices) => scanner?.want(indices));
    scanner = new LineScanner(delimiter, this.handler, context.file);
    this.scanner = scanner;
    this.delimiterCode = delimiter.charCodeAt(0);
    this.native = nativeReader(context.options);
  }

  /** Reads one block of whole lines (the last may be unterminated). */
  block({ bytes, start, end, unterminated }: LineBlock): void {
    if (unterminated || this.bulk || this.scanner.pending()) return this.toScanner(bytes, start, end);
    let p = start;
    while (p < end) {
      if (this.plan === null) {
        if (this.handler.headerLine() > 0) {
          this.plan = this.handler.plan();
          // A W&B export, or a table of which no column is read (all fields --set): the string
          // path reads it (it skips whitespace-only lines, which such a table cannot tell from rows).
          if (this.plan === null || this.plan.roles.every((role) => role === SKIP)) {
            this.plan = null;
            this.bulk = true;
            return this.toScanner(bytes, p, end);
          }
          this.values = this.plan.base.slice();
          continue;
        }
      } else {
        if (this.native !== null) {
          const next = this.scan(this.plan, bytes, p, end);
          if (next > p) {
            p = next;
            continue;
          }
        }
        const next = this.row(this.plan, bytes, p);
        if (next >= 0) {
          p = next;
          continue;
        }
      }
      // One line through the string path; an open quote takes the rest of the block with it.
      const next = bytes.indexOf(NEWLINE, p) + 1;
      this.toScanner(bytes, p, next);
      p = next;
      if (this.scanner.pending()) return this.toScanner(bytes, p, end);
    }
  }

  /** Lines consumed so far. */
  get lines(): number {
    return this.line;
  }

  /** The end of the input. */
  end(): void {
    this.scanner.line = this.line;
    this.scanner.end();
    this.line = this.scanner.line;
  }

  private toScanner(bytes: Buffer, start: number, end: number): void {
    if (start === end) return;
    this.scanner.line = this.line;
    this.scanner.push(bytes.toString("utf8", start, end));
    this.line = this.scanner.line;
  }

  /** The rows from p on that the native scan takes, to the collector; returns the index after them (p: none). */
  private scan(plan: TablePlan, b: Buffer, p: number, end: number): number {
    const rows = (this.nativeRows ??= new NativeRows(this.native!, b.length));
    const { collector } = this.context;
    const count = this.native!.scanTable(b, p, end, plan.roles, plan.positive, this.delimiterCode, plan.base, rows.out, rows.names, rows.state, rows.slots, collector.lossScale, rows.summary);
    if (count === 0) return p;
    const next = rows.deliver(b, count, this.context, plan.mode, this.line, this.names);
    this.line += count;
    return next;
  }

  /**
   * The row of the line at p (a whole line) to the collector; returns the index after it, or -1
   * (nothing read) when the fast path does not take it. One line a call: every path of this
   * function runs early, so V8 optimizes it with full type feedback.
   */
  private row(plan: TablePlan, b: Buffer, p: number): number {
    const { roles, positive, width } = plan;
    const { values, numbers, delimiterCode: delimiter } = this;
    let c = b[p]!;
    if (c === NEWLINE || c === HASH) {
      // A blank line or a comment: skipped, as the string path skips it.
      this.line++;
      return c === NEWLINE ? p + 1 : b.indexOf(NEWLINE, p) + 1;
    }
    let name: string | null = null;
    let column = 0;
    for (;;) {
      if (column === width) return -1;
      const role = roles[column]!;
      if (role >= 0) {
        while (c === SPACE) c = b[++p]!;
        const value = numbers.scanPlain(b, p, false);
        if (value !== value || (positive[column] === 1 ? !(value > 0) : !(value >= 0)) || value === Infinity) return -1;
        values[role] = value;
        p = numbers.end;
        c = b[p]!;
        while (c === SPACE) c = b[++p]!;
      } else if (role === RUN) {
        let first = p;
        let last: number;
        if (c === QUOTE) {
          // A quoted name (R's write.csv, pandas' QUOTE_NONNUMERIC): printable ASCII, the
          // delimiter allowed, no quote inside; the field ends at its closing quote.
          if (width < 2) return -1; // a lone quoted field may be a comment or blank row to the string path
          first = p + 1;
          c = b[++p]!;
          while (c >= SPACE && c <= 126 && c !== QUOTE) c = b[++p]!;
          if (c !== QUOTE) return -1;
          last = p;
          c = b[++p]!;
        } else {
          // Printable ASCII without a quote; anything else ends the scan (and the fast path, below).
          while (c >= SPACE && c <= 126 && c !== QUOTE && c !== delimiter) c = b[++p]!;
          last = p;
        }
        if (c !== delimiter && c !== NEWLINE && !(c === CR && b[p + 1] === NEWLINE)) return -1;
        // Trimmed as the string path trims it; an empty name is an error there.
        while (first < last && b[first] === SPACE) first++;
        while (last > first && b[last - 1] === SPACE) last--;
        if (first === last) return -1;
        name = this.names.take(b, first, last);
      } else if (c === QUOTE) {
        // A quoted field not read: any bytes but a quote or a line end, then the delimiter or the line end.
        if (width < 2) return -1;
        c = b[++p]!;
        while (c !== QUOTE && c !== NEWLINE) c = b[++p]!;
        if (c !== QUOTE) return -1;
        c = b[++p]!;
        if (c !== delimiter && c !== NEWLINE && !(c === CR && b[p + 1] === NEWLINE)) return -1;
      } else {
        while (c !== delimiter && c !== NEWLINE && c !== QUOTE) c = b[++p]!;
        if (c === QUOTE) return -1;
      }
      column++;
      if (c === delimiter) {
        c = b[++p]!;
        continue;
      }
      if (c === CR && b[p + 1] === NEWLINE) c = b[++p]!;
      if (c !== NEWLINE || column !== width) return -1;
      break;
    }
    const line = ++this.line;
    this.context.collector.add(this.context.file, plan.mode, name, values, line, this.context.bad);
    return p + 1;
  }
}
