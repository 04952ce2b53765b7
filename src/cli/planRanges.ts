/**
 * `plan --law fit.json`: the plan's 95% ranges from the bootstrap refits stored in the fit
 * file (plan/ranges.ts). Null for presets and for fit files without samples.
 */
import { readFileSync } from "node:fs";
import type { LawSet } from "../laws/types.js";
import type { PlanOptions } from "../plan/plan.js";
import type { PlanRanges } from "../plan/ranges.js";
import { planRanges, sampleLawSets } from "../plan/ranges.js";

export function rangesForLawFile(lawArgument: string, lawSet: LawSet, options: PlanOptions): PlanRanges | null {
  if (lawSet.name !== lawArgument || !/[./\\]/.test(lawArgument)) return null;
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(lawArgument, "utf8"));
  } catch {
    return null;
  }
  return planRanges(sampleLawSets(document, lawSet), options);
}
