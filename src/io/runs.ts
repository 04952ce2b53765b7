/**
 * What io/ hands to fit/: typed runs, never raw rows. A run is one training run: a model size,
 * a batch size, and its measurements (one for a final-results table, many for a learning curve),
 * sorted by step (or tokens). Arrays are Float64Array so a million points cost 8 MB a column.
 */
export interface Run {
  /** The run's name: its run column, its file, or `N=<params> B=<batch>`. */
  id: string;
  /** N, parameters (as the file counts them), or null when unknown. */
  nParams: number | null;
  /** B, tokens per batch, or null when unknown. */
  batchTokens: number | null;
  /** Optimizer steps of each point, or null when the file has none. */
  steps: Float64Array | null;
  /** Tokens seen at each point, or null when neither given nor derivable. */
  tokens: Float64Array | null;
  /** Loss of each point, nats/token. */
  loss: Float64Array;
  /** Loss of the last point. */
  finalLoss: number;
  /** Lowest loss of any point (the early-stopped loss). */
  bestLoss: number;
  /** The file the run came from. */
  file: string;
}

export type InputKind = "final" | "curves";

export type InputFormat = "csv" | "tsv" | "jsonl" | "json" | "wandb" | "trainer-state";

/** What was read, before anything is fitted (`inspect --json`, `fit --json` field `input`). */
export interface InputSummary {
  files: Array<{ file: string; format: InputFormat; rows: number; skipped: number }>;
  /** Rows read, over all files. */
  rows: number;
  /** Rows dropped by --skip-bad-rows. */
  skipped: number;
  /** Each field and the column it came from (`loss: "val/loss"`), or how it was derived. */
  columns: Record<string, string>;
  /** Fields derived rather than read (`tokens = step x batchTokens`). */
  derived: string[];
  kind: InputKind;
  /** Points kept a learning curve (--max-points), or null when every point was kept. */
  maxPoints: number | null;
}

export interface RunSet {
  runs: Run[];
  summary: InputSummary;
}

/** A run without its points: what `inspect` shows, and `input.runs` of `fit --json`. */
export interface RunSummary {
  id: string;
  file: string;
  nParams: number | null;
  batchTokens: number | null;
  /** Points of the run (after --every and --max-points). */
  points: number;
  finalLoss: number;
  bestLoss: number;
}

export interface RunSummarySet {
  runs: RunSummary[];
  summary: InputSummary;
}

/** The runs of a set without their points. */
export function summarizeRuns(set: RunSet): RunSummarySet {
  const runs = set.runs.map(({ id, file, nParams, batchTokens, loss, finalLoss, bestLoss }) => ({ id, file, nParams, batchTokens, points: loss.length, finalLoss, bestLoss }));
  return { runs, summary: set.summary };
}
