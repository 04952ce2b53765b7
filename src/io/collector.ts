/**
 * Rows to runs. Each reader hands over one row at a time (numbers already checked); the
 * collector groups them into runs (by run column, else by file and (params, batch) pair, else
 * one run a row), keeps per-run constants, and checks that they stay constant.
 */
import type { BadRows } from "./badRows.js";
import { Arena, type ArenaSizes, Column } from "./column.js";
import type { NativeReader } from "./native.js";
import { LogBins } from "./streamThin.js";
import { RunTally } from "./tally.js";
import type { Field } from "./fields.js";
import { formatSI } from "./units.js";

/** Index of each numeric field in a row's values. */
export const F = { params: 0, tokens: 1, step: 2, batchSize: 3, batchTokens: 4, loss: 5, nLayer: 6, dModel: 7, flops: 8 } as const;
export const FIELD_COUNT = 9;
export const FIELD_OF_INDEX: readonly Field[] = ["params", "tokens", "step", "batchSize", "batchTokens", "loss", "nLayer", "dModel", "flops"];

/** How a file's rows are grouped: by its run column, by (params, batch) within the file, or one run a row. */
export type GroupMode = "column" | "pair" | "row";

export interface PendingRun {
  key: string;
  /** Run name from the run column, or null when grouped otherwise. */
  name: string | null;
  file: string;
  mode: GroupMode;
  nParams: number;
  batchTokens: number;
  steps: Column;
  tokens: Column;
  loss: Column;
  /** With --max-points: the rows kept so far (steps/tokens/loss stay empty until drain). */
  bins: LogBins | null;
  /** Points counted instead of kept (StreamThinning.tally); the columns stay empty. */
  tally: RunTally | null;
  /** Rows offered to the run (for --every). */
  seen: number;
  /** The last row when --every skipped it: [step, tokens, loss], added at the end. */
  tail: [number, number, number] | null;
}

export interface StreamThinning {
  every?: number | undefined;
  maxPoints?: number | undefined;
  /** Count each run's points, final and best loss instead of keeping them (not with maxPoints): tally.ts. */
  tally?: boolean | undefined;
}

/** The collector's arenas: 64 KB first, doubling to 32 MiB. */
const RUN_ARENA: ArenaSizes = { firstValues: 1 << 13, maxValues: 1 << 22 };

/**
 * Chunks from this many values up (2 MiB, one huge page) come from the native reader's huge
 * pages when there is one. Below it, plain arrays: a huge page is zeroed whole at its first
 * touch (~1 ms), which a small file would pay three times for a few rows.
 */
const HUGE_CHUNK_VALUES = 1 << 18;

function chunksFrom(native: NativeReader | null): (values: number) => Float64Array {
  if (native === null) return (values) => new Float64Array(values);
  return (values) => (values >= HUGE_CHUNK_VALUES ? new Float64Array(native.hugeBuffer(values * 8)) : new Float64Array(values));
}

/** Where runs' columns live, one arena a column so that a sorted run's columns each grow in place. */
export interface RunArenas {
  steps: Arena;
  tokens: Arena;
  loss: Arena;
}

export class Collector {
  readonly runs = new Map<string, PendingRun>();
  private readonly arenas: RunArenas;
  rows = 0;
  private last: PendingRun | null = null;
  /** The name the last row came with, as the reader gave it (the run keeps a copy). */
  private lastName: string | null = null;
  /** The params (N) of the last row taken, as given or derived. */
  private lastParams = NaN;
  /** --every k: a run keeps its 1st, (k+1)th, ... row. */
  private readonly every: number;

  constructor(
    /** Tokens per sequence, to turn batch_size (sequences) into tokens. */
    private readonly contextTokens: number | undefined,
    /** What a loss is multiplied by (ln 2 for bits). */
    readonly lossScale: number,
    private readonly thinning: StreamThinning = {},
    /** The native reader, for huge-page memory (native.ts); null: plain arrays. */
    native: NativeReader | null = null,
  ) {
    this.every = thinning.every ?? 1;
    const chunks = chunksFrom(native);
    this.arenas = { steps: new Arena(RUN_ARENA, chunks), tokens: new Arena(RUN_ARENA, chunks), loss: new Arena(RUN_ARENA, chunks) };
  }

  /** The runs, each with its last row restored if --every skipped it, and its bins emptied into its columns. */
  drain(): PendingRun[] {
    const runs = [...this.runs.values()];
    for (const run of runs) {
      if (run.tail !== null) {
        this.keep(run, run.tail[0], run.tail[1], run.tail[2]);
        run.tail = null;
      }
      if (run.bins !== null) {
        Object.assign(run, run.bins.finish());
        run.bins = null;
      }
    }
    return runs;
  }

  /**
   * Add one row: its fields are values[at + F.x] (NaN for absent fields; `at` lets a reader hand
   * over rows packed in one array). Returns false (and records a bad row) when the row
   * contradicts its run's constants or a needed conversion is impossible.
   */
  add(file: string, mode: GroupMode, name: string | null, values: Float64Array, line: number, bad: BadRows, at = 0): boolean {
    return this.addRow(file, mode, name, values, line, bad, at) !== null;
  }

  /**
   * Rows from..to-1 of `values` (FIELD_COUNT values a row) that follow the row `addRow` last
   * took, in the same run, with its params, batch and model fields bit for bit (the caller
   * checked): what `add` would do with each, without looking up the run or checking its
   * constants again.
   */
  againRows(values: Float64Array, from: number, to: number): void {
    const run = this.last!;
    const nParams = this.lastParams;
    const scale = this.lossScale;
    const [start, end] = [from * FIELD_COUNT, to * FIELD_COUNT];
    this.rows += to - from;
    // Without --every, one short loop a destination: V8 compiles it soon, and millions of rows
    // run in it (a loop through take and keep took twice as long, most of it before it was compiled).
    const { tally } = run;
    if (this.every === 1 && tally !== null) {
      for (let at = start; at < end; at += FIELD_COUNT) tally.add(values[at + F.step]!, tokensOf(values, at, nParams), values[at + F.loss]! * scale);
    } else if (this.every === 1 && run.bins === null) {
      const { steps, tokens, loss } = run;
      for (let at = start; at < end; at += FIELD_COUNT) {
        steps.push(values[at + F.step]!);
        tokens.push(tokensOf(values, at, nParams));
        loss.push(values[at + F.loss]! * scale);
      }
    } else {
      for (let at = start; at < end; at += FIELD_COUNT) this.take(run, values, at, nParams);
    }
  }

  /**
   * The points of a native scan's segment after its first row, which `addRow` last took
   * (NativeRows.deliver), counted from their summary at summary[at...] into the run's tally: true
   * when done so; false when they must go row by row (`againRows`): the run keeps points, or
   * --every, or tokens derived from FLOPs.
   */
  againSummary(summary: Float64Array, at: number): boolean {
    const { tally } = this.last!;
    if (tally === null || this.every !== 1 || !tally.merge(summary, at)) return false;
    this.rows += summary[at]!;
    return true;
  }

  /** `add`, returning the row's run (null: a bad row). */
  addRow(file: string, mode: GroupMode, name: string | null, values: Float64Array, line: number, bad: BadRows, at = 0): PendingRun | null {
    let nParams = values[at + F.params]!;
    if (Number.isNaN(nParams) && !Number.isNaN(values[at + F.nLayer]!) && !Number.isNaN(values[at + F.dModel]!)) {
      nParams = 12 * values[at + F.nLayer]! * values[at + F.dModel]! ** 2;
    }
    let batchTokens = values[at + F.batchTokens]!;
    if (Number.isNaN(batchTokens) && !Number.isNaN(values[at + F.batchSize]!)) {
      if (this.contextTokens === undefined) {
        bad.add({ file, line, message: "batch_size is in sequences: pass --context TOKENS (e.g. --context 2048) or a batch_tokens column" });
        return null;
      }
      batchTokens = values[at + F.batchSize]! * this.contextTokens;
    }
    // Consecutive rows of one run (the common case) skip building the key.
    const last = this.last;
    const sameAsLast = last !== null && mode === "column" && last.mode === "column" && (name === this.lastName || last.name === name);
    const key = sameAsLast ? last.key : this.keyOf(file, mode, name, nParams, batchTokens);
    let run = sameAsLast ? last : this.runs.get(key);
    if (run === undefined) {
      const arenas = this.arenas;
      const bins = this.thinning.maxPoints !== undefined ? new LogBins(this.thinning.maxPoints, arenas) : null;
      const tally = bins === null && this.thinning.tally === true ? new RunTally() : null;
      // Own copies: a name sliced from a chunk of text would keep the whole chunk alive (a
      // megabyte a run: 200 runs in a 244 MB file held 200 MB).
      const ownName = name === null ? null : ownString(name);
      const ownKey = ownString(key);
      run = { key: ownKey, name: ownName, file, mode, nParams, batchTokens, steps: new Column(arenas.steps), tokens: new Column(arenas.tokens), loss: new Column(arenas.loss), bins, tally, seen: 0, tail: null };
      this.runs.set(ownKey, run);
    } else {
      const clash = differs(run.nParams, nParams) ? "params" : differs(run.batchTokens, batchTokens) ? "batch" : null;
      if (clash !== null) {
        const was = clash === "params" ? run.nParams : run.batchTokens;
        const now = clash === "params" ? nParams : batchTokens;
        bad.add({ file, line, message: `${clash} changes within run "${name}" (${formatSI(was)} before, ${formatSI(now)} here); fix the row or pass --skip-bad-rows` });
        return null;
      }
      if (Number.isNaN(run.nParams)) run.nParams = nParams;
      if (Number.isNaN(run.batchTokens)) run.batchTokens = batchTokens;
    }
    this.last = run;
    this.lastName = name;
    this.lastParams = nParams;
    this.rows += 1;
    this.take(run, values, at, nParams);
    return run;
  }

  /** A row's step, tokens (or tokens from FLOPs and the row's params) and loss to its run, or held back by --every. */
  private take(run: PendingRun, values: Float64Array, at: number, nParams: number): void {
    const tokens = tokensOf(values, at, nParams);
    const loss = values[at + F.loss]! * this.lossScale;
    if (this.every > 1) {
      if (run.seen++ % this.every !== 0) {
        run.tail = [values[at + F.step]!, tokens, loss];
        return;
      }
      run.tail = null;
    }
    this.keep(run, values[at + F.step]!, tokens, loss);
  }

  private keep(run: PendingRun, step: number, tokens: number, loss: number): void {
    if (run.tally !== null) return run.tally.add(step, tokens, loss);
    if (run.bins !== null) return run.bins.add(step, tokens, loss);
    run.steps.push(step);
    run.tokens.push(tokens);
    run.loss.push(loss);
  }

  private keyOf(file: string, mode: GroupMode, name: string | null, nParams: number, batchTokens: number): string {
    if (mode === "column") return `run\0${name}`;
    if (mode === "pair") return `pair\0${file}\0${nParams}\0${batchTokens}`;
    return `row\0${file}\0${this.rows}`;
  }
}

/** A row's tokens, or its FLOPs / 6N when it has FLOPs and no tokens (N: the row's params). */
function tokensOf(values: Float64Array, at: number, nParams: number): number {
  const tokens = values[at + F.tokens]!;
  return Number.isNaN(tokens) && !Number.isNaN(values[at + F.flops]!) && !Number.isNaN(nParams) ? values[at + F.flops]! / (6 * nParams) : tokens;
}

/** A copy of a string that shares no memory with the text it was sliced from. */
function ownString(text: string): string {
  return Buffer.from(text, "utf8").toString("utf8");
}

function differs(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  return Math.abs(a - b) > 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}
