/**
 * Rows to runs. Each reader hands over one row at a time (numbers already checked); the
 * collector groups them into runs (by run column, else by file and (params, batch) pair, else
 * one run a row), keeps per-run constants, and checks that they stay constant.
 */
import type { BadRows } from "./badRows.js";
import { Column } from "./column.js";
import { LogBins } from "./streamThin.js";
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
  /** Rows offered to the run (for --every). */
  seen: number;
  /** The last row when --every skipped it: [step, tokens, loss], added at the end. */
  tail: [number, number, number] | null;
}

export interface StreamThinning {
  every?: number | undefined;
  maxPoints?: number | undefined;
}

export class Collector {
  readonly runs = new Map<string, PendingRun>();
  rows = 0;
  private last: PendingRun | null = null;
  /** The name the last row came with, as the reader gave it (the run keeps a copy). */
  private lastName: string | null = null;
  /** --every k: a run keeps its 1st, (k+1)th, ... row. */
  private readonly every: number;

  constructor(
    /** Tokens per sequence, to turn batch_size (sequences) into tokens. */
    private readonly contextTokens: number | undefined,
    private readonly lossScale: number,
    private readonly thinning: StreamThinning = {},
  ) {
    this.every = thinning.every ?? 1;
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
   * Add one row. `values` holds NaN for absent fields. Returns false (and records a bad row)
   * when the row contradicts its run's constants or a needed conversion is impossible.
   */
  add(file: string, mode: GroupMode, name: string | null, values: Float64Array, line: number, bad: BadRows): boolean {
    let nParams = values[F.params]!;
    if (Number.isNaN(nParams) && !Number.isNaN(values[F.nLayer]!) && !Number.isNaN(values[F.dModel]!)) {
      nParams = 12 * values[F.nLayer]! * values[F.dModel]! ** 2;
    }
    let batchTokens = values[F.batchTokens]!;
    if (Number.isNaN(batchTokens) && !Number.isNaN(values[F.batchSize]!)) {
      if (this.contextTokens === undefined) {
        bad.add({ file, line, message: "batch_size is in sequences: pass --context TOKENS (e.g. --context 2048) or a batch_tokens column" });
        return false;
      }
      batchTokens = values[F.batchSize]! * this.contextTokens;
    }
    let tokens = values[F.tokens]!;
    if (Number.isNaN(tokens) && !Number.isNaN(values[F.flops]!) && !Number.isNaN(nParams)) tokens = values[F.flops]! / (6 * nParams);
    // Consecutive rows of one run (the common case) skip building the key.
    const last = this.last;
    const sameAsLast = last !== null && mode === "column" && last.mode === "column" && (name === this.lastName || last.name === name);
    const key = sameAsLast ? last.key : this.keyOf(file, mode, name, nParams, batchTokens);
    let run = sameAsLast ? last : this.runs.get(key);
    if (run === undefined) {
      const bins = this.thinning.maxPoints !== undefined ? new LogBins(this.thinning.maxPoints) : null;
      // Own copies: a name sliced from a chunk of text would keep the whole chunk alive (a
      // megabyte a run: 200 runs in a 244 MB file held 200 MB).
      const ownName = name === null ? null : ownString(name);
      const ownKey = ownString(key);
      run = { key: ownKey, name: ownName, file, mode, nParams, batchTokens, steps: new Column(), tokens: new Column(), loss: new Column(), bins, seen: 0, tail: null };
      this.runs.set(ownKey, run);
    } else {
      const clash = differs(run.nParams, nParams) ? "params" : differs(run.batchTokens, batchTokens) ? "batch" : null;
      if (clash !== null) {
        const was = clash === "params" ? run.nParams : run.batchTokens;
        const now = clash === "params" ? nParams : batchTokens;
        bad.add({ file, line, message: `${clash} changes within run "${name}" (${formatSI(was)} before, ${formatSI(now)} here); fix the row or pass --skip-bad-rows` });
        return false;
      }
      if (Number.isNaN(run.nParams)) run.nParams = nParams;
      if (Number.isNaN(run.batchTokens)) run.batchTokens = batchTokens;
    }
    this.last = run;
    this.lastName = name;
    this.rows += 1;
    const loss = values[F.loss]! * this.lossScale;
    if (run.seen++ % this.every !== 0) {
      run.tail = [values[F.step]!, tokens, loss];
      return true;
    }
    run.tail = null;
    this.keep(run, values[F.step]!, tokens, loss);
    return true;
  }

  private keep(run: PendingRun, step: number, tokens: number, loss: number): void {
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

/** A copy of a string that shares no memory with the text it was sliced from. */
function ownString(text: string): string {
  return Buffer.from(text, "utf8").toString("utf8");
}

function differs(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  return Math.abs(a - b) > 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}
