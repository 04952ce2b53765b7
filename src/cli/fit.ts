/** `scaling fit`: fit the laws of shared/laws.md to run logs (issue 4); tables, --json, --out. */
import type { Command } from "@commander-js/extra-typings";
import { Option } from "@commander-js/extra-typings";
import { ScalingError } from "../errors.js";
import type { LawFit } from "../fit/fitLaws.js";
import { formatSig } from "../io/units.js";
import type { LawId } from "../laws/types.js";
import { LAW_IDS } from "../laws/types.js";
import { renderTable } from "../report/table.js";
import type { CliContext } from "./context.js";
import { json, list, wholeNumber } from "./options.js";
import { addReadOptions, toReadOptions } from "./readOptions.js";
import { writeOutputFile } from "./writeOutput.js";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const VERSION = "0.1.0";

/**
 * Points a learning curve keeps for fitting unless --max-points says otherwise: evenly in
 * log-step, so memory and fit time depend on the runs, not on how often they were logged.
 */
export const FIT_MAX_POINTS = 500;
const FIT_READ_DEFAULTS = { maxPoints: FIT_MAX_POINTS };

function parseLaws(values: string[] | undefined): LawId[] | "all" {
  if (values === undefined || values.length === 0 || values.includes("all")) return "all";
  for (const value of values) {
    if (!(LAW_IDS as readonly string[]).includes(value)) {
      throw new ScalingError("usage", `--law: "${value}" is not a law; choose from ${LAW_IDS.join(", ")} or all`);
    }
  }
  return [...new Set(values)] as LawId[];
}

const DERIVED_LABELS: Record<string, string> = {
  dMinExponent: "D_min exponent alphaN/alphaD (D_min ∝ N^this)",
  dMinCoefficient: "D_min(N) coefficient (tokens, 2% overfitting)",
  stopAboveConverged: "stop this far above converged loss (alphaN/alphaS)",
  paramsExponent: "N_opt ∝ C^this (chinchilla: beta/(alpha+beta); Kaplan: alphaC/alphaN)",
  tokensExponent: "D_opt ∝ C^b, b = alpha/(alpha+beta)",
  G: "G = (alpha A/(beta B))^(1/(alpha+beta))",
  tokensPerParamAt1e21: "tokens per parameter at 1e21 FLOPs",
  alphaCmin: "alpha_C = 1/(1/alphaS + 1/alphaB + 1/alphaN) (eq. B.7)",
  batchExponent: "B ∝ C_min^this (alphaC/alphaB)",
  stepsExponent: "S_min ∝ C_min^this (alphaC/alphaS)",
};

export function renderLawFit(fit: LawFit, context: CliContext): string {
  const rows = Object.keys(fit.params).map((name) => {
    const se = fit.stderr[name];
    const ci = fit.ci95?.[name];
    return [name, formatSig(fit.params[name]!, 4), se === null || se === undefined ? "-" : `± ${formatSig(se, 2)}`, ci ? `${formatSig(ci[0])} – ${formatSig(ci[1])}` : "-"];
  });
  const lines = [
    context.color.bold(`${fit.law}: ${fit.form}`),
    renderTable(["constant", "value", "std. error", "95% interval (bootstrap)"], rows, ["left", "right", "right", "right"]),
    `fit: RMSE of ${fit.law === "bcrit" ? "ln B_crit" : "ln L"} ${formatSig(fit.rmse)}, R² ${formatSig(fit.r2, 4)}, ${fit.points} points, ${fit.law === "bcrit" ? "one a loss target of a model size" : `${fit.runs} runs`}`,
    `solver: converged in ${fit.iterations} iterations; ${fit.startsAtOptimum} of ${fit.starts} starts reached the optimum (${fit.objectiveKind} ${formatSig(fit.objective, 6)})`,
  ];
  if (fit.bootstrap) lines.push(`bootstrap: ${fit.bootstrap.samples} resamples of ${fit.law === "bcrit" ? "model sizes (each with its loss targets)" : "runs"}, seed ${fit.bootstrap.seed}${fit.bootstrap.failed ? `, ${fit.bootstrap.failed} refit${fit.bootstrap.failed === 1 ? "" : "s"} did not converge and ${fit.bootstrap.failed === 1 ? "is" : "are"} left out` : ""}`);
  if (fit.note) lines.push(`note: ${fit.note}`);
  for (const [name, value] of Object.entries(fit.derived)) lines.push(`${DERIVED_LABELS[name] ?? name}: ${formatSig(value)}`);
  if (fit.holdout) {
    lines.push(
      "error" in fit.holdout && fit.holdout.error !== undefined
        ? `holdout: not possible ${fit.holdout.error}`
        : `holdout: fitted without N = ${formatSig(fit.holdout.heldOutParams)}, its ${fit.holdout.points} point${fit.holdout.points === 1 ? "" : "s"} predicted with mean error ${formatSig(100 * fit.holdout.meanRelError)}% (max ${formatSig(100 * fit.holdout.maxRelError)}%, RMSE of ln L ${formatSig(fit.holdout.rmse)})`,
    );
  }
  return `${lines.join("\n")}\n`;
}

export function registerFit(program: Command, context: CliContext): void {
  addReadOptions(
    program
      .command("fit")
      .description("fit scaling laws to run logs: constants, errors, intervals, fit quality")
      .argument("<files...>", "run logs (CSV, TSV, JSONL, JSON; - for stdin)")
      .addOption(new Option("--law <ids>", `laws to fit: ${LAW_IDS.join(", ")} or all (repeat or comma list)`).argParser(list))
      .option("--json", "one JSON document on stdout (README, JSON output)")
      .option("--out <fit.json>", "also write the JSON document, for plan/check/predict --law")
      .option("--plot <file.svg>", "also draw the data, fits, extrapolation, bootstrap band and residuals as one SVG figure")
      .option("--plot-dir <dir>", "also draw one SVG figure per law: DIR/fit-LAW.svg")
      .option("--ascii", "also draw each fitted loss law as a log-log chart in the terminal")
      .addOption(new Option("--bootstrap <n>", "bootstrap resamples over runs (0: none; default 200 when ≤ 50 runs)").argParser(wholeNumber("--bootstrap")))
      .option("--holdout", "hold out the largest model size and report the error predicting it")
      .addOption(new Option("--min-step <s>", "skip learning-curve points before this step").default(100).argParser(wholeNumber("--min-step")))
      .addOption(new Option("--seed <k>", "seed of the bootstrap").default(1).argParser(wholeNumber("--seed"))),
    FIT_READ_DEFAULTS,
  )
    .addHelpText(
      "after",
      `
Examples:
  scaling fit runs.csv
  scaling fit sweep.csv --law nd,chinchilla --holdout
  scaling fit sweep.csv --law chinchilla --out fit.json && scaling plan --compute 1e21 --law fit.json`,
    )
    .action(async (files, options) => {
      // Loaded here, not at start-up: `plan` should not pay for the fitter, readers and SVG.
      const [{ fitDocument }, { fitLaws }, { readRuns, summarizeRuns }, { inputToJson, summaryLine }, { renderFitAscii }, figures] = await Promise.all([
        import("../fit/fitDocument.js"),
        import("../fit/fitLaws.js"),
        import("../io/read.js"),
        import("../report/inputReport.js"),
        import("../report/fitAscii.js"),
        import("../report/svg/fitFigure.js"),
      ]);
      const { isDrawable, renderFitFigure, renderLawFigure } = figures;
      const laws = parseLaws(options.law);
      const runSet = await readRuns(files, toReadOptions(options, context, undefined, FIT_READ_DEFAULTS));
      const input = summarizeRuns(runSet);
      if (!options.json) context.stderr(`${summaryLine(input)}\n`);
      const report = fitLaws(runSet.runs, {
        laws,
        bootstrap: options.bootstrap ?? null,
        seed: options.seed,
        holdout: options.holdout === true,
        minStep: options.minStep,
        native: context.env.SCALING_NATIVE !== "0",
      });
      const document = fitDocument(inputToJson(input), report, VERSION);
      if (options.out !== undefined) writeOutputFile(options.out, json(document), files);
      if (options.ascii && options.json) throw new ScalingError("usage", "--ascii draws on stdout; it cannot go with --json");
      const figureOptions = { minStep: options.minStep };
      if (options.plot !== undefined) writeOutputFile(options.plot, renderFitFigure(report.fits, runSet.runs, figureOptions), files);
      if (options.plotDir !== undefined) {
        mkdirSync(options.plotDir, { recursive: true });
        for (const fit of report.fits.filter((f) => isDrawable(f, runSet.runs, figureOptions, report.fits))) {
          writeOutputFile(join(options.plotDir, `fit-${fit.law}.svg`), renderLawFigure(fit, runSet.runs, figureOptions, report.fits), files);
        }
      }
      if (options.json) {
        context.stdout(json(document));
        return;
      }
      const parts = report.fits.map((fit) => renderLawFit(fit, context));
      if (options.ascii) parts.push(...report.fits.map((fit) => renderFitAscii(fit, runSet.runs, options.minStep, report.fits)));
      if (report.skipped.length > 0) parts.push(`skipped:\n${report.skipped.map((s) => `  ${s.law}: ${s.reason}`).join("\n")}\n`);
      if (options.out !== undefined) parts.push(`wrote ${options.out} (use it with: scaling plan --law ${options.out})\n`);
      context.stdout(parts.join("\n"));
    });
}
