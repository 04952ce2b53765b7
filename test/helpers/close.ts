/** Relative tolerance: |actual - expected| <= rel * |expected| (toBeCloseTo counts decimals). */
import { expect } from "vitest";

export function expectRel(actual: number, expected: number, rel: number, label = ""): void {
  const error = Math.abs(actual - expected) / Math.abs(expected);
  if (!(error <= rel)) {
    expect.fail(`${label ? `${label}: ` : ""}${actual} is not within ${rel} (relative) of ${expected} (relative error ${error})`);
  }
}

export function relError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}
