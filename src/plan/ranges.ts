/**
 * Uncertainty of a plan: the plan repeated under each bootstrap refit that `scaling fit`
 * stored in its fit file (`fits[].samples`), and the 2.5th–97.5th percentiles of N, D and the
 * predicted loss. Re-planning over samples keeps the correlations of the constants (A with
 * alpha, Nc with alphaN) that corners of per-constant intervals would ignore.
 */
import { LAW_IDS } from "../laws/types.js";
import type { LawId, LawSet } from "../laws/types.js";
import type { PlanOptions } from "./plan.js";
import { plan } from "./plan.js";

export interface PlanRanges {
  /** Bootstrap law sets the plan was repeated under (those where planning succeeded). */
  samples: number;
  nParams: [number, number];
  nTokens: [number, number];
  lossNats: [number, number];
}

/**
 * One law set per bootstrap sample of a parsed fit file: the k-th sample of every law that
 * has one, the fitted constants for the rest. Empty when the file has no samples.
 */
export function sampleLawSets(document: unknown, base: LawSet): LawSet[] {
  const fits = (document as { fits?: unknown })?.fits;
  if (!Array.isArray(fits)) return [];
  const samplesByLaw = new Map<LawId, Array<Record<string, number>>>();
  for (const fit of fits) {
    const law = (fit as { law?: unknown }).law as LawId;
    const samples = (fit as { samples?: unknown }).samples;
    if (!LAW_IDS.includes(law) || !Array.isArray(samples) || samples.length === 0) continue;
    samplesByLaw.set(law, samples as Array<Record<string, number>>);
  }
  const count = Math.min(...[...samplesByLaw.values()].map((s) => s.length));
  if (!Number.isFinite(count)) return [];
  const sets: LawSet[] = [];
  for (let k = 0; k < count; k++) {
    const laws = { ...base.laws } as Record<string, unknown>;
    for (const [law, samples] of samplesByLaw) laws[law] = { ...(base.laws[law] as object), ...samples[k] };
    sets.push({ ...base, laws: laws as LawSet["laws"] });
  }
  return sets;
}

function percentile95(values: number[]): [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => {
    const position = q * (sorted.length - 1);
    const below = Math.floor(position);
    const above = Math.min(below + 1, sorted.length - 1);
    return sorted[below]! + (position - below) * (sorted[above]! - sorted[below]!);
  };
  return [at(0.025), at(0.975)];
}

/** 95% ranges of N, D and loss over the sample law sets; null with fewer than 20 usable. */
export function planRanges(sets: readonly LawSet[], options: PlanOptions): PlanRanges | null {
  const nParams: number[] = [];
  const nTokens: number[] = [];
  const loss: number[] = [];
  for (const set of sets) {
    try {
      const result = plan(set, options);
      if (![result.nParams, result.nTokens, result.lossNats].every(Number.isFinite)) continue;
      nParams.push(result.nParams);
      nTokens.push(result.nTokens);
      loss.push(result.lossNats);
    } catch {
      // A resample whose constants admit no plan (e.g. a loss below its floor) is left out.
    }
  }
  if (nParams.length < 20) return null;
  return { samples: nParams.length, nParams: percentile95(nParams), nTokens: percentile95(nTokens), lossNats: percentile95(loss) };
}
