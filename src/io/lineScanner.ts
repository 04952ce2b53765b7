/**
 * A streaming CSV/TSV scanner: text chunks in, rows of fields out, with physical line numbers.
 * Fast path: a line without a quote is split on the delimiter. Lines with quotes go through
 * a small state machine (RFC 4180: `""` inside quotes, delimiters and newlines inside quotes).
 * Blank lines and comment lines (`#` first) are skipped; CRLF and a leading BOM are handled.
 */

/** Receives each row: its fields, the line it starts on, and each field's 1-based column. */
export type RowHandler = (fields: string[], line: number, columns: () => number[]) => void;

export class LineScanner {
  private carry = "";
  private line = 0;
  private started = false;

  constructor(
    private readonly delimiter: string,
    private readonly onRow: RowHandler,
  ) {}

  push(chunk: string): void {
    let text = this.carry + chunk;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.carry = "";
    let pos = 0;
    for (;;) {
      const newline = text.indexOf("\n", pos);
      if (newline < 0) break;
      let end = newline;
      if (end > pos && text.charCodeAt(end - 1) === 13) end--;
      const raw = text.slice(pos, end);
      if (raw.indexOf('"') < 0 || raw.charCodeAt(0) === 35 /* # */) {
        this.line++;
        this.plain(raw);
        pos = newline + 1;
        continue;
      }
      const quoted = parseQuoted(text, pos, this.delimiter, false);
      if (quoted === null) break; // an open quote: wait for more text
      this.line++;
      this.emit(quoted.fields, quoted.columns);
      this.line += quoted.newlines;
      pos = quoted.next;
    }
    this.carry = text.slice(pos);
  }

  /** The last line, when the file does not end with a newline. */
  end(): void {
    const text = this.carry;
    this.carry = "";
    if (text === "") return;
    this.line++;
    if (text.indexOf('"') < 0) return this.plain(text.endsWith("\r") ? text.slice(0, -1) : text);
    const quoted = parseQuoted(text, 0, this.delimiter, true)!;
    this.emit(quoted.fields, quoted.columns);
  }

  private plain(raw: string): void {
    const first = raw.charCodeAt(0);
    if (raw === "" || first === 35 /* # */) return;
    if ((first <= 32 || raw.charCodeAt(raw.length - 1) <= 32) && raw.trim() === "") return;
    const fields = raw.split(this.delimiter);
    this.onRow(fields, this.line, () => plainColumns(fields, this.delimiter.length));
  }

  private emit(fields: string[], columns: number[]): void {
    if (fields.length === 1 && (fields[0]!.trim() === "" || fields[0]!.startsWith("#"))) return;
    this.onRow(fields, this.line, () => columns);
  }
}

function plainColumns(fields: string[], delimiterLength: number): number[] {
  const columns: number[] = [];
  let column = 1;
  for (const field of fields) {
    columns.push(column);
    column += field.length + delimiterLength;
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

/** Parse one row starting at `start`; null when a quote is still open at the end of `text` (unless `final`). */
function parseQuoted(text: string, start: number, delimiter: string, final: boolean): Quoted | null {
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
        if (quote < 0) {
          if (!final) return null;
          value += text.slice(i);
          i = text.length;
          break;
        }
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
      let stop = nextStop(text, i, delimiter);
      if (stop < 0) stop = text.length;
      value += text.slice(i, stop).replace(/\r$/, "");
      fields.push(value);
      i = stop;
    } else {
      let stop = nextStop(text, i, delimiter);
      if (stop < 0) {
        if (!final) return null;
        stop = text.length;
      }
      fields.push(text.slice(i, stop).replace(/\r$/, ""));
      i = stop;
    }
    if (i >= text.length) return final ? { fields, columns, newlines, next: text.length } : null;
    if (text[i] === "\n") return { fields, columns, newlines, next: i + 1 };
    i += delimiter.length;
  }
}

/** Index of the next delimiter or newline at or after `from`, or -1. */
function nextStop(text: string, from: number, delimiter: string): number {
  const d = text.indexOf(delimiter, from);
  const n = text.indexOf("\n", from);
  if (d < 0) return n;
  if (n < 0) return d;
  return Math.min(d, n);
}
