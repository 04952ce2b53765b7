/**
 * The data a law is fitted to: ln L of each point, ln of each regressor (ln N, ln D, ...),
 * and the run each point came from (for the bootstrap over runs and the holdout).
 */
export interface LogData {
  /** ln of each regressor, one array per dimension, in the law's order (e.g. [ln N, ln D]). */
  lnX: Float64Array[];
  /** ln L of each point, L in nats/token. */
  lnL: Float64Array;
  /** Index of the run each point belongs to. */
  runOf: Int32Array;
}

/** The points of the given runs (repeats allowed: a bootstrap sample), in the order given. */
export function selectRuns(data: LogData, runs: ArrayLike<number>): LogData {
  const byRun = new Map<number, number[]>();
  for (let i = 0; i < data.lnL.length; i++) {
    const list = byRun.get(data.runOf[i]!);
    if (list === undefined) byRun.set(data.runOf[i]!, [i]);
    else list.push(i);
  }
  const indices: number[] = [];
  const runOf: number[] = [];
  for (let k = 0; k < runs.length; k++) {
    for (const i of byRun.get(runs[k]!) ?? []) {
      indices.push(i);
      runOf.push(k);
    }
  }
  return {
    lnX: data.lnX.map((column) => Float64Array.from(indices, (i) => column[i]!)),
    lnL: Float64Array.from(indices, (i) => data.lnL[i]!),
    runOf: Int32Array.from(runOf),
  };
}

/** The distinct runs of the data, in order of first appearance. */
export function runsOf(data: LogData): number[] {
  return [...new Set(data.runOf)];
}

/** The points for which `keep(i)` holds. */
export function selectPoints(data: LogData, keep: (index: number) => boolean): LogData {
  const indices: number[] = [];
  for (let i = 0; i < data.lnL.length; i++) if (keep(i)) indices.push(i);
  return {
    lnX: data.lnX.map((column) => Float64Array.from(indices, (i) => column[i]!)),
    lnL: Float64Array.from(indices, (i) => data.lnL[i]!),
    runOf: Int32Array.from(indices, (i) => data.runOf[i]!),
  };
}
