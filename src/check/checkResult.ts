/** Small constructors for check verdicts, so every check reports the same way. */
import type { CheckId, CheckResult, CheckStatus } from "./types.js";

export function verdict(id: CheckId, status: Exclude<CheckStatus, "skip">, value: number, limit: number, message: string): CheckResult {
  return { id, status, message, value, limit };
}

/** A check that does not apply, and why. */
export function skipped(id: CheckId, why: string): CheckResult {
  return { id, status: "skip", message: why, value: null, limit: null };
}

/** A percentage with three significant figures: `12.3%`. */
export function percent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(3))}%`;
}

/** A threshold as written, to three significant figures and no trailing zeros: `4`, `2.5`. */
export function plain(value: number): string {
  return String(Number(value.toPrecision(3)));
}
