/**
 * Pending runs to typed runs: sort each run's points by step (or tokens), derive tokens from
 * steps, thin learning curves, compute final and best loss, and name the runs; or, for runs
 * whose points were counted (tally.ts), the same final and best loss and names without points.
 */
import type { PendingRun } from "./collector.js";
import { gather } from "./column.js";
import type { Run, RunSummary } from "./runs.js";
import { thinIndices } from "./thin.js";
import { formatSI } from "./units.js";

export interface FinalizeOptions {
  /** Keep at most this many points a run, evenly in log-step (the collector already kept one row a 1/(4n) decade of step). */
  maxPoints?: number | undefined;
}

/** Turn pending runs into Runs; `derived` collects what was derived (`tokens = step x batchTokens`). */
export function finalizeRuns(pending: PendingRun[], options: FinalizeOptions, derived: Set<string>): Run[] {
  const runs = pending.map((run) => finalizeRun(run, options, derived));
  nameRuns(runs, pending, (run) => (run.tokens === null ? null : run.tokens[0]!));
  return runs;
}

/**
 * Turn pending runs whose points were counted (each with a tally) into summaries: the final and
 * best loss, points, names and derived fields that finalizeRuns gives for the same rows.
 */
export function finalizeTallies(pending: PendingRun[], derived: Set<string>): RunSummary[] {
  const firstTokens: number[] = [];
  const runs = pending.map((run) => {
    const tally = run.tally!;
    // As finalizeRun: tokens = step x batchTokens where a point had none, when every point has a step.
    const derives = !tally.stepMissing && run.batchTokens > 0 && tally.tokensMissing;
    if (derives) derived.add("tokens = step x batchTokens");
    firstTokens.push(derives && Number.isNaN(tally.firstTokens) ? tally.firstStep * run.batchTokens : tally.firstTokens);
    return {
      id: "",
      file: run.file,
      nParams: Number.isNaN(run.nParams) ? null : run.nParams,
      batchTokens: Number.isNaN(run.batchTokens) ? null : run.batchTokens,
      points: tally.points,
      finalLoss: tally.finalLoss(),
      bestLoss: tally.bestLoss,
    };
  });
  // A run of one point (the only runs named by tokens) has tokens when its point has.
  nameRuns(runs, pending, (_run, index) => (Number.isNaN(firstTokens[index]!) ? null : firstTokens[index]!));
  return runs;
}

function finalizeRun(run: PendingRun, options: FinalizeOptions, derived: Set<string>): Run {
  const rawSteps = run.steps.values();
  const rawTokens = run.tokens.values();
  const rawLoss = run.loss.values();
  const hasSteps = !hasNaN(rawSteps);
  // Derive tokens = step x batchTokens where a row had none.
  if (hasSteps && run.batchTokens > 0 && hasNaN(rawTokens)) {
    for (let i = 0; i < rawTokens.length; i++) if (Number.isNaN(rawTokens[i]!)) rawTokens[i] = rawSteps[i]! * run.batchTokens;
    derived.add("tokens = step x batchTokens");
  }
  const hasTokens = !hasNaN(rawTokens);
  const key = hasSteps ? rawSteps : hasTokens ? rawTokens : null;
  let order: Int32Array | null = null; // null: the rows are already in order
  if (key !== null && !isSorted(key)) {
    const indices = Array.from({ length: key.length }, (_, i) => i);
    indices.sort((a, b) => key[a]! - key[b]! || a - b);
    order = Int32Array.from(indices);
  }
  const thinning = rawLoss.length > 1 && options.maxPoints !== undefined;
  if (thinning) {
    const sortedKey = key === null ? null : order === null ? key : gather(key, order);
    const kept = thinIndices(sortedKey ?? Float64Array.from({ length: rawLoss.length }, (_, i) => i), options);
    order = Int32Array.from(kept, (k) => (order === null ? k : order[k]!));
  }
  // Column.values() gave arrays of their own: in order, they are the run's.
  const pick = (source: Float64Array): Float64Array => (order === null ? source : gather(source, order));
  const loss = pick(rawLoss);
  let bestLoss = Infinity;
  for (const value of loss) if (value < bestLoss) bestLoss = value;
  return {
    id: "",
    nParams: Number.isNaN(run.nParams) ? null : run.nParams,
    batchTokens: Number.isNaN(run.batchTokens) ? null : run.batchTokens,
    steps: hasSteps ? pick(rawSteps) : null,
    tokens: hasTokens ? pick(rawTokens) : null,
    loss,
    finalLoss: loss[loss.length - 1]!,
    bestLoss,
    file: run.file,
  };
}

function hasNaN(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i]!)) return true;
  return false;
}

function isSorted(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) if (values[i]! < values[i - 1]!) return false;
  return true;
}

/**
 * Ids: the run column's name; the file when it holds one group; else `N=125M B=524k` or
 * `N=125M D=2.5B` (D: the run's first tokens, null when it has none).
 */
function nameRuns<R extends { id: string; nParams: number | null; batchTokens: number | null }>(runs: R[], pending: PendingRun[], firstTokens: (run: R, index: number) => number | null): void {
  const groupsPerFile = new Map<string, number>();
  for (const run of pending) if (run.mode === "pair") groupsPerFile.set(run.file, (groupsPerFile.get(run.file) ?? 0) + 1);
  const used = new Map<string, number>();
  runs.forEach((run, index) => {
    const source = pending[index]!;
    let id: string;
    if (source.name !== null) id = source.name;
    else if (source.mode === "pair" && groupsPerFile.get(source.file) === 1) id = source.file;
    else {
      const parts: string[] = [];
      if (run.nParams !== null) parts.push(`N=${formatSI(run.nParams)}`);
      const tokens = source.mode === "row" ? firstTokens(run, index) : null;
      if (tokens !== null) parts.push(`D=${formatSI(tokens)}`);
      if (run.batchTokens !== null) parts.push(`B=${formatSI(run.batchTokens)}`);
      id = parts.length > 0 ? parts.join(" ") : source.file;
    }
    const seen = used.get(id) ?? 0;
    used.set(id, seen + 1);
    run.id = seen === 0 ? id : `${id} #${seen + 1}`;
  });
}
