/**
 * Reading run logs into typed runs: the one entry point of io/ for the CLI. Each file is
 * streamed in chunks through the reader of its format into one collector; runs are finalized
 * (sorted, derived, thinned) at the end.
 */
import { ScalingError } from "../errors.js";
import { BadRows } from "./badRows.js";
import { Collector } from "./collector.js";
import type { FileContext } from "./fileContext.js";
import type { PendingRun } from "./collector.js";
import { finalizeRuns, finalizeTallies } from "./finalize.js";
import type { ReadOptions } from "./readOptions.js";
import { type InputSummary, type RunSet, type RunSummarySet, summarizeRuns } from "./runs.js";
import { readFile } from "./readFile.js";
import { inputSize } from "./sources.js";
import { nativeReader } from "./native.js";

export type { ReadOptions } from "./readOptions.js";
export { summarizeRuns } from "./runs.js";

/** How stdin (`-`) is named in runs, summaries and error locations. */
export const STDIN_NAME = "<stdin>";

/**
 * Read run logs (CSV, TSV, JSONL, JSON array, W&B export, trainer_state.json; `-` is stdin)
 * into runs, streamed: memory grows with the points kept, not with the file size.
 * @throws ScalingError("input") located at file:line:column for bad input; bad rows are
 *   collected over all files and thrown together (BadInputError) unless `skipBadRows`
 */
export async function readRuns(paths: string[], options: ReadOptions = {}): Promise<RunSet> {
  const read = await collect(paths, options, false);
  const runs = finalizeRuns(read.pending, { maxPoints: options.maxPoints }, read.derived);
  return { runs, summary: read.summary(runs.some((run) => run.loss.length > 1)) };
}

/**
 * Read run logs as readRuns does, keeping of each run its count of points, final and best loss
 * but not the points (unless --max-points, which thins them first): the same runs and summary
 * as summarizeRuns(readRuns(...)) in memory that does not grow with the file (`inspect`).
 * @throws as readRuns
 */
export async function readRunSummaries(paths: string[], options: ReadOptions = {}): Promise<RunSummarySet> {
  const read = await collect(paths, options, true);
  if (options.maxPoints !== undefined) {
    const runs = finalizeRuns(read.pending, { maxPoints: options.maxPoints }, read.derived);
    return summarizeRuns({ runs, summary: read.summary(runs.some((run) => run.loss.length > 1)) });
  }
  const runs = finalizeTallies(read.pending, read.derived);
  return { runs, summary: read.summary(runs.some((run) => run.points > 1)) };
}

/** The runs of the files, not yet finalized, and the summary once it is known whether they are curves. */
async function collect(paths: string[], options: ReadOptions, tally: boolean): Promise<{ pending: PendingRun[]; derived: Set<string>; summary: (curves: boolean) => InputSummary }> {
  if (paths.length === 0) throw new ScalingError("usage", "no input files; give one or more run logs (or - for stdin)");
  const sizes = await Promise.all(paths.map(inputSize));
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  let bytesRead = 0;
  const onBytes = (bytes: number): void => {
    bytesRead += bytes;
    options.onProgress?.(bytesRead, totalBytes);
  };
  const thinning = { every: options.every, maxPoints: options.maxPoints, tally };
  const collector = new Collector(options.contextTokens, options.lossUnit === "bits" ? Math.LN2 : 1, thinning, nativeReader(options));
  const bad = new BadRows();
  const columns = new Map<string, string>();
  const derived = new Set<string>();
  const files: InputSummary["files"] = [];
  for (const [index, path] of paths.entries()) {
    const file = path === "-" ? STDIN_NAME : path;
    const context: FileContext = { file, options, collector, bad, format: "csv", columns, derived };
    const rowsBefore = collector.rows;
    const badBefore = bad.count;
    await readFile(path, options, context, onBytes, sizes[index]);
    files.push({ file, format: context.format, rows: collector.rows - rowsBefore + (bad.count - badBefore), skipped: bad.count - badBefore });
  }
  const skipped = bad.settle(options.skipBadRows === true);
  if (options.lossUnit === "bits") derived.add("loss = bits x ln 2 (nats)");
  const pending = collector.drain();
  if (pending.length === 0) {
    throw new ScalingError("input", skipped > 0 ? `every row was bad (${skipped} skipped); fix the rows` : "no data rows; give a file with a header row and data", { file: paths[0]! });
  }
  const summary = (curves: boolean): InputSummary => ({
    files,
    rows: collector.rows + skipped,
    skipped,
    columns: Object.fromEntries(columns),
    derived: [...derived],
    kind: curves ? "curves" : "final",
    maxPoints: options.maxPoints ?? null,
  });
  return { pending, derived, summary };
}
