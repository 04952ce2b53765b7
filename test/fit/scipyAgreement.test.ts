/**
 * Agreement with scipy: the same data and objective, fitted by scipy.optimize in
 * test/reference/make_fit_refs.py (least_squares "lm" for n, d, nd; L-BFGS-B with the analytic
 * gradient from Hoffmann's 4,500-point grid for chinchilla). Constants within 1e-4 relative,
 * objective no higher than scipy's.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fitLaw } from "../../src/fit/fitLaws.js";
import type { LawId } from "../../src/laws/types.js";
import { expectRel } from "../helpers/close.js";
import { finalRun } from "./synthetic.js";

interface Ref {
  data: { params?: number[]; tokens?: number[]; loss: number[] };
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
});
