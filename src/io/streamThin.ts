/**
 * Thinning while reading, so memory is bounded by the points kept, not by the file:
 * `--every k` keeps a run's 1st, (k+1)th, ... row in file order (and its last row);
 * `--max-points n` compacts a run to ~8n points evenly in log-step whenever it reaches 32n,
 * and the final, exact choice of n points is made on what is left (finalize.ts).
 */
import { Column, gather } from "./column.js";
import { thinIndices } from "./thin.js";

export interface Thinnable {
  steps: Column;
  tokens: Column;
  loss: Column;
}

/** Rows a run may hold before it is compacted, for `--max-points n`. */
export function compactionThreshold(maxPoints: number): number {
  return Math.max(32 * maxPoints, 1024);
}

/** Compact a run in place to about 8 x maxPoints points evenly spaced in log-step. */
export function compact(run: Thinnable, maxPoints: number): void {
  const steps = run.steps.values();
  const tokens = run.tokens.values();
  const key = !steps.some(Number.isNaN) ? steps : !tokens.some(Number.isNaN) ? tokens : null;
  if (key === null) return;
  const order = Array.from({ length: key.length }, (_, i) => i).sort((a, b) => key[a]! - key[b]! || a - b);
  const kept = thinIndices(gather(key, order), { maxPoints: 8 * maxPoints }).map((k) => order[k]!);
  run.steps = Column.of(gather(steps, kept));
  run.tokens = Column.of(gather(tokens, kept));
  run.loss = Column.of(gather(run.loss.values(), kept));
}
