/**
 * What the byte-level readers (tableBytes.ts, jsonlBytes.ts) share: the role of a column or key
 * in a row, the run name, decoded only when its bytes change from one row to the next, and the
 * rows of a native scan.
 */
import { F, FIELD_COUNT, type GroupMode } from "./collector.js";
import type { FileContext } from "./fileContext.js";
import type { NativeReader } from "./native.js";

/** A column's or key's role: the F slot of its numeric field (>= 0), or one of these. */
export const SKIP = -1;
export const RUN = -2;

/** The last run name read from bytes: consecutive rows of a run share one string. */
export class NameCache {
  /** The name last taken. */
  name: string | null = null;
  private bytes = new Uint8Array(256);
  private length = -1;

  /** Takes bytes[from, to) (ASCII) as the name. */
  take(b: Uint8Array, from: number, to: number): string {
    const length = to - from;
    if (length === this.length) {
      const held = this.bytes;
      let k = 0;
      while (k < length && held[k] === b[from + k]) k++;
      if (k === length) return this.name!;
    }
    return this.remember(b, from, to);
  }

  /** A new name (kept apart from take, whose comparison is the hot path). */
  private remember(b: Uint8Array, from: number, to: number): string {
    const length = to - from;
    this.name = Buffer.from(b.buffer, b.byteOffset + from, length).toString("latin1");
    if (length > this.bytes.length) this.bytes = new Uint8Array(length * 2);
    this.bytes.set(b.subarray(from, to));
    this.length = length;
    return this.name;
  }
}

/**
 * Rows a native scan reads at most a call (native.ts): 8192 rows of FIELD_COUNT values, 590 KB in
 * a huge page, read back while still in cache.
 */
const NATIVE_ROWS = 1 << 13;

/**
 * Where a native scan (native/scaling.c) puts the rows it read, and their hand-over to the
 * collector: the same `add` per row, with the same values, lines and names, as the JavaScript
 * fast paths give it.
 */
export class NativeRows {
  /** Rows packed FIELD_COUNT values each. */
  readonly out: Float64Array;
  /** Triples (row, first byte, end byte) where the run name changes. */
  readonly names = new Int32Array(3 * NATIVE_ROWS);
  /** [0]: the index after the last line read; [1]: triples in names. */
  readonly state = new Int32Array(2);

  constructor(native: NativeReader) {
    this.out = new Float64Array(native.hugeBuffer(NATIVE_ROWS * FIELD_COUNT * 8));
  }

  /**
   * Gives the scan's `rows` rows to the collector as lines line + 1, line + 2, ...; returns the
   * index after the last of them.
   */
  deliver(bytes: Uint8Array, rows: number, context: FileContext, mode: GroupMode, line: number, cache: NameCache): number {
    const { out, names } = this;
    const { file, collector, bad } = context;
    const changes = this.state[1]!;
    let name: string | null = null;
    let change = 0;
    let row = 0;
    while (row < rows) {
      if (change < changes && names[3 * change] === row) {
        name = cache.take(bytes, names[3 * change + 1]!, names[3 * change + 2]!);
        change++;
      }
      const taken = collector.addRow(file, mode, name, out, line + row + 1, bad, row * FIELD_COUNT) !== null;
      // The rows after it with the same name and constants go to the same run (unless each row
      // is a run of its own).
      const nameEnd = change < changes ? names[3 * change]! : rows;
      let next = row + 1;
      if (taken && mode !== "row") {
        while (next < nameEnd && sameConstants(out, next * FIELD_COUNT, row * FIELD_COUNT)) next++;
        if (next > row + 1) collector.againRows(out, row + 1, next);
      }
      row = next;
    }
    return this.state[0]!;
  }
}

/** Whether two rows of `values` have the same params, batch and model fields, bit for bit (NaN as NaN). */
function sameConstants(values: Float64Array, a: number, b: number): boolean {
  return (
    same(values[a + F.params]!, values[b + F.params]!) &&
    same(values[a + F.batchTokens]!, values[b + F.batchTokens]!) &&
    same(values[a + F.batchSize]!, values[b + F.batchSize]!) &&
    same(values[a + F.nLayer]!, values[b + F.nLayer]!) &&
    same(values[a + F.dModel]!, values[b + F.dModel]!)
  );
}

function same(x: number, y: number): boolean {
  return x === y ? x !== 0 || 1 / x === 1 / y : x !== x && y !== y;
}
