/**
 * consistency: a proposal that states a quantity twice must agree with itself:
 * tokens = batchTokens x steps, and flops = 6 N D (shared/laws.md, Notation: C = 6 N B S).
 * The value is the largest relative mismatch |given/derived - 1|.
 */
import { formatSig } from "../io/units.js";
import { percent, skipped, verdict } from "./checkResult.js";
import type { CheckThresholds } from "./thresholds.js";
import type { CheckResult, Proposal } from "./types.js";

export function checkConsistency(proposal: Proposal, thresholds: CheckThresholds): CheckResult {
  const { nParams, nTokens, batchTokens, steps, flops } = proposal;
  const mismatches: Array<{ relative: number; text: string }> = [];
  if (nTokens !== undefined && batchTokens !== undefined && steps !== undefined) {
    const derived = batchTokens * steps;
    mismatches.push({
      relative: Math.abs(nTokens / derived - 1),
      text: `tokens ${formatSig(nTokens)} vs batchTokens x steps = ${formatSig(derived)}`,
    });
  }
  const tokens = nTokens ?? (batchTokens !== undefined && steps !== undefined ? batchTokens * steps : undefined);
  if (flops !== undefined && tokens !== undefined) {
    const derived = 6 * nParams * tokens;
    mismatches.push({ relative: Math.abs(flops / derived - 1), text: `flops ${formatSig(flops)} vs 6 N D = ${formatSig(derived)}` });
  }
  if (mismatches.length === 0) {
    return skipped("consistency", "nothing stated twice to cross-check (tokens with batchTokens and steps, or flops with tokens)");
  }
  const tolerance = thresholds.consistencyTolerance;
  const worst = mismatches.reduce((a, b) => (b.relative > a.relative ? b : a));
  const bad = mismatches.filter((m) => !(m.relative <= tolerance));
  if (bad.length > 0) {
    const text = bad.map((m) => `${m.text} (off by ${percent(m.relative)})`).join("; ");
    return verdict("consistency", "fail", worst.relative, tolerance, `${text}: more than ${percent(tolerance)} apart`);
  }
  return verdict("consistency", "pass", worst.relative, tolerance, `${mismatches.map((m) => m.text).join("; ")}: within ${percent(tolerance)}`);
}
