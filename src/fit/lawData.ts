/**
 * From runs to the points each law is fitted to, and the decision whether the runs can
 * support that law at all (issue 4, "Clear errors"): a law the data cannot determine throws
 * ScalingError("data") saying what it needs and what it got.
 */
import { ScalingError } from "../errors.js";
import type { Run } from "../io/runs.js";
import type { LogData } from "./logData.js";

/** Distinct values, equal within 1e-6 relative (float noise in a CSV). */
export function distinctCount(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  let count = 0;
  let last = NaN;
  for (const v of sorted) {
    if (!(Math.abs(v - last) <= 1e-6 * Math.abs(v))) count++;
    last = v;
  }
  return count;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

function finalTokens(run: Run): number | null {
  const tokens = run.tokens;
  if (tokens === null || tokens.length === 0) return null;
  const value = tokens[tokens.length - 1]!;
  return value > 0 && Number.isFinite(value) ? value : null;
}

function build(lnX: number[][], lnL: number[], runOf: number[]): LogData {
  return { lnX: lnX.map((c) => Float64Array.from(c)), lnL: Float64Array.from(lnL), runOf: Int32Array.from(runOf) };
}

/** Runs with a known N and a positive final loss. */
function sized(runs: readonly Run[]): Array<{ run: Run; index: number; nParams: number }> {
  return runs.flatMap((run, index) =>
    run.nParams !== null && run.nParams > 0 && run.finalLoss > 0 ? [{ run, index, nParams: run.nParams }] : [],
  );
}

/** L(N): the best (early-stopped) loss of each model size; one point per size. */
export function dataN(runs: readonly Run[]): LogData {
  const best = new Map<number, { loss: number; index: number }>();
  for (const { run, index, nParams } of sized(runs)) {
    const previous = best.get(nParams);
    if (previous === undefined || run.bestLoss < previous.loss) best.set(nParams, { loss: run.bestLoss, index });
  }
  if (best.size < 3) throw new ScalingError("data", `L(N) needs runs of at least 3 model sizes; got ${plural(best.size, "model size")}`);
  const entries = [...best.entries()].sort((a, b) => a[0] - b[0]);
  return build(
    [entries.map(([n]) => Math.log(n))],
    entries.map(([, b]) => Math.log(b.loss)),
    entries.map(([, b]) => b.index),
  );
}

/** L(D): loss against tokens of the largest model size (after `minStep`). */
export function dataD(runs: readonly Run[], minStep: number): LogData {
  const withN = sized(runs);
  const largest = Math.max(...withN.map((r) => r.nParams));
  const lnX: number[] = [];
  const lnL: number[] = [];
  const runOf: number[] = [];
  // Learning curves at several batch sizes do not share one L(D): take the smallest batch's
  // curve (the most data-efficient, closest to E_min), or every run of a final-results table.
  const curves = withN.filter((r) => r.nParams === largest && r.run.loss.length > 1 && r.run.batchTokens !== null);
  const smallestBatch = curves.length > 0 ? Math.min(...curves.map((r) => r.run.batchTokens!)) : null;
  for (const { run, index, nParams } of withN) {
    if (nParams !== largest || run.tokens === null) continue;
    if (smallestBatch !== null && run.loss.length > 1 && run.batchTokens !== smallestBatch) continue;
    for (let i = 0; i < run.loss.length; i++) {
      const tokens = run.tokens[i]!;
      if (run.steps !== null && run.loss.length > 1 && run.steps[i]! < minStep) continue;
      if (tokens > 0 && run.loss[i]! > 0) {
        lnX.push(Math.log(tokens));
        lnL.push(Math.log(run.loss[i]!));
        runOf.push(index);
      }
    }
  }
  const counts = distinctCount(lnX);
  if (counts < 3) throw new ScalingError("data", `L(D) needs at least 3 token counts for the largest model size; got ${plural(counts, "token count")}`);
  return build([lnX], lnL, runOf);
}

/** L(N,D) and Chinchilla: the final loss of each run against its N and final D. */
export function dataND(runs: readonly Run[], what: string, minPoints: number): LogData {
  const points = sized(runs).flatMap(({ run, index, nParams }) => {
    const tokens = finalTokens(run);
    return tokens === null ? [] : [{ index, nParams, tokens, loss: run.finalLoss }];
  });
  const sizes = distinctCount(points.map((p) => p.nParams));
  const tokenCounts = distinctCount(points.map((p) => p.tokens));
  if (sizes < 3 || tokenCounts < 2) {
    const got = sizes < 3 ? plural(sizes, "model size") : plural(tokenCounts, "token count");
    throw new ScalingError("data", `${what} needs runs of at least 3 model sizes and 2 token counts; got ${got}`);
  }
  if (points.length < minPoints) {
    throw new ScalingError("data", `${what} needs at least ${minPoints} runs with N, D and a loss; got ${points.length}`);
  }
  return build(
    [points.map((p) => Math.log(p.nParams)), points.map((p) => Math.log(p.tokens))],
    points.map((p) => Math.log(p.loss)),
    points.map((p) => p.index),
  );
}
