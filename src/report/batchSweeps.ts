/**
 * The batch sweeps behind a B_crit(L) fit, for its figure: for each model size with runs at
 * three or more batch sizes, at loss targets every run reaches, the steps S and tokens E = B S
 * each run took and the S_min, E_min fitted to them (S = S_min + E_min/B). The same targets as
 * src/fit/curveData.ts's dataBcrit (8 log-spaced between the highest loss every run has passed
 * after minStep and the lowest all reach), with its stepsToReach and minStepsAndTokens; src/fit
 * keeps only (L, E_min/S_min), so the figure recomputes the sweeps here.
 */
import { minStepsAndTokens, stepsToReach } from "../fit/curveData.js";
import { distinctCount } from "../fit/lawData.js";
import type { Run } from "../io/runs.js";
import type { BatchSweep } from "./svg/bcritPanels.js";

export function batchSweeps(runs: readonly Run[], minStep: number): BatchSweep[] {
  type Curve = { nParams: number; batchTokens: number; steps: Float64Array; loss: Float64Array };
  const bySize = new Map<number, Curve[]>();
  for (const run of runs) {
    if (run.nParams === null || run.batchTokens === null || run.steps === null || run.loss.length < 2) continue;
    const curve = { nParams: run.nParams, batchTokens: run.batchTokens, steps: run.steps, loss: run.loss };
    bySize.set(run.nParams, [...(bySize.get(run.nParams) ?? []), curve]);
  }
  const sweeps: BatchSweep[] = [];
  for (const curves of bySize.values()) {
    if (distinctCount(curves.map((c) => c.batchTokens)) < 3) continue;
    const after = (c: Curve): number[] => Array.from(c.loss).filter((_, i) => c.steps[i]! >= minStep);
    const upper = Math.min(...curves.map((c) => Math.max(...after(c))));
    const lower = Math.max(...curves.map((c) => Math.min(...c.loss)));
    if (!(upper > lower)) continue;
    for (let k = 0; k < 8; k++) {
      const target = Math.exp(Math.log(lower * 1.002) + ((k + 0.5) / 8) * (Math.log(upper) - Math.log(lower * 1.002)));
      const needed = curves.map((c) => stepsToReach(c.steps, c.loss, target));
      if (needed.some((s) => s === null)) continue;
      const steps = needed as number[];
      const fit = minStepsAndTokens(curves.map((c) => c.batchTokens), steps);
      if (fit === null) continue;
      sweeps.push({ lossNats: target, nParams: curves[0]!.nParams, ...fit, runs: curves.map((c, i) => ({ steps: steps[i]!, tokens: steps[i]! * c.batchTokens })) });
    }
  }
  return sweeps;
}
