/**
 * A streaming CSV/TSV scanner: text chunks in, rows of fields out, with physical line numbers.
 * Fast path: a line without a quote is cut with indexOf, and only the fields a reader asked
 * for (`want`) are sliced out. Lines with quotes go through
 * a small state machine (RFC 4180: `""` inside quotes, delimiters and newlines inside quotes).
 * Blank lines and comment lines (`#` first) are skipped; CRLF and a leading BOM are handled.
 */

import { ScalingError } from "../errors.js";
import { ChunkJoiner, longLineMessage } from "./chunkJoiner.js";

/** Longest row with an open quote before it is called unclosed. */
const MAX_QUOTED_CHARS = 1 << 20;

/**
 * Receives each row: its fields (an array reused for the next row: copy what you keep), the
 * line it starts on, and each field's 1-based column (computed only when asked).
 */
export type RowHandler = (fields: string[], line: number, columns: () => number[]) => void;

export class LineScanner {
  private readonly joiner = new ChunkJoiner(() => new ScalingError("input", longLineMessage(), { file: this.file, line: this.line + 1 }));
  /** Physical lines consumed so far; a byte-level reader sets it before handing over a line. */
  line = 0;
  private started = false;
  /** Fields of the current row; reused from row to row (handlers copy what they keep). */
  private readonly fields: string[] = [];
  /** 1 for fields to extract; others are left "" (null: all). */
  private wanted: Uint8Array | null = null;
  private rowText = "";
  private rowStart = 0;
  private quotedColumns: number[] | null = null;
  private readonly columns = (): number[] => this.quotedColumns ?? plainColumns(this.rowText, this.rowStart, this.fields.length, this.delimiter);

  constructor(
    private readonly delimiter: string,
    private readonly onRow: RowHandler,
    private readonly file = "",
  ) {}

  /** Extract only these fields of later rows (by index); the others arrive as "". */
  want(indices: readonly number[]): void {
    const mask = new Uint8Array(Math.max(0, ...indices) + 1);
    for (const index of indices) mask[index] = 1;
    this.wanted = mask;
  }

  /** True while text is held: an unfinished line or an open quoted field. */
  pending(): boolean {
    return this.joiner.holding();
  }

  push(chunk: string): void {
    const joined = this.joiner.next(chunk);
    if (joined === null) return;
    let text = joined;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let pos = 0;
    let quoteAt = text.indexOf('"');
    for (;;) {
      const newline = text.indexOf("\n", pos);
      if (newline < 0) break;
      let end = newline;
      if (end > pos && text.charCodeAt(end - 1) === 13) end--;
      if (quoteAt >= 0 && quoteAt < pos) quoteAt = text.indexOf('"', pos);
      if (quoteAt < 0 || quoteAt > end || text.charCodeAt(pos) === 35 /* # */) {
        this.line++;
        this.plain(text, pos, end);
        pos = newline + 1;
        continue;
      }
      const quoted = parseQuoted(text, pos, this.delimiter);
      if (quoted === null) {
        // An open quote: wait for more text, but not forever (a stray quote would hold the rest of the file).
        if (text.length - pos > MAX_QUOTED_CHARS) {
          throw this.unclosed(this.line + 1);
        }
        break;
      }
      this.line++;
      this.emit(quoted.fields, quoted.columns);
      this.line += quoted.newlines;
      pos = quoted.next;
    }
    this.joiner.keep(text.slice(pos));
  }

  /** The last line, when the file does not end with a newline. */
  end(): void {
    let text = this.joiner.rest();
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text === "") return;
    this.line++;
    if (text.indexOf('"') < 0) return this.plain(text, 0, text.endsWith("\r") ? text.length - 1 : text.length);
    const quoted = parseQuoted(`${text}\n`, 0, this.delimiter);
    if (quoted === null) throw this.unclosed(this.line);
    this.emit(quoted.fields, quoted.columns);
  }

  private unclosed(line: number): ScalingError {
    return new ScalingError("input", 'a quoted field is never closed (a " without its closing quote); fix the quote', { file: this.file, line });
  }

  /** A line without quotes, text[start, end): fields found by indexOf, only wanted ones sliced. */
  private plain(text: string, start: number, end: number): void {
    if (start === end) return;
    const first = text.charCodeAt(start);
    if (first === 35 /* # */) return;
    if ((first <= 32 || text.charCodeAt(end - 1) <= 32) && text.slice(start, end).trim() === "") return;
    const { fields, wanted, delimiter } = this;
    let count = 0;
    let from = start;
    for (;;) {
      let stop = text.indexOf(delimiter, from);
      if (stop < 0 || stop > end) stop = end;
      fields[count] = wanted === null || wanted[count] === 1 ? text.slice(from, stop) : "";
      count++;
      if (stop === end) break;
      from = stop + delimiter.length;
    }
    fields.length = count;
    this.rowText = text;
    this.rowStart = start;
    this.quotedColumns = null;
    this.onRow(fields, this.line, this.columns);
  }

  private emit(fields: string[], columns: number[]): void {
    if (fields.length === 1 && (fields[0]!.trim() === "" || fields[0]!.startsWith("#"))) return;
    this.quotedColumns = columns;
    this.onRow(fields, this.line, this.columns);
  }
}

/** 1-based column of each of `count` fields of the line starting at `start`. */
function plainColumns(text: string, start: number, count: number, delimiter: string): number[] {
  const columns: number[] = [];
  let from = start;
  for (let k = 0; k < count; k++) {
    columns.push(from - start + 1);
    from = text.indexOf(delimiter, from) + delimiter.length;
  }
  return columns;
}

interface Quoted {
  fields: string[];
  columns: number[];
  /** Newlines inside quoted fields. */
  newlines: number;
  /** Index after the row's line terminator. */
  next: number;
}

/** Parse one row starting at `start`; null when the row (or a quote) is still open at the end of `text`. */
function parseQuoted(text: string, start: number, delimiter: string): Quoted | null {
  // The next newline at or after `from`, found once and reused until passed: searching afresh
  // for each field made a long line without a newline quadratic (4 MB: over a minute).
  let newline = -2;
  const nextStop = (from: number): number => {
    if (newline !== -1 && newline < from) newline = text.indexOf("\n", from);
    const d = text.indexOf(delimiter, from);
    if (d < 0) return newline;
    if (newline < 0) return d;
    return Math.min(d, newline);
  };
  const fields: string[] = [];
  const columns: number[] = [];
  let newlines = 0;
  let lineStart = start;
  let i = start;
  for (;;) {
    columns.push(i - lineStart + 1);
    if (text[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) return null;
        const part = text.slice(i, quote);
        for (let k = part.indexOf("\n"); k >= 0; k = part.indexOf("\n", k + 1)) {
          newlines++;
          lineStart = i + k + 1;
        }
        value += part;
        if (text[quote + 1] === '"') {
          value += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      // Anything between the closing quote and the delimiter is kept, as most readers do.
      let stop = nextStop(i);
      if (stop < 0) stop = text.length;
      value += text.slice(i, stop).replace(/\r$/, "");
      fields.push(value);
      i = stop;
    } else {
      const stop = nextStop(i);
      if (stop < 0) return null;
      fields.push(text.slice(i, stop).replace(/\r$/, ""));
      i = stop;
    }
    if (i >= text.length) return null;
    if (text[i] === "\n") return { fields, columns, newlines, next: i + 1 };
    i += delimiter.length;
  }
}
