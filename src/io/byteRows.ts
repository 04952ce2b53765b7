/**
 * What the byte-level readers (tableBytes.ts, jsonlBytes.ts) share: the role of a column or key
 * in a row, the run name, decoded only when its bytes change from one row to the next, and the
 * rows of a native scan.
 */
import { F, FIELD_COUNT, type GroupMode } from "./collector.js";
import type { FileContext } from "./fileContext.js";
import type { NativeReader } from "./native.js";
import { SEGMENT_FIELDS } from "./tally.js";

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
 * Rows a native scan reads at most a call (native.ts) from a block of NATIVE_BLOCK_BYTES: 65,536
 * rows of FIELD_COUNT values, 4.7 MB in huge pages, about such a block. A call of 16,384 lines or
 * more runs on two threads (native/scaling.c, scanSplit), so calls are few and each worth a
 * thread's start. From a smaller block, 8,192 rows (590 KB): a log of many small files keeps a
 * few hundred KB a file, not a few MB, until they are collected.
 */
const NATIVE_ROWS = 1 << 16;
const NATIVE_ROWS_SMALL = 1 << 13;

/**
 * The block of lines (byteLines.ts) the native reader is given for an input of at least this many
 * bytes, or of unknown size (stdin): 4 MiB, in huge pages. Smaller inputs get BLOCK_BYTES.
 */
export const NATIVE_BLOCK_BYTES = 1 << 22;

/**
 * What a native scan is told of a row's slots: step, tokens, loss, FLOPs, then the fields that
 * are constant within a run. Consecutive rows of one name with the same constants (bit for bit)
 * form a segment, which goes to one run.
 */
const SEGMENT_SLOTS = Int32Array.of(F.step, F.tokens, F.loss, F.flops, F.params, F.batchTokens, F.batchSize, F.nLayer, F.dModel);

/**
 * Where a native scan (native/scaling.c) puts the rows it read, and their hand-over to the
 * collector: the same rows, values, lines and names as the JavaScript fast paths give it, a
 * segment at a time.
 */
export class NativeRows {
  /** Rows packed FIELD_COUNT values each. */
  readonly out: Float64Array;
  /** Triples (row, first byte, end byte of its name, or -1) where a segment starts. */
  readonly names: Int32Array;
  /** Each segment's points after its first row, summarized (SEGMENT_FIELDS numbers). */
  readonly summary: Float64Array;
  /** [0]: the index after the last line read; [1]: triples in names. */
  readonly state = new Int32Array(2);
  readonly slots = SEGMENT_SLOTS;

  /** @param blockBytes - the size of the blocks the scans are given (byteLines.ts) */
  constructor(native: NativeReader, blockBytes: number) {
    const rows = blockBytes >= NATIVE_BLOCK_BYTES ? NATIVE_ROWS : NATIVE_ROWS_SMALL;
    this.out = new Float64Array(native.hugeBuffer(rows * FIELD_COUNT * 8));
    this.names = new Int32Array(3 * rows);
    this.summary = new Float64Array(SEGMENT_FIELDS * rows);
  }

  /**
   * Gives the scan's `rows` rows to the collector as lines line + 1, line + 2, ...; returns the
   * index after the last of them. A segment's first row goes through `addRow` (the run looked
   * up, its constants checked); the others, which that run takes as they are, are counted from
   * the segment's summary when the run keeps counts, else taken as rows (`againRows`).
   */
  deliver(bytes: Uint8Array, rows: number, context: FileContext, mode: GroupMode, line: number, cache: NameCache): number {
    const { out, names, summary } = this;
    const { file, collector, bad } = context;
    const segments = this.state[1]!;
    for (let segment = 0; segment < segments; segment++) {
      const row = names[3 * segment]!;
      const next = segment + 1 < segments ? names[3 * segment + 3]! : rows;
      const first = names[3 * segment + 1]!;
      const name = first < 0 ? null : cache.take(bytes, first, names[3 * segment + 2]!);
      const taken = collector.addRow(file, mode, name, out, line + row + 1, bad, row * FIELD_COUNT) !== null;
      if (next === row + 1) continue;
      if (taken && mode !== "row") {
        if (!collector.againSummary(summary, segment * SEGMENT_FIELDS)) collector.againRows(out, row + 1, next);
      } else {
        // Each row a run of its own, or rows that fail as the first did: each on its own.
        for (let r = row + 1; r < next; r++) collector.addRow(file, mode, name, out, line + r + 1, bad, r * FIELD_COUNT);
      }
    }
    return this.state[0]!;
  }
}
