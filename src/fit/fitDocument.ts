/**
 * The `fit --json` / `--out fit.json` document (DESIGN.md, "fit --json"): what was read, each
 * law's constants, standard errors, 95% intervals, fit quality and derived quantities, the
 * laws skipped and why, and the version. `plan --law fit.json` reads it (io/lawFile.ts);
 * `samples` holds the bootstrap refits, from which plan computes ranges.
 */
import type { FitReport, LawFit } from "./fitLaws.js";

const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

export function lawFitToJson(fit: LawFit): Record<string, unknown> {
  return {
    law: fit.law,
    form: fit.form,
    params: fit.params,
    stderr: fit.stderr,
    ci95: fit.ci95,
    rmse: finiteOrNull(fit.rmse),
    r2: finiteOrNull(fit.r2),
    points: fit.points,
    runs: fit.runs,
    objective: fit.objective,
    objectiveKind: fit.objectiveKind,
    converged: fit.converged,
    iterations: fit.iterations,
    starts: fit.starts,
    startsAtOptimum: fit.startsAtOptimum,
    derived: fit.derived,
    holdout: fit.holdout,
    note: fit.note,
    bootstrap: fit.bootstrap,
    samples: fit.samples,
  };
}

/** The whole document; `input` is what was read (report/inputReport.ts inputToJson, as `inspect --json`). */
export function fitDocument(input: object, report: FitReport, version: string): Record<string, unknown> {
  return { input, fits: report.fits.map(lawFitToJson), skipped: report.skipped, version };
}
