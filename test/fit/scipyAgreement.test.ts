/**
 * Agreement with scipy: the same data and objective, fitted by scipy.optimize in
 * test/reference/make_fit_refs.py (least_squares "lm" for n, d, nd; L-BFGS-B with the analytic
 * gradient from Hoffmann's 4,500-point grid for chinchilla). Constants within 1e-4 relative,
 * objective no higher than scipy's.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fitLaw } from "../../src/fit/fitLaws.js";
import { LAW_SPECS } from "../../src/fit/lawSpecs.js";
import type { LogData } from "../../src/fit/logData.js";
import type { LawId } from "../../src/laws/types.js";
import { expectRel } from "../helpers/close.js";
import { finalRun } from "./synthetic.js";

interface Ref {
  data: { params?: number[]; tokens?: number[]; minSteps?: number[]; bcrit?: number[]; loss: number[] };
  params: Record<string, number>;
  objective: number;
}
const REFS = JSON.parse(readFileSync(new URL("../reference/fit_refs.json", import.meta.url), "utf8")) as Record<string, Ref>;

function runsOf(ref: Ref) {
  return ref.data.loss.map((loss, i) => finalRun(`run${i}`, ref.data.params?.[i] ?? 1e9, ref.data.tokens?.[i] ?? 1e10, loss));
}

describe("agreement with scipy.optimize (test/reference/make_fit_refs.py)", () => {
  it.each(["n", "d", "nd", "chinchilla"] as LawId[])("%s: constants within 1e-4, objective ≤ scipy's", (law) => {
    const ref = REFS[law]!;
    const fit = fitLaw(runsOf(ref), law, { laws: [law], bootstrap: 0 });
    for (const [name, value] of Object.entries(ref.params)) expectRel(fit.params[name]!, value, 1e-4, `${law} ${name}`);
    expect(fit.objective).toBeLessThanOrEqual(ref.objective * (1 + 1e-9));
  });

  // ns and bcrit take points the readers do not make directly (S_min, B_crit): fitted as LogData.
  const logData = (columns: number[][], target: number[]): LogData => ({
    lnX: columns.map((c) => Float64Array.from(c, Math.log)),
    lnL: Float64Array.from(target, Math.log),
    runOf: Int32Array.from(target, (_, i) => i),
  });
  it.each([
    ["ns", (r: Ref) => logData([r.data.params!, r.data.minSteps!], r.data.loss)],
    ["bcrit", (r: Ref) => logData([r.data.loss], r.data.bcrit!)],
  ] as const)("%s: constants within 1e-4, objective ≤ scipy's", (law, toData) => {
    const ref = REFS[law]!;
    const fit = LAW_SPECS[law]!.fit(toData(ref));
    for (const [name, value] of Object.entries(ref.params)) expectRel(fit.params[name]!, value, 1e-4, `${law} ${name}`);
    expect(fit.objective).toBeLessThanOrEqual(ref.objective * (1 + 1e-9));
  });
});
